import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileHolds } from '../../../../../electron/core/store/files';
import { makeTempDir, removeDir } from '../../../../support/fixtures';

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-files-');
});

afterEach(async () => {
  await removeDir(dir);
});

/** Bytes larger than one piece read at a time, so a difference near the end is read in a later piece. */
function bigBytes(): Buffer {
  const bytes = Buffer.alloc(20 * 1024 * 1024 + 7);
  for (let index = 0; index < bytes.length; index += 4096) bytes[index] = index % 251;
  return bytes;
}

describe('fileHolds', () => {
  it('says a file holds exactly the bytes expected', async () => {
    const path = join(dir, 'plan.json');
    const bytes = bigBytes();
    await writeFile(path, bytes);
    expect(await fileHolds(path, bytes)).toBe(true);
  });

  it('finds one byte changed in place near the end, with the size kept', async () => {
    const path = join(dir, 'plan.json');
    const bytes = bigBytes();
    const changed = Buffer.from(bytes);
    changed[changed.length - 2] = 1;
    await writeFile(path, changed);
    expect(await fileHolds(path, bytes)).toBe(false);
  });

  it('finds a file that is longer or shorter than expected', async () => {
    const path = join(dir, 'plan.json');
    await writeFile(path, '{"a":1}\n');
    expect(await fileHolds(path, Buffer.from('{"a":1}'))).toBe(false);
    expect(await fileHolds(path, Buffer.from('{"a":1}\n\n'))).toBe(false);
    await appendFile(path, 'x');
    expect(await fileHolds(path, Buffer.from('{"a":1}\n'))).toBe(false);
  });

  it('compares an empty file, and says null when there is no file', async () => {
    const path = join(dir, 'plan.json');
    expect(await fileHolds(path, Buffer.alloc(0))).toBeNull();
    await writeFile(path, '');
    expect(await fileHolds(path, Buffer.alloc(0))).toBe(true);
    expect(await fileHolds(path, Buffer.from('x'))).toBe(false);
  });
});
