import { planAfter } from '../../../../support/planAfter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../../../../electron/core/handlers';
import type { HandlerDeps } from '../../../../../electron/core/handlers';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import type { ApiResult } from '../../../../../shared/api/contract';
import { paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { actionsLedBy } from '../../../../../shared/domain/beforeBoard';
import { isoDateOf } from '../../../../../shared/domain/derived';

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

/** Handlers as the browser harness makes them (paths typed into the page), unless `extra` says otherwise. */
async function session(file: string, extra: Partial<HandlerDeps> = {}) {
  const store = await PlanStore.open(file, makeDocument, DESKTOP_STORE_OPTIONS);
  return createHandlers({
    store,
    demoDocument: makeDocument,
    user: 'Test User',
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
    acceptsPathsFromPage: true,
    ...extra,
  });
}

/** Handlers as the desktop makes them: every path comes from a dialog, here answered by `chosen`. */
function desktopSession(file: string, chosen: { file?: string; save?: string; folder?: string } = {}) {
  const dialogs = { open: 0, save: 0, folder: 0 };
  const handlers = session(file, {
    acceptsPathsFromPage: false,
    pickDataFile: async () => {
      dialogs.open += 1;
      return chosen.file ?? null;
    },
    pickSavePath: async () => {
      dialogs.save += 1;
      return chosen.save ?? null;
    },
    pickExportFolder: async () => {
      dialogs.folder += 1;
      return chosen.folder ?? null;
    },
  });
  return { handlers, dialogs };
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
    await planAfter(handlers, handlers.updateAction({ id: 'action-1', changes: { achievement: 'First edit' } }));
    await planAfter(handlers, handlers.updateAction({ id: 'action-1', changes: { achievement: 'Second edit' } }));

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

  it("refuses to restore a file that is not one of the plan's backups", async () => {
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
    const before = await readFile(file);
    const refused = await handlers.saveCopy({ path: file });
    expect(refused.ok ? null : refused.error.code).toBe('conflict');
    await handlers.close();
    // Even a save dialog that confirmed replacing it cannot put a copy over the plan itself.
    const { handlers: desktop } = desktopSession(file, { save: file });
    const overPlan = await (await desktop).saveCopy({});
    expect(overPlan.ok ? null : overPlan.error.code).toBe('invalid');
    expect(await readFile(file)).toEqual(before);
    await (await desktop).close();
  });
});

