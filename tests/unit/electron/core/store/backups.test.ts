import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { PlanStore, StoreConflictError, backupPathFor } from '../../../../../electron/core/planStore';
import type { PlanStoreOptions } from '../../../../../electron/core/planStore';
import { DEFAULT_DATED_BACKUPS, backupsDirFor, stampOf } from '../../../../../electron/core/backupRotation';
import { decodePlanFile, encodePlanFile } from '../../../../../electron/core/planFileCodec';
import { PlanFileError } from '../../../../../electron/core/planFileError';
import { lockPathFor } from '../../../../../electron/core/fileLock';
import { DomainError } from '../../../../../shared/domain/errors';
import { updateAction } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { generatePlan } from '../../../../support/generatePlan';
import { fixedContext, listDir, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

const HOUR = 60 * 60 * 1000;
const START = new Date('2016-06-15T12:00:00.000Z');

let dir: string;
let path: string;
let now: Date;
const clock = () => now;

beforeEach(async () => {
  dir = await makeTempDir('apt-backups-');
  path = join(dir, 'plan.json');
  now = START;
});

afterEach(async () => {
  await removeDir(dir);
});

function options(extra: PlanStoreOptions = {}): PlanStoreOptions {
  return { datedBackups: true, clock, ...extra };
}

let edits = 0;
/** Each call writes a new achievement on action 3, so every save writes different bytes (and a log entry). */
function anEdit() {
  edits += 1;
  const text = `Edit ${edits}`;
  return (doc: PlanDocument) =>
    updateAction(doc, 'action-3', { achievement: text }, fixedContext({ idPrefix: `e${edits}` })).doc;
}

async function datedNames(): Promise<string[]> {
  return existsSync(backupsDirFor(path)) ? (await readdir(backupsDirFor(path))).sort() : [];
}

describe('dated backups', () => {
  it('keeps the file as it was before a save as backups/<name>.backup-YYYYMMDD-HHMMSS-s<seq>.json, beside the immediate backup', async () => {
    const store = await PlanStore.open(path, makeDocument, options());
    const created = await readFile(path);
    expect(await datedNames()).toEqual([]);
    await store.update(anEdit());
    expect(await datedNames()).toEqual(['plan.backup-20160615-120000-s1.json']);
    expect(await readFile(join(backupsDirFor(path), 'plan.backup-20160615-120000-s1.json'))).toEqual(created);
    expect(await readFile(backupPathFor(path))).toEqual(created);
    expect(await listDir(dir)).toEqual(['backups', 'plan.backup.json', 'plan.json']);
  });

  it('takes at most one an hour', async () => {
    const store = await PlanStore.open(path, makeDocument, options());
    for (let minute = 0; minute < 60; minute += 15) {
      now = new Date(START.getTime() + minute * 60_000);
      await store.update(anEdit());
    }
    expect(await datedNames()).toEqual(['plan.backup-20160615-120000-s1.json']);
    now = new Date(START.getTime() + HOUR);
    await store.update(anEdit());
    expect(await datedNames()).toEqual(['plan.backup-20160615-120000-s1.json', 'plan.backup-20160615-130000-s2.json']);
    // The one taken at 13:00 holds the file as saved at 12:45.
    const at1245 = decodePlanFile(
      'x',
      await readFile(join(backupsDirFor(path), 'plan.backup-20160615-130000-s2.json'), 'utf8'),
    );
    expect(at1245.updateLog).toHaveLength(4);
  });

  it('keeps N (configurable): the oldest of the day and the newest', async () => {
    const store = await PlanStore.open(path, makeDocument, options({ datedBackups: { keep: 3 } }));
    for (let hour = 0; hour < 6; hour += 1) {
      now = new Date(START.getTime() + hour * HOUR);
      await store.update(anEdit());
    }
    expect(await datedNames()).toEqual([
      'plan.backup-20160615-120000-s1.json',
      'plan.backup-20160615-160000-s5.json',
      'plan.backup-20160615-170000-s6.json',
    ]);
  });

  it('keeps 10 by default, and honours another interval', async () => {
    expect(DEFAULT_DATED_BACKUPS).toEqual({ keep: 10, minIntervalMs: HOUR });
    const store = await PlanStore.open(path, makeDocument, options({ datedBackups: { minIntervalMs: 60_000 } }));
    for (let minute = 0; minute < 13; minute += 1) {
      now = new Date(START.getTime() + minute * 60_000);
      await store.update(anEdit());
    }
    const names = await datedNames();
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('plan.backup-20160615-120000-s1.json');
    expect(names[1]).toBe('plan.backup-20160615-120400-s5.json');
    expect(names[9]).toBe('plan.backup-20160615-121200-s13.json');
  });

  it('are off by default, so the folder holds only the file and its immediate backup', async () => {
    const store = await PlanStore.open(path, makeDocument);
    await store.update(anEdit());
    expect(await listDir(dir)).toEqual(['plan.backup.json', 'plan.json']);
  });

  it('a backup that cannot be kept does not stop the save, and says why', async () => {
    const store = await PlanStore.open(path, makeDocument, options());
    await writeFile(backupsDirFor(path), 'a file where the folder should be');
    await store.update(anEdit());
    expect(store.backupProblem()).toMatch(/EEXIST|ENOTDIR|exists|not a directory/i);
    expect(decodePlanFile(path, await readFile(path, 'utf8')).updateLog).toHaveLength(1);
  });

  it('uses UTC time in names', () => {
    expect(stampOf(new Date('2016-12-31T23:59:58.999Z'))).toBe('20161231-235958');
  });
});

describe('listBackups', () => {
  it('lists the immediate and dated backups newest first, marking any that would be refused', async () => {
    const store = await PlanStore.open(path, makeDocument, options());
    await store.update(anEdit());
    now = new Date(START.getTime() + 2 * HOUR);
    await store.update(anEdit());
    await writeFile(join(backupsDirFor(path), 'plan.backup-20160101-000000.json'), '{"broken');
    // Another plan's backups in the same folder are not this plan's.
    await writeFile(join(backupsDirFor(path), 'other.backup-20160615-120000.json'), encodePlanFile(makeDocument()));

    const list = await store.listBackups();
    expect(list.map((entry) => [entry.kind, basename(entry.path)])).toEqual([
      ['latest', 'plan.backup.json'],
      ['dated', 'plan.backup-20160615-140000-s2.json'],
      ['dated', 'plan.backup-20160615-120000-s1.json'],
      ['dated', 'plan.backup-20160101-000000.json'],
    ]);
    expect(list[1]).toMatchObject({ takenAt: '2016-06-15T14:00:00.000Z', problem: null });
    expect(list[1]!.size).toBeGreaterThan(1000);
    expect(list[3]!.problem).toContain('not valid JSON');
  });
});

describe('restoreFrom', () => {
  async function storeWithHistory() {
    const store = await PlanStore.open(path, makeDocument, options());
    const original = await readFile(path);
    await store.update(anEdit());
    now = new Date(START.getTime() + HOUR);
    await store.update(anEdit());
    const current = await readFile(path);
    return { store, original, current, first: join(backupsDirFor(path), 'plan.backup-20160615-120000-s1.json') };
  }

  it('replaces the file with the backup, first keeping the current file aside (and the restore can be undone)', async () => {
    const { store, original, current, first } = await storeWithHistory();
    now = new Date(START.getTime() + 2 * HOUR);
    const { keptAside } = await store.restoreFrom(first);
    expect(keptAside).toBe(join(backupsDirFor(path), 'plan.before-restore-20160615-140000-s3.json'));
    expect(await readFile(keptAside!)).toEqual(current);
    expect(await readFile(path)).toEqual(original);
    expect(store.document()).toEqual(makeDocument());
    expect(store.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });

    const listed = await store.listBackups();
    expect(listed.find((entry) => entry.path === keptAside)).toMatchObject({ kind: 'before-restore', problem: null });
    // Undo: restore what was kept aside.
    await store.restoreFrom(keptAside!);
    expect(await readFile(path)).toEqual(current);
    // And editing carries on, with the external-change check satisfied by the restore.
    await store.update(anEdit());
  });

  it('restores the immediate backup too', async () => {
    const { store, current } = await storeWithHistory();
    const before = await readFile(backupPathFor(path));
    await store.restoreFrom(backupPathFor(path));
    expect(await readFile(path)).toEqual(before);
    expect(await readFile((await store.listBackups()).find((entry) => entry.kind === 'before-restore')!.path)).toEqual(
      current,
    );
  });

  it('refuses a path that is not one of this plan backups, changing nothing', async () => {
    const { store, current } = await storeWithHistory();
    const elsewhere = join(dir, 'elsewhere.json');
    await writeFile(elsewhere, encodePlanFile(makeDocument()));
    await expect(store.restoreFrom(elsewhere)).rejects.toBeInstanceOf(DomainError);
    await expect(store.restoreFrom(path)).rejects.toThrow(/not one of the backups/);
    expect(await readFile(path)).toEqual(current);
  });

  it('refuses a backup that would be refused, changing nothing', async () => {
    const { store, current } = await storeWithHistory();
    const broken = join(backupsDirFor(path), 'plan.backup-20150101-000000.json');
    await writeFile(broken, JSON.stringify({ ...makeDocument(), schemaVersion: 99 }));
    await expect(store.restoreFrom(broken)).rejects.toMatchObject({ reason: 'newer_version' });
    expect(await readFile(path)).toEqual(current);
    expect((await datedNames()).some((name) => name.includes('before-restore'))).toBe(false);
  });

  it('brings back a refused file', async () => {
    const { first } = await storeWithHistory();
    await writeFile(path, '{"corrupt');
    const store = await PlanStore.open(path, makeDocument, options());
    expect(store.status().kind).toBe('failed');
    const { keptAside } = await store.restoreFrom(first);
    expect(await readFile(keptAside!, 'utf8')).toBe('{"corrupt');
    expect(store.status()).toMatchObject({ kind: 'ready' });
    expect(store.document()).toEqual(makeDocument());
  });

  it('is refused on a read-only store', async () => {
    const { first, current } = await storeWithHistory();
    await writeFile(
      lockPathFor(path),
      JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'x' }),
    );
    const readOnly = await PlanStore.open(path, makeDocument, options({ lock: true }));
    await expect(readOnly.restoreFrom(first)).rejects.toBeInstanceOf(StoreConflictError);
    expect(await readFile(path)).toEqual(current);
  });
});

