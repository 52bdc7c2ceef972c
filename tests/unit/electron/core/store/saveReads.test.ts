import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { makeDocument, fixedContext, makeTempDir, removeDir } from '../../../../support/fixtures';

const wholeReads: string[] = [];

// Counts the files read whole into memory: at 50 MB a save that reads the plan, the version it replaces
// and the backup whole (to compare them) spends more time reading than writing.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    readFile: (...args: Parameters<typeof real.readFile>) => {
      wholeReads.push(String(args[0]));
      return real.readFile(...args);
    },
  };
});

const { PlanStore } = await import('../../../../../electron/core/planStore');
const { updateAction } = await import('../../../../../shared/domain/operations');

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-save-reads-');
});

afterEach(async () => {
  await removeDir(dir);
});

describe('a save', () => {
  it('compares the files it checks piece by piece, reading none of them whole', async () => {
    const store = await PlanStore.open(join(dir, 'plan.json'), makeDocument, { datedBackups: true });
    for (const text of ['First', 'Second', 'Third']) {
      wholeReads.length = 0;
      await store.update((doc) => updateAction(doc, 'action-3', { achievement: text }, fixedContext()).doc);
      expect(wholeReads).toEqual([]);
    }
    await store.close();
  });
});