describe('undo and redo through the handlers', () => {
  it('undoes, redoes and undoes again, alternating the status', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const status = async () =>
      valueOf(await handlers.getState({})).document!.actions.find((action) => action.id === 'action-1')!.status;
    const original = await status();
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: false, canRedo: false });
    await planAfter(handlers, handlers.updateAction({ id: 'action-1', changes: { status: 'off_track' } }));
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: true, canRedo: false });
    await planAfter(handlers, handlers.undo({}));
    expect(await status()).toBe(original);
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: false, canRedo: true });
    await planAfter(handlers, handlers.redo({}));
    expect(await status()).toBe('off_track');
    await planAfter(handlers, handlers.undo({}));
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
    const steps = withSteps.map((action) => ({
      actionId: action.id,
      stepId: action.nextSteps.find((step) => !step.done)!.id,
    }));
    await planAfter(handlers, handlers.setStepsDone({ steps, done: true }));
    const undone = await planAfter(handlers, handlers.undo({}));
    for (const { actionId, stepId } of steps) {
      expect(
        undone.actions.find((action) => action.id === actionId)!.nextSteps.find((step) => step.id === stepId)!.done,
      ).toBe(false);
    }
    await handlers.close();
  });

  it('forgets the history when another plan is opened', async () => {
    const handlers = await session(join(dir, 'a.json'));
    await planAfter(handlers, handlers.updateAction({ id: 'action-1', changes: { status: 'off_track' } }));
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
    expect(state.document!.matrix.levels.map((level) => level.name)).toEqual([
      'Basic level',
      'Early progress',
      'Substantial progress',
      'Maturity',
    ]);
    expect(JSON.parse(await readFile(join(dir, 'new.json'), 'utf8')).plan.title).toBe('Family Help Plan 2027');
    await handlers.close();
  });

  it('starts from the chosen matrix preset, written to the file with its descriptors', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const state = valueOf(
      await handlers.newPlan({
        path: join(dir, 'six.json'),
        title: 'Transformation plan',
        preset: 'service-transformation',
      }),
    );
    expect(state.document!.matrix.levels.map((level) => level.name)).toEqual([
      'Early',
      'Developing',
      'Maturing',
      'Mature',
    ]);
    expect(state.document!.matrix.areas.map((area) => area.name)).toHaveLength(6);
    const saved = JSON.parse(await readFile(join(dir, 'six.json'), 'utf8'));
    expect(saved.matrix.areas[0].descriptors.every((text: string) => text.length > 0)).toBe(true);
    expect(
      (await handlers.newPlan({ path: join(dir, 'x.json'), preset: 'made-up' as 'service-transformation' })).ok,
    ).toBe(false);
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
    const person = doc.actions.find((action) => action.leads.length > 0 && action.status !== 'complete')!.leads[0]!
      .name;
    const { files } = valueOf(await handlers.exportMyActions({ person, folder: join(dir, 'out') }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files[0]!);
    const sheet = workbook.getWorksheet('My actions')!;
    const numbers = sheet
      .getColumn(1)
      .values.slice(3)
      .filter((value) => value !== undefined && value !== null);
    expect(numbers.length).toBe(actionsLedBy(doc, person, isoDateOf(new Date())).length);
    expect(String(sheet.getCell('A1').value)).toContain(person);
    await handlers.close();
  });
});