describe('exportWholePlan', () => {
  it('writes the whole plan as one JSON file that re-imports identically', async () => {
    const big = generatePlan(120);
    const store = await PlanStore.open(path, () => big);
    await store.update((doc) => updateAction(doc, 'gen-3', { status: 'at_risk' }, fixedContext()).doc);
    const target = join(dir, 'exports', 'whole-plan.json');
    expect(await store.exportWholePlan(target)).toBe(target);
    const reimported = decodePlanFile(target, await readFile(target, 'utf8'));
    expect(reimported).toEqual(store.document());
    // It opens as a plan of its own.
    expect((await PlanStore.open(target, makeDocument)).document()).toEqual(store.document());
  });

  it('works read-only, and never over the data file or its backup', async () => {
    await PlanStore.open(path, makeDocument);
    await writeFile(
      lockPathFor(path),
      JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'x' }),
    );
    const store = await PlanStore.open(path, makeDocument, { lock: true });
    expect(store.status().readOnly).toBeDefined();
    const target = join(dir, 'copy.json');
    await store.exportWholePlan(target);
    expect(decodePlanFile(target, await readFile(target, 'utf8'))).toEqual(makeDocument());
    await expect(store.exportWholePlan(path)).rejects.toThrow(/own data file/);
    await expect(store.exportWholePlan(backupPathFor(path))).rejects.toThrow(/own data file/);
  });

  it('refuses when the file was refused (there is no plan to export)', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(path, '{"corrupt');
    const store = await PlanStore.open(path, makeDocument);
    await expect(store.exportWholePlan(join(dir, 'x.json'))).rejects.toBeInstanceOf(PlanFileError);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});
