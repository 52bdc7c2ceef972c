import { copyFile, link, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Write to a unique temp file, fsync it, rename over the target, then fsync the directory so the rename
 * itself survives a power cut. A reader only ever sees the old file or the new one.
 */
export async function writeFileDurably(path: string, text: string | Buffer): Promise<void> {
  await writeFileAtomic(path, text, typeof text === 'string' ? { encoding: 'utf8', fsync: true } : { fsync: true });
  await syncDirectory(dirname(path));
}

/**
 * Makes `target` a complete copy of `source`, or leaves it as it was: a hard link where the file system
 * allows one (no bytes copied; the atomic write later renames a new file over `source`, so the linked
 * inode is never changed again), else a copy to a temp name that is fsynced and renamed into place.
 * Returns false when `source` does not exist. `syncDir: false` leaves the directory fsync to a write that
 * follows in the same directory (one fsync of a directory makes every rename in it durable).
 */
export async function linkOrCopyDurably(source: string, target: string, options: { syncDir?: boolean } = {}): Promise<boolean> {
  const temp = `${target}.${process.pid}.link`;
  try {
    await rm(temp, { force: true });
    try {
      await link(source, temp);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return false;
      await copyFile(source, temp);
      await syncFile(temp);
    }
    await rename(temp, target);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  } finally {
    // rename() between two names of one inode succeeds without removing the source name (POSIX), so the
    // temp name can survive a successful rename: always clear it.
    await rm(temp, { force: true });
  }
  if (options.syncDir !== false) await syncDirectory(dirname(target));
  return true;
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
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

export function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Names of the temp files a write to `path` can leave behind when the process is killed mid-write:
 * write-file-atomic's `<name>.<32-bit hash>` and linkOrCopyDurably's `<target>.<pid>.link`, for the file
 * itself and for the given sibling targets (its backups).
 */
export function leftoverPattern(name: string, siblings: readonly string[] = []): RegExp {
  const names = [name, ...siblings].map(escapeRegExp).join('|');
  return new RegExp(`^(?:(?:${names})\\.\\d{1,10}|(?:${names})\\.\\d{1,10}\\.link)$`);
}

/**
 * Removes leftovers of killed writes (see leftoverPattern) from `directory`. Only files older than
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
    names = await readdir(directory);
  } catch {
    return [];
  }
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const full = join(directory, name);
    try {
      const info = await stat(full);
      if (!info.isFile()) continue;
      if (options.olderThanMs > 0 && now - info.mtimeMs < options.olderThanMs) continue;
      await rm(full, { force: true });
      removed.push(full);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
