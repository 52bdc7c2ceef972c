import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../electron/core/handlers';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../../electron/core/planStore';
import { PreferencesStore } from '../../electron/core/preferencesStore';
import type { ApiResult } from '../../shared/api/contract';
import { counterIds, makeDocument, makeTempDir, removeDir } from './fixtures';
import ExcelJS from '../../electron/core/export/planWorkbookExcel';
import { actionsLedBy } from '../../shared/domain/beforeBoard';
import { isoDateOf } from '../../shared/domain/derived';

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-store-handlers-');
});

afterEach(async () => {
  await removeDir(dir);
});

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function session(file: string) {
  const store = await PlanStore.open(file, makeDocument, DESKTOP_STORE_OPTIONS);
  return createHandlers({
    store,
    demoDocument: makeDocument,
    user: 'Test User',
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
  });
}

describe('opening another plan', () => {
  it('releases the old file when another plan is opened', async () => {
    const handlers = await session(join(dir, 'a.json'));
    expect(existsSync(join(dir, 'a.json.lock'))).toBe(true);
    valueOf(await handlers.openDataFile({ path: join(dir, 'b.json') }));
    expect(existsSync(join(dir, 'a.json.lock'))).toBe(false);
    expect(existsSync(join(dir, 'b.json.lock'))).toBe(true);
    await handlers.close();
  });
});

describe('backups through the handlers', () => {
  it('lists the backups and restores one, keeping the current plan aside', async () => {
    const file = join(dir, 'plan.json');
    const handlers = await session(file);
    valueOf(await handlers.updateAction({ id: 'action-1', changes: { achievement: 'First edit' } }));
    valueOf(await handlers.updateAction({ id: 'action-1', changes: { achievement: 'Second edit' } }));

    const backups = valueOf(await handlers.listBackups({}));
    const latest = backups.find((backup) => backup.kind === 'latest')!;
    expect(latest.problem).toBeNull();
    expect(await readFile(latest.path, 'utf8')).toContain('First edit');

    const state = valueOf(await handlers.restoreFrom({ path: latest.path }));
    expect(state.document!.actions.find((action) => action.id === 'action-1')!.achievement).toBe('First edit');
    const after = valueOf(await handlers.listBackups({}));
    const keptAside = after.find((backup) => backup.kind === 'before-restore')!;
    expect(await readFile(keptAside.path, 'utf8')).toContain('Second edit');
    await handlers.close();
  });

  it('refuses to restore a file that is not one of the plan\'s backups', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const result = await handlers.restoreFrom({ path: '/etc/hosts' });
    expect(result.ok ? null : result.error.code).toBe('invalid');
    await handlers.close();
  });

  it('saves a copy that opens as the same plan, but never over the plan itself', async () => {
    const file = join(dir, 'plan.json');
    const handlers = await session(file);
    const { path } = valueOf(await handlers.saveCopy({ path: join(dir, 'copy.json') }));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(JSON.parse(await readFile(file, 'utf8')));
    const refused = await handlers.saveCopy({ path: file });
    expect(refused.ok ? null : refused.error.code).toBe('invalid');
    await handlers.close();
  });
});

