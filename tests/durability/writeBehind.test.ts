import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { nodeDurableFs } from '../../electron/core/atomicWrite';
import type { DurableFs, WriteHandle } from '../../electron/core/atomicWrite';
import { createHandlers } from '../../electron/core/handlers';
import { PlanStore } from '../../electron/core/planStore';
import { decodePlanFile } from '../../electron/core/planFileCodec';
import { PreferencesStore } from '../../electron/core/preferencesStore';
import type { ApiResult } from '../../shared/api/contract';
import type { PlanDelta } from '../../shared/domain/delta';
import { basedOnValues } from '../../shared/domain/basedOn';
import type { PlanDocument } from '../../shared/model/plan';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../support/fixtures';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-write-behind-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/**
 * The real file system with each write of a new plan (its temp file) held until `release()`, then done as
 * the disk is set to: fine, full (ENOSPC), or failing (bytes that do not read back as written).
 */
function heldDisk() {
  let disk: 'fine' | 'full' | 'failing' = 'fine';
  let writes = 0;
  let release: () => void = () => undefined;
  let held = Promise.resolve();
  const fs: DurableFs = {
    ...nodeDurableFs,
    open: async (file, flags, mode) => {
      const real = await nodeDurableFs.open(file, flags, mode);
      if (!file.endsWith('.tmp') || !flags.includes('w')) return real;
      writes += 1;
      let first = true;
      const handle: WriteHandle = {
        write: async (buffer, offset, length, position) => {
          if (first) await held;
          first = false;
          if (disk === 'full') throw errno('ENOSPC');
          if (disk === 'failing') {
            // A disk that says it wrote everything but kept the bytes wrong: the read-back finds it.
            await real.write(Buffer.alloc(length, 0x20), 0, length, position);
            return { bytesWritten: length };
          }
          return real.write(buffer, offset, length, position);
        },
        read: real.read.bind(real),
        sync: real.sync.bind(real),
        stat: real.stat.bind(real),
        close: real.close.bind(real),
      };
      return handle;
    },
  };
  return {
    fs,
    writes: () => writes,
    set: (next: typeof disk) => {
      disk = next;
    },
    hold: () => {
      held = new Promise((resolveHeld) => (release = resolveHeld));
    },
    release: () => release(),
  };
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function setUp(fs: DurableFs) {
  await writeFile(path, JSON.stringify(makeDocument()));
  const store = await PlanStore.open(path, makeDocument, { fs });
  const handlers = createHandlers({
    store,
    demoDocument: makeDocument,
    user: 'Test User',
    clock: () => new Date('2016-06-15T12:00:00.000Z'),
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
  });
  /** An edit as a page sends it: based on the plan it shows. */
  const edit = (id: string, achievement: string) => {
    const shown = store.document()!;
    const changes = { achievement };
    const basedOn = { revision: store.revision(), values: basedOnValues('updateAction', shown, { id, changes }) };
    return () => handlers.updateAction({ id, changes, basedOn });
  };
  return { store, handlers, edit };
}

const achievementOf = (doc: PlanDocument, id: string) => doc.actions.find((action) => action.id === id)!.achievement;
const onDisk = async () => decodePlanFile(path, await readFile(path, 'utf8'));

describe.each([
  { disk: 'full' as const, code: 'disk_full' },
  { disk: 'failing' as const, code: 'disk_error' },
])('edits answered before a write the disk refuses ($disk)', ({ disk, code }) => {
  it('are all dropped: the file is the last good plan byte for byte, memory goes back to it, each revision is refused, undo skips them, and sent again they save', async () => {
    const writes = heldDisk();
    const { store, handlers, edit } = await setUp(writes.fs);
    valueOf(await edit('action-1', 'Saved first')());
    await store.settled();
    const good = await readFile(path);

    writes.hold();
    const calls = [edit('action-1', 'Dropped one'), edit('action-2', 'Dropped two'), edit('action-3', 'Dropped three')];
    const answers: PlanDelta[] = [];
    for (const call of calls) answers.push(valueOf(await call()));
    // Answered before the write finished: the page already shows all three.
    expect(achievementOf(store.document()!, 'action-3')).toBe('Dropped three');
    writes.set(disk);
    writes.release();

    const outcomes = await Promise.all(answers.map((delta) => handlers.whenSaved({ revision: delta.revision })));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(await readFile(path)).toEqual(good);
    expect(store.document()).toEqual(decodePlanFile(path, good.toString('utf8')));
    expect(achievementOf(store.document()!, 'action-1')).toBe('Saved first');
    expect(store.revision()).toBeGreaterThan(answers.at(-1)!.revision);

    // The disk recovers. Undo takes back the edit the file holds, never one it refused.
    writes.set('fine');
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: true, canRedo: false });
    valueOf(await handlers.undo({}));
    expect(achievementOf(store.document()!, 'action-1')).toBe(makeDocument().actions[0]!.achievement);
    expect(valueOf(await handlers.getHistory({})).canUndo).toBe(false);
    await store.settled();
    valueOf(await handlers.redo({}));

    // The same calls, sent again with what they were based on, save.
    let last: PlanDelta | null = null;
    for (const call of calls) last = valueOf(await call());
    expect(valueOf(await handlers.whenSaved({ revision: last!.revision }))).toMatchObject({ saved: true });
    const saved = await onDisk();
    expect(['action-1', 'action-2', 'action-3'].map((id) => achievementOf(saved, id))).toEqual([
      'Dropped one',
      'Dropped two',
      'Dropped three',
    ]);
    await handlers.close();
  });
});

