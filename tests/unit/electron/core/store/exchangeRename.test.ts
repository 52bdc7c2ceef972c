import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { platformExchange } from '../../../../../electron/core/exchangeRename';
import { nodeDurableFs, stageFile } from '../../../../../electron/core/atomicWrite';
import { makeTempDir, removeDir } from '../../../../support/fixtures';

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-exchange-');
});

afterEach(async () => {
  await removeDir(dir);
});

describe('swapping two names in one step', () => {
  it.skipIf(process.platform !== 'linux')(
    'swaps the contents of two names on Linux and names the errno of a failure',
    async () => {
      const exchange = platformExchange('linux');
      await writeFile(join(dir, 'a'), 'first');
      await writeFile(join(dir, 'b'), 'second');
      await exchange(join(dir, 'a'), join(dir, 'b'));
      expect(await readFile(join(dir, 'a'), 'utf8')).toBe('second');
      expect(await readFile(join(dir, 'b'), 'utf8')).toBe('first');
      await expect(exchange(join(dir, 'a'), join(dir, 'missing'))).rejects.toMatchObject({
        code: 'ENOENT',
        syscall: 'renameat2',
      });
    },
  );

  it('says it is not available on a platform without one', async () => {
    await expect(platformExchange('win32')('x', 'y')).rejects.toMatchObject({ code: 'ENOTSUP' });
  });

  it('the durable writer swaps where it can and hands back the displaced version', async () => {
    const target = join(dir, 'plan.json');
    await writeFile(target, 'old');
    const staged = await stageFile(target, 'new');
    const swapped = await staged.exchange();
    await staged.discard();
    expect(swapped).toBe(process.platform === 'linux');
    if (swapped) {
      expect(await readFile(target, 'utf8')).toBe('new');
      // discard leaves the displaced version: the caller owns it now.
      expect(await readFile(staged.tempPath, 'utf8')).toBe('old');
    }
  });

  it('the durable writer reports "no swap" and changes nothing where the file system refuses one', async () => {
    const target = join(dir, 'plan.json');
    await writeFile(target, 'old');
    const refusing = {
      ...nodeDurableFs,
      exchange: () => Promise.reject(Object.assign(new Error('EINVAL'), { code: 'EINVAL' })),
    };
    const staged = await stageFile(target, 'new', { fs: refusing });
    expect(await staged.exchange()).toBe(false);
    expect(await readFile(target, 'utf8')).toBe('old');
    await staged.install();
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['plan.json']);
  });
});
