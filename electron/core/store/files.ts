import { lstat, open, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { codeOf } from '../atomicWrite';
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

/** How much of a file is read at once when it is compared with bytes in memory. */
const COMPARE_CHUNK = 8 * 1024 * 1024;

/**
 * Whether the file at `path` holds exactly `expected` (null when there is no file). Read in large pieces
 * into one buffer and compared as it comes: a save compares the plan file with what it expects up to three
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
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(expected.length, COMPARE_CHUNK)));
    let offset = 0;
    while (offset < expected.length) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, expected.length - offset), offset);
      if (bytesRead === 0) return false;
      if (!chunk.subarray(0, bytesRead).equals(expected.subarray(offset, offset + bytesRead))) return false;
      offset += bytesRead;
    }
    // A file that grew after its size was read is not the one expected either.
    return (await handle.read(chunk, 0, 1, offset)).bytesRead === 0;
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
