import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import { createHandlers } from '../../../../../electron/core/handlers';
import type { Handlers } from '../../../../../electron/core/handlers';
import { PlanStore } from '../../../../../electron/core/planStore';
import { encodePlanFile } from '../../../../../electron/core/planFileCodec';
import type { ApiError, ApiResult, AppState } from '../../../../../shared/api/contract';
import { basedOnValues } from '../../../../../shared/domain/basedOn';
import { applyDelta } from '../../../../../shared/domain/delta';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

let dir: string;
let path: string;
let handlers: Handlers & { close: () => Promise<void> };
let store: PlanStore;

beforeEach(async () => {
  dir = await makeTempDir('apt-revision-');
  path = join(dir, 'plan.json');
  store = await PlanStore.open(path, makeDocument);
  handlers = createHandlers({
    store,
    demoDocument: makeDocument,
    user: 'Test User',
    clock: () => new Date('2016-06-15T12:00:00.000Z'),
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
  });
});

afterEach(async () => {
  await handlers.close();
  await removeDir(dir);
});

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(result: ApiResult<unknown>): ApiError {
  if (result.ok) throw new Error('expected an error result');
  return result.error;
}

/** A page: the plan as it loaded it, and its edits stamped with what it saw, as the renderer sends them. */
async function page() {
  const seen: AppState = valueOf(await handlers.getState({}));
  const doc = seen.document!;
  return {
    doc,
    updateAction: (id: string, changes: Record<string, unknown>) =>
      handlers.updateAction({
        id,
        changes,
        basedOn: { revision: seen.revision, values: basedOnValues('updateAction', doc, { id, changes }) },
      }),
  };
}

/** The file once every edit answered is written: edits are written behind their answers. */
const planOnDisk = async () => {
  await store.settled();
  return JSON.parse(await readFile(path, 'utf8')) as PlanDocument;
};

const actionOnDisk = async (id: string) => (await planOnDisk()).actions.find((action) => action.id === id)!;

