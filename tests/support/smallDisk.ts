import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rmdir, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small file system for full-disk tests: a tmpfs of `size` mounted in a new folder. Mounting needs
 * root on Linux (as CI runs); elsewhere `reason` says why there is none and the caller skips.
 */
export async function mountSmallDisk(
  size = '2m',
): Promise<{ dir: string; unmount: () => Promise<void> } | { dir: null; reason: string }> {
  if (process.platform !== 'linux')
    return { dir: null, reason: `needs Linux to mount a small tmpfs (this is ${process.platform})` };
  if (process.getuid?.() !== 0)
    return { dir: null, reason: 'needs root to mount a small tmpfs (CI runs the tests as root)' };
  const dir = await mkdtemp(join(tmpdir(), 'apt-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    await rmdir(dir);
    return { dir: null, reason: `could not mount a tmpfs here: ${(error as Error).message.split('\n')[0]}` };
  }
  return {
    dir,
    unmount: async () => {
      execFileSync('umount', [dir]);
      await rmdir(dir);
    },
  };
}

/** Fills the file system holding `filler` until it is full, then frees about `leave` bytes. */
export async function fillLeaving(filler: string, leave: number): Promise<void> {
  const handle = await open(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 120);
  let size = 0;
  try {
    for (;;) {
      const { bytesWritten } = await handle.write(chunk, 0, chunk.length, size);
      size += bytesWritten;
      if (bytesWritten < chunk.length) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  await truncate(filler, Math.max(0, size - leave));
}
