import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { apiContract, storeStatusSchema } from '../../../../shared/api/contract';
import { PlanStore } from '../../../../electron/core/planStore';
import { lockPathFor } from '../../../../electron/core/fileLock';
import { makeDocument, makeTempDir, removeDir } from '../../../support/fixtures';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-shapes-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

describe('one shape, one schema: what the store reports is what the contract accepts', () => {
  it('a read-only store, naming who holds the lock', async () => {
    await writeFile(
      lockPathFor(path),
      JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'other' }),
    );
    const store = await PlanStore.open(path, makeDocument, { lock: true });
    const status = store.status();
    expect(status.readOnly).toMatchObject({ reason: 'locked_elsewhere', holder: { pid: process.ppid } });
    expect(storeStatusSchema.parse(status)).toEqual(status);
    await store.close();
  });

  it('a refused file, with its reason', async () => {
    await writeFile(path, '{"broken');
    const store = await PlanStore.open(path, makeDocument);
    const status = store.status();
    expect(status).toMatchObject({ kind: 'failed', reason: 'invalid_json' });
    expect(storeStatusSchema.parse(status)).toEqual(status);
    await store.close();
  });

  it('the backup list: only the kinds of backup the store keeps', async () => {
    const store = await PlanStore.open(path, makeDocument);
    await store.update((doc) => ({ ...doc, plan: { ...doc.plan, title: 'Renamed' } }));
    const listed = await store.listBackups();
    expect(listed.map((entry) => entry.kind)).toEqual(['latest']);
    const output = apiContract.listBackups.output;
    expect(output.parse(listed)).toEqual(listed);
    expect(output.safeParse([{ ...listed[0]!, kind: 'weekly' }]).success).toBe(false);
    await store.close();
  });
});
