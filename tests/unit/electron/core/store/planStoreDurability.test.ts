import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, realpath, rename, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PlanStore, StoreConflictError, backupPathFor } from '../../../../../electron/core/planStore';
import type { PlanStoreOptions } from '../../../../../electron/core/planStore';
import { nodeDurableFs } from '../../../../../electron/core/atomicWrite';
import type { DurableFs } from '../../../../../electron/core/atomicWrite';
import { backupsDirFor } from '../../../../../electron/core/backupRotation';
import { decodePlanFile, encodePlanFile } from '../../../../../electron/core/planFileCodec';
import { lockPathFor } from '../../../../../electron/core/fileLock';
import { updateAction } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { fixedContext, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await realpath(await makeTempDir('apt-durability-'));
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

let edits = 0;
function anEdit() {
  edits += 1;
  const text = `Edit ${edits}`;
  return (doc: PlanDocument) =>
    updateAction(doc, 'action-3', { achievement: text }, fixedContext({ idPrefix: `p${edits}` })).doc;
}

function achievementOf(bytes: Buffer | string): string {
  return decodePlanFile('x', bytes.toString()).actions.find((action) => action.id === 'action-3')!.achievement;
}

describe('a data file reached through a symlink (a synced or shared folder)', () => {
  let linked: string;

  beforeEach(async () => {
    await mkdir(join(dir, 'real'));
    await mkdir(join(dir, 'elsewhere'));
    path = join(dir, 'real', 'plan.json');
    linked = join(dir, 'elsewhere', 'plan.json');
    await writeFile(path, encodePlanFile(makeDocument()));
    await symlink(path, linked);
  });

  it('saves into the real file, leaves the link a link, and keeps backups as files beside the real file', async () => {
    const store = await PlanStore.open(linked, makeDocument, { lock: true, datedBackups: true });
    expect(store.path).toBe(path);
    const first = await readFile(path);
    await store.update(anEdit());
    const second = await readFile(path);
    await store.update(anEdit());

    expect((await lstat(linked)).isSymbolicLink()).toBe(true);
    expect(await readFile(linked)).toEqual(await readFile(path));
    expect(achievementOf(await readFile(path))).toBe(`Edit ${edits}`);
    // The backup is the version before the last save, a file of its own: never the link, never the live file.
    const backup = backupPathFor(path);
    expect((await lstat(backup)).isFile()).toBe(true);
    expect(await readFile(backup)).toEqual(second);
    const dated = await readdir(backupsDirFor(path));
    expect(dated).toHaveLength(1);
    expect(await readFile(join(backupsDirFor(path), dated[0]!))).toEqual(first);
    expect(await readdir(join(dir, 'elsewhere'))).toEqual(['plan.json']);
    expect(existsSync(lockPathFor(path))).toBe(true);
    await store.close();
  });

  it('the lock belongs to the real file: a window holding it through the real path makes the link read-only', async () => {
    const viaLink = await PlanStore.open(linked, makeDocument, { lock: true });
    expect(existsSync(lockPathFor(path))).toBe(true);
    expect(existsSync(lockPathFor(linked))).toBe(false);
    await viaLink.close();

    // Another running app (our parent process stands in for it) holds the real file.
    await writeFile(
      lockPathFor(path),
      JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'other' }),
    );
    const second = await PlanStore.open(linked, makeDocument, { lock: true });
    expect(second.status().readOnly).toMatchObject({ reason: 'locked_elsewhere' });
    const before = await readFile(path);
    await expect(second.update(anEdit())).rejects.toBeInstanceOf(StoreConflictError);
    expect(await readFile(path)).toEqual(before);
    expect((await lstat(linked)).isSymbolicLink()).toBe(true);
  });
});

/** A file system on which `meanwhile` runs just before the save swaps (or renames) its file into place. */
function justBeforeTheSwap(meanwhile: () => Promise<void>): DurableFs {
  return {
    ...nodeDurableFs,
    rename: async (from, to) => {
      if (to === path) await meanwhile();
      return nodeDurableFs.rename(from, to);
    },
    exchange: async (from, to) => {
      if (to === path) await meanwhile();
      return nodeDurableFs.exchange!(from, to);
    },
  };
}

