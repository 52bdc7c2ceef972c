import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import nodePath from 'node:path';
import { DomainError } from '../../shared/domain/errors';
import { platformExchange, type ExchangeNames } from './exchangeRename';

/** The path functions of one platform: `path.win32` in tests of Windows names, else the host's. */
export type PathApi = Pick<typeof nodePath, 'basename' | 'dirname' | 'join'>;

/** The part of a file handle the writer uses, so a test can hand it short writes or a full disk. */
export interface WriteHandle {
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  sync(): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/**
 * Every file system call the durable writer makes. Tests pass their own to inject short writes, ENOSPC
 * or a Windows antivirus holding a file for a moment, without replacing node:fs for the whole process.
 */
export interface DurableFs {
  open(path: string, flags: string, mode?: number): Promise<WriteHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  copyFile(from: string, to: string, mode?: number): Promise<void>;
  /** Swaps two names atomically; rejects with ENOTSUP (or EINVAL from the file system) where it can't. */
  exchange?: ExchangeNames;
  platform: NodeJS.Platform;
  sleep(ms: number): Promise<void>;
}

export const nodeDurableFs: DurableFs = {
  open: (path, flags, mode) => nodeFs.open(path, flags, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (path) => nodeFs.unlink(path),
  link: (existing, created) => nodeFs.link(existing, created),
  copyFile: (from, to, mode) => nodeFs.copyFile(from, to, mode),
  exchange: platformExchange(),
  platform: process.platform,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** How a write failed, in the words the person who made the change needs. */
export type DiskProblem = 'full' | 'io' | 'not_as_written';

/** Who is told what when a write fails: the plan store says "Your change was not saved". */
export interface WriteWording {
  notSaved: string;
  unchanged: string;
}

function defaultWording(path: string): WriteWording {
  return { notSaved: `${path} was not saved`, unchanged: `Any earlier ${path} is unchanged.` };
}

/**
 * A write the disk refused (full, over quota, failing) or whose bytes did not read back as written.
 * The target file was left as it was. Code 'disk_full' or 'disk_error' reaches the renderer, which keeps
 * the unsaved edit on screen and offers to try again or save a copy elsewhere.
 */
export class DiskWriteError extends DomainError {
  constructor(
    readonly path: string,
    readonly problem: DiskProblem,
    wording: WriteWording = defaultWording(path),
  ) {
    const reason =
      problem === 'full'
        ? `the disk holding ${path} is full`
        : problem === 'io'
          ? `the disk holding ${path} reported an error while it was being written`
          : `what was written to the disk holding ${path} did not read back as written`;
    super(problem === 'full' ? 'disk_full' : 'disk_error', `${wording.notSaved}: ${reason}. ${wording.unchanged}`);
    this.name = 'DiskWriteError';
  }
}

function diskProblemOf(error: unknown): DiskProblem | null {
  const code = codeOf(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code === 'EIO') return 'io';
  return null;
}

/** Turns a full or failing disk into a DiskWriteError for `path`; any other error passes unchanged. */
export function asDiskWriteError(error: unknown, path: string, wording?: WriteWording): unknown {
  if (error instanceof DiskWriteError) return error;
  const problem = diskProblemOf(error);
  return problem ? new DiskWriteError(path, problem, wording) : error;
}

/** Antivirus scanners and search indexers on Windows hold a file for a moment; graceful-fs retries too. */
const TRANSIENT_ON_WINDOWS = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RETRY_DELAYS_MS = [10, 20, 40, 80, 160, 320, 640];

/** Runs a rename, unlink or copy again with a short backoff while Windows reports the file as held. */
export async function withRetries<T>(fs: DurableFs, operation: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (fs.platform !== 'win32' || delay === undefined || !TRANSIENT_ON_WINDOWS.has(codeOf(error) ?? '')) throw error;
      await fs.sleep(delay);
    }
  }
}

/**
 * A temp file name for a write to the file called `name`: `.<name>.<pid>.<random>.tmp`. The leading dot,
 * the pid, 8 random hex digits and `.tmp` make it a name no person keeps, so clean-up can prove it ours.
 */
export function tempNameFor(name: string, pid = process.pid, random = randomBytes(4).toString('hex')): string {
  return `.${name}.${pid}.${random}.tmp`;
}

/** Where a write to `path` stages its bytes: beside it, so the rename never crosses file systems. */
export function tempPathFor(path: string, pathApi: PathApi = nodePath): string {
  return pathApi.join(pathApi.dirname(path), tempNameFor(pathApi.basename(path)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the temp names tempNameFor makes for any of `names` (see removeLeftovers). */
export function tempNamePattern(names: readonly string[]): RegExp {
  return new RegExp(`^\\.(?:${names.map(escapeRegExp).join('|')})\\.\\d{1,10}\\.[0-9a-f]{8}\\.tmp$`);
}

export interface DurableWriteOptions {
  fs?: DurableFs;
  /** What the person is told if the disk refuses; defaults to naming the file. */
  wording?: WriteWording;
  /**
   * `false` leaves the directory fsync to a write that follows in the same directory (one fsync of a
   * directory makes every rename in it durable).
   */
  syncDir?: boolean;
}

/** A temp file beside the target holding exactly the intended bytes, flushed to disk, not yet in place. */
export interface StagedFile {
  readonly tempPath: string;
  /** Renames the temp file over the target and makes the rename durable. */
  install(): Promise<void>;
  /**
   * Swaps the temp file and the target in one step and makes it durable; afterwards `tempPath` names the
   * version displaced, which the caller now owns (discard leaves it). Resolves false, changing nothing,
   * where the platform or file system cannot swap or there is no target to swap with.
   */
  exchange(): Promise<boolean>;
  /** Removes the temp file if it is still there. Always safe to call. */
  discard(): Promise<void>;
}

/** The errors of a swap that only mean "not here": fall back to a rename. */
const NO_EXCHANGE = new Set(['ENOTSUP', 'EOPNOTSUPP', 'EINVAL', 'ENOSYS', 'ENOENT']);

async function writeAll(handle: WriteHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, offset);
    // A write that makes no progress would loop for ever; the disk has no room for more.
    if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** How much of a file is read at once when it is compared with bytes in memory: a 50 MB plan is not held twice more. */
const COMPARE_CHUNK = 8 * 1024 * 1024;

/**
 * Whether the file behind `handle` starts with exactly `expected`, read in large pieces into one buffer and
 * compared as they come. The read-back after a write, and the store's checks that the plan file is still
 * what it last saw, both compare this way.
 */
export async function startsWith(handle: Pick<WriteHandle, 'read'>, expected: Buffer): Promise<boolean> {
  const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(expected.length, COMPARE_CHUNK)));
  let offset = 0;
  while (offset < expected.length) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, expected.length - offset), offset);
    if (bytesRead <= 0) return false;
    if (!chunk.subarray(0, bytesRead).equals(expected.subarray(offset, offset + bytesRead))) return false;
    offset += bytesRead;
  }
  return true;
}