describe('undo and redo through the handlers', () => {
  it('undoes, redoes and undoes again, alternating the status', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const status = async () => valueOf(await handlers.getAction({ id: 'action-1' })).status;
    const original = await status();
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: false, canRedo: false });
    valueOf(await handlers.updateAction({ id: 'action-1', changes: { status: 'off_track' } }));
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: true, canRedo: false });
    valueOf(await handlers.undo({}));
    expect(await status()).toBe(original);
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: false, canRedo: true });
    valueOf(await handlers.redo({}));
    expect(await status()).toBe('off_track');
    valueOf(await handlers.undo({}));
    expect(await status()).toBe(original);
    const nothing = await handlers.undo({});
    expect(nothing.ok ? null : nothing.error.message).toBe('There is nothing to undo.');
    await handlers.close();
  });

  it('takes back a bulk step completion across two actions in one undo', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const doc = valueOf(await handlers.getState({})).document!;
    const withSteps = doc.actions.filter((action) => action.nextSteps.some((step) => !step.done)).slice(0, 2);
    expect(withSteps).toHaveLength(2);
    const steps = withSteps.map((action) => ({ actionId: action.id, stepId: action.nextSteps.find((step) => !step.done)!.id }));
    valueOf(await handlers.setStepsDone({ steps, done: true }));
    const undone = valueOf(await handlers.undo({}));
    for (const { actionId, stepId } of steps) {
      expect(undone.actions.find((action) => action.id === actionId)!.nextSteps.find((step) => step.id === stepId)!.done).toBe(false);
    }
    await handlers.close();
  });

  it('forgets the history when another plan is opened', async () => {
    const handlers = await session(join(dir, 'a.json'));
    valueOf(await handlers.updateAction({ id: 'action-1', changes: { status: 'off_track' } }));
    valueOf(await handlers.openDataFile({ path: join(dir, 'b.json') }));
    const result = await handlers.undo({});
    expect(result.ok ? null : result.error.message).toBe('There is nothing to undo.');
    await handlers.close();
  });
});

describe('new plan', () => {
  it('creates an empty plan with the seven areas and four levels, and opens it', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const state = valueOf(await handlers.newPlan({ path: join(dir, 'new.json'), title: 'Family Help Plan 2027' }));
    expect(state.store.path).toBe(join(dir, 'new.json'));
    expect(state.document!.plan.title).toBe('Family Help Plan 2027');
    expect(state.document!.actions).toEqual([]);
    expect(state.document!.matrix.areas.map((area) => area.name)).toHaveLength(7);
    expect(state.document!.matrix.levels.map((level) => level.name)).toEqual(['Basic level', 'Early progress', 'Substantial progress', 'Maturity']);
    expect(JSON.parse(await readFile(join(dir, 'new.json'), 'utf8')).plan.title).toBe('Family Help Plan 2027');
    await handlers.close();
  });

  it('starts from the chosen matrix preset, written to the file with its descriptors', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const state = valueOf(await handlers.newPlan({ path: join(dir, 'six.json'), title: 'Transformation plan', preset: 'service-transformation' }));
    expect(state.document!.matrix.levels.map((level) => level.name)).toEqual(['Early', 'Developing', 'Maturing', 'Mature']);
    expect(state.document!.matrix.areas.map((area) => area.name)).toHaveLength(6);
    const saved = JSON.parse(await readFile(join(dir, 'six.json'), 'utf8'));
    expect(saved.matrix.areas[0].descriptors.every((text: string) => text.length > 0)).toBe(true);
    expect((await handlers.newPlan({ path: join(dir, 'x.json'), preset: 'made-up' as 'service-transformation' })).ok).toBe(false);
    await handlers.close();
  });

  it('never writes a new plan over an existing file', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const before = await readFile(join(dir, 'plan.json'));
    const result = await handlers.newPlan({ path: join(dir, 'plan.json') });
    expect(result.ok ? null : result.error.code).toBe('conflict');
    expect(await readFile(join(dir, 'plan.json'))).toEqual(before);
    await handlers.close();
  });
});

describe('my actions to Excel', () => {
  it('writes one row per action the person leads', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const doc = valueOf(await handlers.getState({})).document!;
    const person = doc.actions.find((action) => action.leads.length > 0 && action.status !== 'complete')!.leads[0]!.name;
    const { files } = valueOf(await handlers.exportMyActions({ person, folder: join(dir, 'out') }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files[0]!);
    const sheet = workbook.getWorksheet('My actions')!;
    const numbers = sheet.getColumn(1).values.slice(3).filter((value) => value !== undefined && value !== null);
    expect(numbers.length).toBe(actionsLedBy(doc, person, isoDateOf(new Date())).length);
    expect(String(sheet.getCell('A1').value)).toContain(person);
    await handlers.close();
  });
});
