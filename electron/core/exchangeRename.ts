import { createRequire } from 'node:module';
import { constants as osConstants } from 'node:os';

/**
 * Swaps two names in one step: afterwards `to` names what `from` named and `from` names what `to` named.
 * A save that swaps its staged file in gets back, under the staged name, exactly the version it displaced,
 * so a version another program renamed into place a moment earlier is found and kept instead of being
 * destroyed unseen (POSIX rename has no "only if unchanged", and Node exposes no swap).
 */
export type ExchangeNames = (from: string, to: string) => Promise<void>;

/** `renameat2(2)` flag: swap the two names atomically (Linux 3.15; ext4, xfs, btrfs, tmpfs, overlayfs). */
const RENAME_EXCHANGE = 2;
/** `openat(2)`'s "relative to the working directory": our paths are absolute, so it is never used. */
const AT_FDCWD = -100;

type RenameAt2 = (olddirfd: number, oldpath: string, newdirfd: number, newpath: string, flags: number) => number;

interface Koffi {
  load(path: string): { func(signature: string): RenameAt2 };
  errno(): number;
}

function errnoError(errno: number, from: string, to: string): NodeJS.ErrnoException {
  const code = Object.entries(osConstants.errno).find(([, value]) => value === errno)?.[0] ?? `E${errno}`;
  return Object.assign(new Error(`${code}: cannot exchange ${from} and ${to}`), {
    code,
    errno: -errno,
    syscall: 'renameat2',
  });
}

/** Why a swap is not available here, with the code the writer falls back on. */
function unsupported(reason: string): ExchangeNames {
  return () =>
    Promise.reject(Object.assign(new Error(`exchange rename not available: ${reason}`), { code: 'ENOTSUP' }));
}

/**
 * The swap of this platform. Linux calls glibc's `renameat2` through koffi (prebuilt, no compiler); on
 * other systems, or when the library cannot be loaded, every call fails with ENOTSUP and the writer uses a
 * plain rename (see README: the remaining window on those systems).
 */
export function platformExchange(platform: NodeJS.Platform = process.platform): ExchangeNames {
  if (platform !== 'linux') return unsupported(`not implemented on ${platform}`);
  let renameat2: RenameAt2;
  let koffi: Koffi;
  try {
    koffi = createRequire(import.meta.url)('koffi') as Koffi;
    renameat2 = koffi.load('libc.so.6').func('int renameat2(int, const char *, int, const char *, unsigned int)');
  } catch (error) {
    return unsupported(error instanceof Error ? error.message : String(error));
  }
  return (from, to) => {
    const result = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
    return result === 0 ? Promise.resolve() : Promise.reject(errnoError(koffi.errno(), from, to));
  };
}
