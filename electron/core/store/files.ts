import { lstat, open, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { codeOf, startsWith } from '../atomicWrite';
import { PlanFileError } from '../planFileError';

/** The file's bytes, read through one handle; null when there is no file. */
export async function readBytesIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): PlanFileError {
  const detail = error instanceof Error ? error.message : String(error);
  return new PlanFileError(path, 'unreadable', `${path} could not be read (${detail}).`);
}

/**
 * Whether the file at `path` holds exactly `expected` (null when there is no file), compared piece by
 * piece: a save compares the plan file with what it expects up to three
 * times, and reading a 50 MB file whole each time cost more than writing it.
 */
export async function fileHolds(path: string, expected: Buffer): Promise<boolean | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    if ((await handle.stat()).size !== expected.length) return false;
    if (!(await startsWith(handle, expected))) return false;
    // A file that grew after its size was read is not the one expected either.
    return (await handle.read(Buffer.alloc(1), 0, 1, expected.length)).bytesRead === 0;
  } finally {
    await handle.close();
  }
}

export async function readTextIfExists(path: string): Promise<string | null> {
  return (await readBytesIfExists(path))?.toString('utf8') ?? null;
}

export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** A path as the file system compares it: Windows and macOS names are case-insensitive by default. */
export function samePathKey(path: string): string {
  const full = resolve(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
}

/** The file a path names, through any symlinks; for a file not created yet, its real folder. */
export async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
  try {
    return join(await realpath(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}
