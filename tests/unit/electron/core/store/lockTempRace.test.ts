import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeDir } from '../../../../support/fixtures';

// The lock's temp file is asked for the file system's clock while its removal is queued behind it; a slow
// stat (a busy thread pool, a network drive) must still find it there.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    stat: async (...args: Parameters<typeof real.stat>) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return real.stat(...args);
    },
  };
});

const { acquireLock, lockPathFor } = await import('../../../../../electron/core/fileLock');

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-lock-race-');
});

afterEach(async () => {
  await removeDir(dir);
});

describe('a lock already held when the file system is slow', () => {
  it('is reported as held by its holder, not as a missing temp file', async () => {
    const path = join(dir, 'plan.json');
    const holder = {
      app: 'action-plan-tracker',
      pid: process.pid,
      hostname: 'colleague-pc',
      startedAt: new Date().toISOString(),
      token: 'b'.repeat(36),
    };
    await writeFile(lockPathFor(path), `${JSON.stringify(holder)}\n`);
    const outcome = await acquireLock(path, { staleAfterMs: 60 * 60 * 1000, hostname: 'this-pc' });
    expect(outcome).toMatchObject({ kind: 'held_elsewhere', holder: { hostname: 'colleague-pc' } });
  });
});
