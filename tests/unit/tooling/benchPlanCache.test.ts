import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedFile } from '../../../scripts/bench/planCache';

describe("the bench's cache of generated plans", () => {
  it('generates a plan once per set of parameters and reuses the file after', async () => {
    const parameters = { size: 3, run: `${process.pid}-${Date.now()}` };
    let made = 0;
    const make = () => `plan ${(made += 1)}`;
    const first = await cachedFile('test-plan', parameters, 'json', make);
    const again = await cachedFile('test-plan', { ...parameters }, 'json', make);
    const other = await cachedFile('test-plan', { ...parameters, size: 4 }, 'json', make);
    try {
      expect(made).toBe(2);
      expect(again).toBe(first);
      expect(other).not.toBe(first);
      expect(dirname(first)).toBe(tmpdir());
      expect(await readFile(first, 'utf8')).toBe('plan 1');
      expect(await readFile(other, 'utf8')).toBe('plan 2');
    } finally {
      await rm(first, { force: true });
      await rm(other, { force: true });
    }
  });
});