describe('an edit based on an older revision', () => {
  it('applies a change to a field nobody else changed, keeping the other window`s change', async () => {
    const one = await page();
    const two = await page();
    valueOf(await one.updateAction('action-1', { status: 'complete' }));
    const lead = [{ name: 'Jo Bloggs' }];
    const delta = valueOf(await two.updateAction('action-1', { leads: lead }));

    const after = await actionOnDisk('action-1');
    expect(after.status).toBe('complete');
    expect(after.leads).toEqual(lead);
    expect(delta.changed.actions).toMatchObject({
      kind: 'patched',
      upserted: [{ id: 'action-1', status: 'complete' }],
    });
  });

  it('refuses a change to a field changed elsewhere, whole, naming both values, and leaves the file alone', async () => {
    const one = await page();
    const two = await page();
    valueOf(await one.updateAction('action-1', { status: 'complete' }));
    await store.settled();
    const before = await readFile(path, 'utf8');

    const error = errorOf(await two.updateAction('action-1', { status: 'at_risk', achievement: 'Half done' }));
    expect(error.code).toBe('conflict');
    expect(error.conflicts).toEqual([
      expect.objectContaining({
        field: 'status',
        label: 'Status',
        record: 'action 1',
        yours: 'At risk',
        theirs: 'Complete',
      }),
    ]);
    expect(error.message).toContain(
      'Status of action 1 was changed to Complete in another window since you opened it; yours: At risk.',
    );
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('"Keep mine": the same edit based on the value now in the plan applies', async () => {
    const one = await page();
    const two = await page();
    valueOf(await one.updateAction('action-1', { status: 'complete' }));
    const error = errorOf(await two.updateAction('action-1', { status: 'at_risk' }));
    valueOf(
      await handlers.updateAction({
        id: 'action-1',
        changes: { status: 'at_risk' },
        basedOn: { revision: error.revision!, values: { status: error.conflicts![0]!.current } },
      }),
    );
    expect((await actionOnDisk('action-1')).status).toBe('at_risk');
  });

  it('a whole form sent back (the editor) keeps what others changed in the fields the person left alone', async () => {
    const one = await page();
    const two = await page();
    valueOf(await one.updateAction('action-1', { status: 'complete' }));
    const draft = { ...basedOnValues('updateAction', two.doc, { id: 'action-1', changes: {} }), achievement: 'More' };
    valueOf(await two.updateAction('action-1', draft));
    const after = await actionOnDisk('action-1');
    expect(after.status).toBe('complete');
    expect(after.achievement).toBe('More');
  });

  it('the same change made in both windows is not a conflict', async () => {
    const one = await page();
    const two = await page();
    valueOf(await one.updateAction('action-1', { status: 'complete' }));
    valueOf(await two.updateAction('action-1', { status: 'complete' }));
  });

  it('checks people, the plan details and measures field by field too', async () => {
    const seen = valueOf(await handlers.getState({}));
    const doc = seen.document!;
    const person = doc.people[0]!;
    valueOf(await handlers.savePerson({ person: { ...person, role: 'Chair' } }));
    const stale = { revision: seen.revision };
    const refused = errorOf(
      await handlers.savePerson({
        person: { ...person, role: 'Secretary' },
        basedOn: { ...stale, values: basedOnValues('savePerson', doc, { person }) },
      }),
    );
    expect(refused.conflicts).toEqual([
      expect.objectContaining({ label: 'Role', theirs: 'Chair', yours: 'Secretary' }),
    ]);
    valueOf(
      await handlers.savePerson({
        person: { ...person, organisation: 'Council' },
        basedOn: { ...stale, values: basedOnValues('savePerson', doc, { person }) },
      }),
    );
    const people = valueOf(await handlers.getState({})).document!.people;
    expect(people[0]).toMatchObject({ role: 'Chair', organisation: 'Council' });

    valueOf(await handlers.updatePlanInfo({ changes: { title: 'Renamed' } }));
    const planRefused = errorOf(
      await handlers.updatePlanInfo({
        changes: { title: 'Mine' },
        basedOn: { ...stale, values: basedOnValues('updatePlanInfo', doc, { changes: {} }) },
      }),
    );
    expect(planRefused.conflicts).toEqual([expect.objectContaining({ field: 'title', theirs: 'Renamed' })]);
  });

  it('an edit of a record deleted elsewhere is refused as not found', async () => {
    const two = await page();
    valueOf(await handlers.deleteAction({ id: 'action-1' }));
    expect(errorOf(await two.updateAction('action-1', { status: 'complete' })).code).toBe('not_found');
  });
});

describe('the revision', () => {
  it('moves on with each saved edit and when the store finds the file changed by another program', async () => {
    const first = valueOf(await handlers.getState({})).revision;
    const delta = valueOf(await handlers.updateAction({ id: 'action-2', changes: { status: 'complete' } }));
    expect(delta.from).toBe(first);
    expect(valueOf(await handlers.getState({})).revision).toBe(delta.revision);

    const changed = { ...makeDocument(), plan: { ...makeDocument().plan, title: 'Edited elsewhere' } };
    await writeFile(path, encodePlanFile(changed));
    const refused = valueOf(await handlers.updateAction({ id: 'action-2', changes: { status: 'at_risk' } }));
    expect(errorOf(await handlers.whenSaved({ revision: refused.revision })).code).toBe('conflict');
    const reloaded = valueOf(await handlers.getState({}));
    expect(reloaded.revision).not.toBe(delta.revision);
    expect(reloaded.document!.plan.title).toBe('Edited elsewhere');
  });

  it('is not written into the file', async () => {
    valueOf(await handlers.updateAction({ id: 'action-2', changes: { status: 'complete' } }));
    expect(await readFile(path, 'utf8')).not.toContain('revision');
  });

  it('the page patched with each delta holds the plan as saved', async () => {
    let doc = valueOf(await handlers.getState({})).document!;
    const edits = [
      () => handlers.updateAction({ id: 'action-2', changes: { status: 'complete' } }),
      () => handlers.deleteAction({ id: 'action-1' }),
      () => handlers.undo({}),
      () => handlers.savePerson({ person: { name: 'New Person' } }),
      () => handlers.saveMeasure({ measure: { name: 'Visits', direction: 'maximise', unit: 'count' } }),
    ];
    for (const run of edits) doc = applyDelta(doc, valueOf(await run()));
    expect(doc).toEqual(await planOnDisk());
  });
});