/**
 * Writes all of `data` to a fresh temp file beside `path`, fsyncs it, and proves it holds exactly those
 * bytes (its size, then the bytes read back) before anything may rename it into place. On any failure the
 * temp file is removed and `path` is untouched.
 */
export async function stageFile(
  path: string,
  data: string | Buffer,
  options: DurableWriteOptions = {},
): Promise<StagedFile> {
  const fs = options.fs ?? nodeDurableFs;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tempPath = tempPathFor(path);
  let handedOver = false;
  const discard = async () => {
    if (handedOver) return;
    await withRetries(fs, () => fs.unlink(tempPath)).catch(() => undefined);
  };
  let handle: WriteHandle | null = null;
  try {
    handle = await fs.open(tempPath, 'wx+', 0o666);
    await writeAll(handle, bytes);
    await handle.sync();
    const written = await handle.stat();
    if (written.size !== bytes.length || !(await startsWith(handle, bytes))) {
      throw new DiskWriteError(path, 'not_as_written', options.wording);
    }
    await handle.close();
    handle = null;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await discard();
    throw asDiskWriteError(error, path, options.wording);
  }
  return {
    tempPath,
    discard,
    install: async () => {
      try {
        await withRetries(fs, () => fs.rename(tempPath, path));
        if (options.syncDir !== false) await syncDirectory(nodePath.dirname(path), fs);
      } catch (error) {
        await discard();
        throw asDiskWriteError(error, path, options.wording);
      }
    },
    exchange: async () => {
      if (!fs.exchange) return false;
      try {
        await fs.exchange(tempPath, path);
      } catch (error) {
        if (NO_EXCHANGE.has(codeOf(error) ?? '')) return false;
        await discard();
        throw asDiskWriteError(error, path, options.wording);
      }
      handedOver = true;
      if (options.syncDir !== false) await syncDirectory(nodePath.dirname(path), fs);
      return true;
    },
  };
}

/**
 * The one way this app writes a file: all bytes to a unique temp file beside it, fsync, check size and
 * content, rename over the target, fsync the directory. A reader only ever sees the old file or the new
 * one, and success is only reported once the new bytes are on disk.
 */
export async function writeFileDurably(
  path: string,
  data: string | Buffer,
  options: DurableWriteOptions = {},
): Promise<void> {
  const staged = await stageFile(path, data, options);
  try {
    await staged.install();
  } finally {
    await staged.discard();
  }
}

/**
 * Makes `target` a complete, independent copy of `source` (read, then written durably): never a link, so
 * no later write to `source` in place can change it. Returns false when `source` does not exist.
 */
export async function copyDurably(source: string, target: string, options: DurableWriteOptions = {}): Promise<boolean> {
  let bytes: Buffer;
  try {
    bytes = await nodeFs.readFile(source);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
  await writeFileDurably(target, bytes, options);
  return true;
}

export async function syncDirectory(directory: string, fs: DurableFs = nodeDurableFs): Promise<void> {
  let handle: WriteHandle | undefined;
  try {
    handle = await fs.open(directory, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    if (!isUnsupported(error)) throw error;
  } finally {
    await handle?.close();
  }
}

function isUnsupported(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'EACCES';
}

/**
 * Removes leftovers of killed writes whose names match `pattern` from `directory`. Only files older than
 * `olderThanMs` go, so a write in progress in another process keeps its temp file; pass 0 when this
 * process holds the lock on the data file and so no other writer can be running. Returns what was removed.
 */
export async function removeLeftovers(
  directory: string,
  pattern: RegExp,
  options: { olderThanMs: number; now?: number },
): Promise<string[]> {
  let names: string[];
  try {
    names = await nodeFs.readdir(directory);
  } catch {
    return [];
  }
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const full = nodePath.join(directory, name);
    try {
      const info = await nodeFs.lstat(full);
      if (!info.isFile()) continue;
      if (options.olderThanMs > 0 && now - info.mtimeMs < options.olderThanMs) continue;
      await withRetries(nodeDurableFs, () => nodeFs.unlink(full));
      removed.push(full);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