describe('on the desktop, the app alone chooses where files are read and written', () => {
  // A page made to run someone's script must not be able to open, create or overwrite a file of its choosing.
  const pagePaths: [string, (target: string) => Record<string, unknown>, 'path' | 'folder'][] = [
    ['openDataFile', (target) => ({ path: join(target, 'elsewhere.json') }), 'path'],
    ['newPlan', (target) => ({ path: join(target, 'new.json'), title: 'Planted plan' }), 'path'],
    ['saveCopy', (target) => ({ path: join(target, 'stolen.json') }), 'path'],
    ['exportMyActions', (target) => ({ person: 'Alex Lead', folder: target }), 'folder'],
  ];

  it.each(pagePaths)(
    '%s refuses a path sent by the page, asks no dialog and writes nothing there',
    async (method, input, field) => {
      const file = join(dir, 'plan.json');
      const { handlers: opening, dialogs } = desktopSession(file, {
        file: join(dir, 'picked.json'),
        save: join(dir, 'picked.json'),
        folder: dir,
      });
      const handlers = await opening;
      const target = join(dir, 'attacker');
      const result = await (handlers[method as 'saveCopy'] as (value: unknown) => Promise<ApiResult<unknown>>)(
        input(target),
      );
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid');
        expect(result.error.message).toMatch(/only uses a file or folder chosen in its own .* window/);
        expect(result.error.problems.map((problem) => problem.field)).toEqual([field]);
      }
      expect(dialogs).toEqual({ open: 0, save: 0, folder: 0 });
      expect(existsSync(target)).toBe(false);
      expect(valueOf(await handlers.getState({})).store.path).toBe(file);
      await handlers.close();
    },
  );

  it('exportBoardPaper refuses a folder sent by the page', async () => {
    const { handlers: opening, dialogs } = desktopSession(join(dir, 'plan.json'), { folder: dir });
    const handlers = await opening;
    const template = valueOf(await handlers.listPaperTemplates({}))[0]!;
    const target = join(dir, 'attacker');
    const paper = paperInputFromTemplate(template, '2027-01-21');
    const result = await handlers.exportBoardPaper({
      templateId: template.id,
      paper,
      word: true,
      excel: false,
      folder: target,
    });
    expect(result.ok ? null : result.error.problems.map((problem) => problem.field)).toEqual(['folder']);
    expect(dialogs.folder).toBe(0);
    expect(existsSync(target)).toBe(false);
    expect(valueOf(await handlers.getState({})).document!.papers).toEqual([]);
    await handlers.close();
  });

  it('uses the dialogs instead: open, new plan, save a copy and the export folder', async () => {
    const out = join(dir, 'out');
    const { handlers: opening, dialogs } = desktopSession(join(dir, 'plan.json'), {
      file: join(dir, 'other.json'),
      save: join(dir, 'copy.json'),
      folder: out,
    });
    const handlers = await opening;
    expect(valueOf(await handlers.saveCopy({})).path).toBe(join(dir, 'copy.json'));
    const person = valueOf(await handlers.getState({})).document!.actions.find((action) => action.leads.length > 0)!
      .leads[0]!.name;
    expect(valueOf(await handlers.exportMyActions({ person })).files[0]!.startsWith(out)).toBe(true);
    expect(valueOf(await handlers.openDataFile({})).store.path).toBe(join(dir, 'other.json'));
    expect(dialogs).toEqual({ open: 1, save: 1, folder: 1 });
    await handlers.close();
  });

  it('saves a copy over an existing file only when the save dialog chose it (the dialog asked first)', async () => {
    const existing = join(dir, 'last-year.json');
    await writeFile(existing, 'kept until the dialog confirmed');
    const { handlers: opening } = desktopSession(join(dir, 'plan.json'), { save: existing });
    const handlers = await opening;
    expect(valueOf(await handlers.saveCopy({})).path).toBe(existing);
    expect(JSON.parse(await readFile(existing, 'utf8')).plan).toBeDefined();
    await handlers.close();
  });

  it('restores only one of the backups the app listed itself', async () => {
    const { handlers: opening } = desktopSession(join(dir, 'plan.json'));
    const handlers = await opening;
    await planAfter(handlers, handlers.updateAction({ id: 'action-1', changes: { achievement: 'First edit' } }));
    const latest = valueOf(await handlers.listBackups({})).find((backup) => backup.kind === 'latest')!;
    expect(valueOf(await handlers.restoreFrom({ path: latest.path })).store.kind).toBe('ready');
    const planted = join(dir, 'planted.json');
    await writeFile(planted, await readFile(latest.path));
    const refused = await handlers.restoreFrom({ path: planted });
    expect(refused.ok ? null : refused.error.code).toBe('invalid');
    await handlers.close();
  });

  it('opens a recent plan from the menu only if it is in the list the app keeps', async () => {
    const chosen = { file: join(dir, 'b.json') };
    const { handlers: opening } = desktopSession(join(dir, 'plan.json'), chosen);
    const handlers = await opening;
    valueOf(await handlers.openDataFile({}));
    chosen.file = join(dir, 'c.json');
    valueOf(await handlers.openDataFile({}));
    const reopened = await handlers.openRecent(join(dir, 'b.json'));
    expect(reopened.ok && reopened.value.store.path).toBe(join(dir, 'b.json'));
    const refused = await handlers.openRecent(join(dir, 'never-opened.json'));
    expect(refused.ok ? null : refused.error.code).toBe('invalid');
    expect(existsSync(join(dir, 'never-opened.json'))).toBe(false);
    expect(valueOf(await handlers.getState({})).store.path).toBe(join(dir, 'b.json'));
    await handlers.close();
  });
});

describe('in the browser harness, a typed path never replaces a file', () => {
  it('refuses to save a copy over an existing file and leaves it as it was', async () => {
    const handlers = await session(join(dir, 'plan.json'));
    const existing = join(dir, 'minutes.json');
    await writeFile(existing, 'not a plan: the board minutes');
    const result = await handlers.saveCopy({ path: existing });
    expect(result.ok ? null : result.error.code).toBe('conflict');
    expect(await readFile(existing, 'utf8')).toBe('not a plan: the board minutes');
    await handlers.close();
  });
});
