import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PlanStore } from '../../electron/core/planStore';
import { decodePlanFile } from '../../electron/core/planFileCodec';
import { updateAction } from '../../shared/domain/operations';
import type { PlanDocument } from '../../shared/model/plan';
import { generatePlan } from '../support/generatePlan';
import { fixedContext } from '../support/fixtures';
import { fillLeaving, mountSmallDisk } from '../support/smallDisk';

/** A real full disk: a 2 MB tmpfs mounted by the test (root on Linux, as CI); skipped with the reason elsewhere. */
let mountPoint: string | null = null;
let skipReason: string | null = null;
let unmount: (() => Promise<void>) | null = null;

beforeAll(async () => {
  const disk = await mountSmallDisk();
  if (disk.dir === null) skipReason = disk.reason;
  else ({ dir: mountPoint, unmount } = disk);
});

afterAll(async () => {
  await unmount?.();
});

let edits = 0;
function anEdit() {
  edits += 1;
  const text = `Edit on a full disk ${edits}`;
  return (doc: PlanDocument) =>
    updateAction(doc, doc.actions[2]!.id, { achievement: text }, fixedContext({ idPrefix: `f${edits}` })).doc;
}

describe('saving on a full disk (a real 2 MB file system)', () => {
  it('refuses with a message, leaves the plan file byte for byte, and saves again once there is room', async (context) => {
    if (mountPoint === null) {
      console.log(`disk-full test skipped: ${skipReason}`);
      context.skip();
      return;
    }
    const path = join(mountPoint, 'plan.json');
    const store = await PlanStore.open(path, () => generatePlan(300), { lock: true, datedBackups: true });
    const before = await readFile(path);
    expect(before.length).toBeGreaterThan(200_000);
    const filler = join(mountPoint, 'filler');
    await fillLeaving(filler, 64 * 1024);

    const error = await store.update(anEdit()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'disk_full' });
    expect((error as Error).message).toBe(
      `Your change was not saved: the disk holding ${path} is full. The plan on disk is unchanged.`,
    );
    expect(await readFile(path)).toEqual(before);
    expect((await readdir(mountPoint)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(decodePlanFile(path, (await readFile(path)).toString()).actions[2]!.achievement).not.toContain('full disk');

    // Three edits answered at once, before the disk has taken any of them: all three are refused together.
    const answered = [await store.save(anEdit()), await store.save(anEdit()), await store.save(anEdit())];
    expect(answered.map((edit) => edit.written)).toEqual([false, false, false]);
    expect(store.document()!.actions[2]!.achievement).toBe(`Edit on a full disk ${edits}`);
    for (const edit of answered)
      await expect(store.whenSaved(edit.revision)).rejects.toMatchObject({ code: 'disk_full' });
    expect(await readFile(path)).toEqual(before);
    expect(store.document()).toEqual(decodePlanFile(path, before.toString()));

    await rm(filler);
    const saved = await store.update(anEdit());
    const onDisk = decodePlanFile(path, (await readFile(path)).toString());
    expect(onDisk).toEqual(saved);
    expect(onDisk.actions[2]!.achievement).toBe(`Edit on a full disk ${edits}`);
    await store.close();
  });
});
