import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readFile, readdir, rm, rmdir, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanStore } from '../../electron/core/planStore';
import { decodePlanFile } from '../../electron/core/planFileCodec';
import { updateAction } from '../../shared/domain/operations';
import type { PlanDocument } from '../../shared/model/plan';
import { generatePlan } from '../support/generatePlan';
import { fixedContext } from '../unit/fixtures';

/**
 * A real full disk: a 2 MB tmpfs mounted by the test. Mounting needs root on Linux (as in CI); anywhere
 * else the test is skipped and says why.
 */
let mountPoint: string | null = null;
let skipReason: string | null = null;

beforeAll(async () => {
  if (process.platform !== 'linux') {
    skipReason = `needs Linux to mount a small tmpfs (this is ${process.platform})`;
    return;
  }
  if (process.getuid?.() !== 0) {
    skipReason = 'needs root to mount a small tmpfs (CI runs the tests as root)';
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'apt-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    mountPoint = dir;
  } catch (error) {
    skipReason = `could not mount a tmpfs here: ${(error as Error).message.split('\n')[0]}`;
    await rmdir(dir);
  }
});

afterAll(async () => {
  if (mountPoint === null) return;
  execFileSync('umount', [mountPoint]);
  await rmdir(mountPoint);
});

/** Fills the file system with `filler` until the disk is full, then frees `leave` bytes. */
async function fillLeaving(filler: string, leave: number): Promise<void> {
  const handle = await open(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 120);
  let size = 0;
  try {
    for (;;) {
      const { bytesWritten } = await handle.write(chunk, 0, chunk.length, size);
      size += bytesWritten;
      if (bytesWritten < chunk.length) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  await truncate(filler, Math.max(0, size - leave));
}

let edits = 0;
function anEdit() {
  edits += 1;
  const text = `Edit on a full disk ${edits}`;
  return (doc: PlanDocument) => updateAction(doc, doc.actions[2]!.id, { achievement: text }, fixedContext({ idPrefix: `f${edits}` })).doc;
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
    expect((error as Error).message).toBe(`Your change was not saved: the disk holding ${path} is full. The plan on disk is unchanged.`);
    expect(await readFile(path)).toEqual(before);
    expect((await readdir(mountPoint)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(decodePlanFile(path, (await readFile(path)).toString()).actions[2]!.achievement).not.toContain('full disk');

    await rm(filler);
    const saved = await store.update(anEdit());
    const onDisk = decodePlanFile(path, (await readFile(path)).toString());
    expect(onDisk).toEqual(saved);
    expect(onDisk.actions[2]!.achievement).toBe(`Edit on a full disk ${edits}`);
    await store.close();
  });
});
