import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { nodeDurableFs } from '../../../../../electron/core/atomicWrite';
import type { DurableFs } from '../../../../../electron/core/atomicWrite';
import { PlanFileError } from '../../../../../electron/core/planFileError';
import { PlanStore } from '../../../../../electron/core/planStore';
import { encodePlanFile } from '../../../../../electron/core/planFileCodec';
import { ExternalChange, GuardedFile } from '../../../../../electron/core/store/changeDetection';
import { PlanFileAdapter } from '../../../../../electron/core/store/planFileAdapter';
import { settingsOf } from '../../../../../electron/core/store/settings';
import { updateAction } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { fixedContext, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-adapter-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

function planDb(): Low<PlanDocument | null> {
  return new Low<PlanDocument | null>(new PlanFileAdapter(new GuardedFile(path, settingsOf({}))), null);
}

function withAchievement(doc: PlanDocument, text: string): PlanDocument {
  return updateAction(doc, 'action-3', { achievement: text }, fixedContext()).doc;
}

describe('lowdb over the data file adapter', () => {
  it('db.read() leaves db.data null when there is no file yet, and db.write() creates it', async () => {
    const db = planDb();
    await db.read();
    expect(db.data).toBeNull();
    db.data = makeDocument();
    await db.write();
    expect(await readFile(path, 'utf8')).toBe(encodePlanFile(makeDocument()));
  });

  it('db.read() validates: a damaged file throws a PlanFileError and db.data stays as it was', async () => {
    await writeFile(path, '{"schemaVersion": 1, "plan": ');
    const db = planDb();
    const error = await db.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanFileError);
    expect(error).toMatchObject({ reason: 'invalid_json' });
    expect(db.data).toBeNull();
  });

  it('db.write() refuses an invalid plan before touching the file', async () => {
    await writeFile(path, encodePlanFile(makeDocument()));
    const db = planDb();
    await db.read();
    const before = await readFile(path);
    db.data = { ...db.data!, actions: [{ ...db.data!.actions[0]!, status: 'done' as never }] };
    await expect(db.write()).rejects.toThrow('Refusing to save an invalid plan');
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(dir)).toEqual(['plan.json']);
  });

  it('db.write() refuses to replace a file another program changed since db.read(), and leaves theirs', async () => {
    await writeFile(path, encodePlanFile(makeDocument()));
    const db = planDb();
    await db.read();
    const theirs = encodePlanFile(withAchievement(makeDocument(), 'Written by another program'));
    await writeFile(path, theirs);
    db.data = withAchievement(db.data!, 'Ours');
    await expect(db.write()).rejects.toBeInstanceOf(ExternalChange);
    expect(await readFile(path, 'utf8')).toBe(theirs);
  });
});

describe('the store keeps the plan in memory in step with the file', () => {
  it('an edit is shown while it is being saved but not yet the saved plan, and a refused save puts the previous plan back', async () => {
    let failRename = false;
    let readDuringSave: PlanDocument | null | undefined;
    let shownDuringSave: PlanDocument | null | undefined;
    let store: PlanStore | null = null;
    const fs: DurableFs = {
      ...nodeDurableFs,
      rename: async (from, to) => {
        readDuringSave = store!.savedDocument();
        shownDuringSave = store!.document();
        if (failRename && to === path) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        return nodeDurableFs.rename(from, to);
      },
      // Where the system swaps the new file in (Linux), the swap is the step that puts it in place.
      exchange: async (from, to) => {
        readDuringSave = store!.savedDocument();
        shownDuringSave = store!.document();
        if (failRename && to === path) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        return nodeDurableFs.exchange!(from, to);
      },
    };
    await writeFile(path, encodePlanFile(makeDocument()));
    store = await PlanStore.open(path, makeDocument, { fs });
    const before = store.document();

    const saved = await store.update((doc) => withAchievement(doc, 'Saved'));
    expect(readDuringSave).toBe(before);
    expect(shownDuringSave).toBe(saved);
    expect(store.document()).toBe(saved);
    expect(store.savedDocument()).toBe(saved);

    failRename = true;
    const error = await store.update((doc) => withAchievement(doc, 'Refused')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'disk_error' });
    expect(readDuringSave).toBe(saved);
    expect(shownDuringSave?.actions.find((action) => action.id === 'action-3')?.achievement).toBe('Refused');
    expect(store.document()).toBe(saved);
    expect(store.savedDocument()).toBe(saved);
    await store.close();
  });
});