describe('changes made by another program', () => {
  it('are detected by content: a same-size edit with its modification time put back is not overwritten', async () => {
    const store = await PlanStore.open(path, makeDocument, { lock: true });
    await store.update(anEdit());
    const ours = await readFile(path, 'utf8');
    const reference = join(dir, 'reference');
    execFileSync('cp', ['-p', path, reference]);
    // Same length, other content, and the exact (nanosecond) modification time restored, as rsync or a
    // sync client may leave it.
    const theirs = ours.replace(`Edit ${edits}`, `Tide ${edits}`);
    expect(theirs.length).toBe(ours.length);
    await writeFile(path, theirs);
    execFileSync('touch', ['-r', reference, path]);

    await expect(store.update(anEdit())).rejects.toMatchObject({ kind: 'changed_on_disk' });
    expect(await readFile(path, 'utf8')).toBe(theirs);
    expect(store.document()!.actions.find((action) => action.id === 'action-3')!.achievement).toBe(`Tide ${edits - 1}`);
    await store.close();
  });

  it('one written into the file while a save is under way is kept as <name>.conflict-<time>.json and listed', async () => {
    const theirs = encodePlanFile({ ...makeDocument(), people: [] });
    let writeTheirs = false;
    // Another program writes into the file in place just before the save's rename.
    const fs = justBeforeTheSwap(async () => {
      if (!writeTheirs) return;
      writeTheirs = false;
      await writeFile(path, theirs);
    });
    const now = new Date('2026-11-30T10:20:30Z');
    const options: PlanStoreOptions = { lock: true, fs, clock: () => now };
    const store = await PlanStore.open(path, makeDocument, options);
    const before = await readFile(path);
    writeTheirs = true;

    const error = await store.update(anEdit()).catch((e: unknown) => e);
    const conflict = join(dir, 'plan.conflict-20261130-102030.json');
    expect(error).toMatchObject({ code: 'conflict', kind: 'kept_displaced' });
    expect((error as Error).message).toContain(`Your change was saved, but another program changed ${path}`);
    expect((error as Error).message).toContain(conflict);
    expect(await readFile(conflict, 'utf8')).toBe(theirs);
    expect(achievementOf(await readFile(path))).toBe(`Edit ${edits}`);
    expect(store.document()!.actions.find((action) => action.id === 'action-3')!.achievement).toBe(`Edit ${edits}`);
    // The immediate backup is still the version this store had checked, not theirs.
    expect(existsSync(backupPathFor(path))).toBe(false);
    expect(before.toString()).not.toBe(theirs);
    expect((await store.listBackups()).map((entry) => [entry.kind, entry.path])).toContainEqual(['conflict', conflict]);

    // The next save goes ahead normally.
    await store.update(anEdit());
    expect(await readFile(conflict, 'utf8')).toBe(theirs);
    await store.close();
  });

  it.skipIf(process.platform !== 'linux')(
    'one renamed into place after the last check, just before the swap, is kept (Linux swaps in one step)',
    async () => {
      const theirs = encodePlanFile({ ...makeDocument(), people: [] });
      let renameTheirs = false;
      // A sync client replaces the whole file by rename in the moment between the check and the swap.
      const fs = justBeforeTheSwap(async () => {
        if (!renameTheirs) return;
        renameTheirs = false;
        await writeFile(join(dir, 'sync-temp'), theirs);
        await rename(join(dir, 'sync-temp'), path);
      });
      const now = new Date('2026-11-30T11:00:00Z');
      const store = await PlanStore.open(path, makeDocument, { lock: true, fs, clock: () => now });
      renameTheirs = true;

      const error = await store.update(anEdit()).catch((e: unknown) => e);
      const conflict = join(dir, 'plan.conflict-20261130-110000.json');
      expect(error).toMatchObject({ code: 'conflict', kind: 'kept_displaced' });
      expect(await readFile(conflict, 'utf8')).toBe(theirs);
      expect(achievementOf(await readFile(path))).toBe(`Edit ${edits}`);
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      await store.close();
    },
  );

  it('a file being replaced at the moment the save links it is not taken for a missing one', async () => {
    const theirs = encodePlanFile({ ...makeDocument(), people: [] });
    let armed = false;
    let raced = false;
    // Linux refuses to link (and here to copy) a file whose last name a rename is removing that instant.
    const gone = () => Object.assign(new Error('ENOENT: file being replaced'), { code: 'ENOENT' });
    const fs: DurableFs = {
      ...nodeDurableFs,
      link: async (existing, created) => {
        if (existing === path && armed && !raced) {
          raced = true;
          await writeFile(join(dir, 'sync-temp'), theirs);
          await rename(join(dir, 'sync-temp'), path);
          throw gone();
        }
        return nodeDurableFs.link(existing, created);
      },
      copyFile: async (from, to, mode) => {
        if (from === path && raced && !copied) {
          copied = true;
          throw gone();
        }
        return nodeDurableFs.copyFile(from, to, mode);
      },
    };
    let copied = false;
    const store = await PlanStore.open(path, makeDocument, { lock: true, fs });
    await store.update(anEdit());
    armed = true;

    await expect(store.update(anEdit())).rejects.toMatchObject({ kind: 'changed_on_disk' });
    expect(await readFile(path, 'utf8')).toBe(theirs);
    await store.close();
  });
});

describe('dated backups when the clock jumps', () => {
  it('one save made while the clock read 2040 does not let pruning delete the real history', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const store = await PlanStore.open(path, makeDocument, { datedBackups: true, clock: () => now });
    // Five working days, a save every hour from 9:00 to 17:00.
    for (let day = 0; day < 5; day += 1) {
      for (let hour = 0; hour <= 8; hour += 1) {
        now = new Date(Date.UTC(2026, 2, 2 + day, 9 + hour));
        await store.update(anEdit());
      }
    }
    const beforeJump = (await readdir(backupsDirFor(path))).sort();
    expect(beforeJump).toHaveLength(10);
    const earlierDays = new Set(beforeJump.map((name) => /backup-(\d{8})/.exec(name)![1]));
    expect(earlierDays.size).toBeGreaterThanOrEqual(3);

    now = new Date('2040-01-01T12:00:00Z');
    await store.update(anEdit());
    // Back to the right time: two hours of saves every ten minutes.
    for (let minute = 0; minute <= 120; minute += 10) {
      now = new Date(Date.UTC(2026, 2, 7, 9) + minute * 60_000);
      await store.update(anEdit());
    }

    const after = (await readdir(backupsDirFor(path))).sort();
    expect(after).toHaveLength(10);
    expect(after.filter((name) => name.includes('-2040'))).toHaveLength(1);
    // At most one dated copy an hour after the jump back.
    expect(after.filter((name) => name.includes('backup-20260307'))).toHaveLength(3);
    // The history from before the jump still reaches back over the earlier days.
    const daysLeft = new Set(after.map((name) => /backup-(\d{8})/.exec(name)![1]).filter((day) => day! < '20260307'));
    expect(daysLeft.size).toBeGreaterThanOrEqual(3);
  });
});