describe('edits answered before a write that finds the file changed by another program', () => {
  it('are dropped, the other program`s file is kept byte for byte and read, each revision is refused, and undo skips them', async () => {
    const writes = heldDisk();
    const { store, handlers, edit } = await setUp(writes.fs);
    valueOf(await edit('action-1', 'Saved first')());
    await store.settled();
    const theirs = { ...makeDocument(), plan: { ...makeDocument().plan, title: 'Edited elsewhere' } };
    const theirBytes = JSON.stringify(theirs);

    writes.hold();
    const answers = [
      valueOf(await edit('action-2', 'Dropped one')()),
      valueOf(await edit('action-3', 'Dropped two')()),
    ];
    await writeFile(path, theirBytes);
    writes.release();

    for (const delta of answers) {
      expect(await handlers.whenSaved({ revision: delta.revision })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    }
    expect(await readFile(path, 'utf8')).toBe(theirBytes);
    expect(store.document()!.plan.title).toBe('Edited elsewhere');
    expect(achievementOf(store.document()!, 'action-3')).toBe(makeDocument().actions[2]!.achievement);
    // Undo is left with the edit the file held before the other program's (which no longer has it), never
    // one that was dropped.
    expect(valueOf(await handlers.getHistory({})).canUndo).toBe(true);
    expect(await handlers.undo({})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(valueOf(await handlers.getHistory({})).canUndo).toBe(false);
    expect(store.document()).toEqual(theirs);
    await handlers.close();
  });
});

describe('edits made during one slow write', () => {
  it('are written together: at most two writes for ten edits, and the file holds all ten', async () => {
    const writes = heldDisk();
    const { store, handlers, edit } = await setUp(writes.fs);
    const before = writes.writes();
    writes.hold();
    const answers: PlanDelta[] = [];
    for (let index = 1; index <= 10; index += 1) {
      answers.push(valueOf(await edit(`action-${(index % 3) + 1}`, `Edit ${index}`)()));
    }
    writes.release();
    for (const delta of answers) {
      expect(valueOf(await handlers.whenSaved({ revision: delta.revision }))).toMatchObject({ saved: true });
    }
    expect(writes.writes() - before).toBeLessThanOrEqual(2);
    const saved = await onDisk();
    expect(saved).toEqual(store.document());
    expect(['action-2', 'action-3', 'action-1'].map((id) => achievementOf(saved, id))).toEqual([
      'Edit 10',
      'Edit 8',
      'Edit 9',
    ]);
    expect(saved.updateLog.filter((entry) => entry.field === 'achievement')).toHaveLength(10);
    await handlers.close();
  });
});

describe('closing (quitting the app) while edits are being written', () => {
  it('waits for the write: the file holds every edit answered before the close', async () => {
    const writes = heldDisk();
    const { store, edit } = await setUp(writes.fs);
    writes.hold();
    valueOf(await edit('action-1', 'Answered before quitting')());
    const closing = store.close();
    writes.release();
    await closing;
    expect(achievementOf(await onDisk(), 'action-1')).toBe('Answered before quitting');
  });
});

describe('an undo answered before a write the disk refuses', () => {
  it('is dropped like any edit, and the edit it took back can be undone again once the disk recovers', async () => {
    const writes = heldDisk();
    const { store, handlers, edit } = await setUp(writes.fs);
    valueOf(await edit('action-1', 'Saved first')());
    await store.settled();
    writes.hold();
    const undone = valueOf(await handlers.undo({}));
    writes.set('full');
    writes.release();
    expect(await handlers.whenSaved({ revision: undone.revision })).toMatchObject({
      ok: false,
      error: { code: 'disk_full' },
    });
    expect(achievementOf(store.document()!, 'action-1')).toBe('Saved first');
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: true, canRedo: false });

    writes.set('fine');
    const again = valueOf(await handlers.undo({}));
    expect(valueOf(await handlers.whenSaved({ revision: again.revision }))).toMatchObject({ saved: true });
    expect(achievementOf(await onDisk(), 'action-1')).toBe(makeDocument().actions[0]!.achievement);
    await handlers.close();
  });
});
