import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { createHandlers } from '../../../../../electron/core/handlers';
import type { HandlerDeps, Handlers } from '../../../../../electron/core/handlers';
import { PlanStore } from '../../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import type { ApiResult } from '../../../../../shared/api/contract';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { PaperTemplate } from '../../../../../shared/model/boardPaper';
import { counterIds, listDir, makeTempDir, removeDir } from '../../../../support/fixtures';
import { planAfter } from '../../../../support/planAfter';
import { written } from '../../../../support/written';
import type { PlanDocument } from '../../../../../shared/model/plan';

const NOW = new Date('2026-11-24T10:00:00.000Z');

let dir: string;
let dataFile: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-paper-handlers-');
  dataFile = join(dir, 'plan.json');
});

afterEach(async () => {
  await Promise.all(made.splice(0).map(written));
  await removeDir(dir);
});

/** Every test's handlers, so the files are read (and removed) only once their edits are written. */
const made: Handlers[] = [];

async function handlersOver(extra: Partial<HandlerDeps> = {}): Promise<Handlers> {
  const store = await PlanStore.open(dataFile, demoDocument);
  const handlers = createHandlers({
    store,
    demoDocument,
    user: 'Board Secretary',
    clock: () => NOW,
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
    acceptsPathsFromPage: true,
    ...extra,
  });
  made.push(handlers);
  return handlers;
}

/** The plan file once every edit answered is written. */
async function planOnDisk() {
  await Promise.all(made.map(written));
  return JSON.parse(await readFile(dataFile, 'utf8')) as PlanDocument;
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function firstTemplate(handlers: Handlers): Promise<PaperTemplate> {
  const templates = valueOf(await handlers.listPaperTemplates({}));
  expect(templates.length).toBeGreaterThanOrEqual(2);
  return templates[0]!;
}

describe('exportBoardPaper', () => {
  it('writes the Word note and the workbook to the folder and records the paper in the plan', async () => {
    const handlers = await handlersOver();
    const template = await firstTemplate(handlers);
    const folder = join(dir, 'papers');
    const paper = paperInputFromTemplate(template, '2027-01-21');
    const { files, document } = valueOf(
      await handlers.exportBoardPaper({ templateId: template.id, paper, word: true, excel: true, folder }),
    );

    expect((await listDir(folder)).sort()).toEqual(files.map((file) => file.slice(folder.length + 1)).sort());
    expect(files.some((file) => file.endsWith('.docx'))).toBe(true);
    expect(files.some((file) => file.endsWith('.xlsx'))).toBe(true);
    expect((await readFile(files[0]!)).subarray(0, 2).toString()).toBe('PK');

    const record = document.papers.at(-1)!;
    expect(record).toMatchObject({
      meetingDate: '2027-01-21',
      board: paper.board,
      templateId: template.id,
      files,
      producedAt: NOW.toISOString(),
    });
    expect(Object.keys(record.snapshot.statuses)).toHaveLength(document.actions.length);
    const onDisk = await planOnDisk();
    expect(onDisk.papers.at(-1)!.files).toEqual(files);
  });

  it('keeps one draft per meeting, so a second export still reports what was completed since the last paper', async () => {
    const handlers = await handlersOver();
    const template = await firstTemplate(handlers);
    const open = demoDocument().actions.find((action) => action.status !== 'complete')!;
    valueOf(await handlers.updateAction({ id: open.id, changes: { status: 'complete' } }));
    const paper = paperInputFromTemplate(template, '2027-01-21');
    const request = { templateId: template.id, paper, word: false, excel: true, folder: join(dir, 'papers') };
    valueOf(await handlers.exportBoardPaper(request));
    const { document } = valueOf(await handlers.exportBoardPaper(request));

    const forMeeting = document.papers.filter((record) => record.meetingDate === '2027-01-21');
    expect(forMeeting).toHaveLength(1);
    const completed = buildPaperContent(document, paper, '2026-11-24').progress!.completedSinceLast!;
    expect(completed.map((item) => item.actionId)).toContain(open.id);
  });

  it('never writes over an earlier export of the same meeting', async () => {
    const handlers = await handlersOver();
    const template = await firstTemplate(handlers);
    const folder = join(dir, 'papers');
    const request = {
      templateId: template.id,
      paper: paperInputFromTemplate(template, '2027-01-21'),
      word: true,
      excel: false,
      folder,
    };
    const first = valueOf(await handlers.exportBoardPaper(request)).files[0]!;
    await writeFile(first, 'edited by hand');
    const second = valueOf(await handlers.exportBoardPaper(request)).files[0]!;
    expect(second).not.toBe(first);
    expect(await readFile(first, 'utf8')).toBe('edited by hand');
  });

  it('refuses an unknown template and a request for no file at all', async () => {
    const handlers = await handlersOver();
    const template = await firstTemplate(handlers);
    const paper = paperInputFromTemplate(template, '2027-01-21');
    const unknown = await handlers.exportBoardPaper({
      templateId: 'no-such-template',
      paper,
      word: true,
      excel: false,
      folder: dir,
    });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
    const nothing = await handlers.exportBoardPaper({
      templateId: template.id,
      paper,
      word: false,
      excel: false,
      folder: dir,
    });
    expect(nothing.ok ? null : nothing.error.problems.map((problem) => problem.field)).toEqual(['word']);
  });

  it('writes beside the data file when the shell has no folder picker', async () => {
    const handlers = await handlersOver();
    const template = await firstTemplate(handlers);
    const { files } = valueOf(
      await handlers.exportBoardPaper({
        templateId: template.id,
        paper: paperInputFromTemplate(template, '2027-01-21'),
        word: false,
        excel: true,
      }),
    );
    expect(files[0]!.startsWith(join(dir, 'board-papers'))).toBe(true);
  });
});

describe('revealFile', () => {
  it('shows only a file this run exported', async () => {
    const shown: string[] = [];
    const handlers = await handlersOver({ revealFile: (path) => shown.push(path) });
    const template = await firstTemplate(handlers);
    const { files } = valueOf(
      await handlers.exportBoardPaper({
        templateId: template.id,
        paper: paperInputFromTemplate(template, '2027-01-21'),
        word: true,
        excel: false,
        folder: dir,
      }),
    );
    expect(valueOf(await handlers.revealFile({ path: files[0]! }))).toEqual({ shown: true });
    const refused = await handlers.revealFile({ path: '/etc/passwd' });
    expect(refused.ok ? null : refused.error.code).toBe('invalid');
    expect(shown).toEqual([files[0]]);
  });
});

async function exportedWorkbook(handlers: Handlers): Promise<Buffer> {
  const template = await firstTemplate(handlers);
  const { files } = valueOf(
    await handlers.exportBoardPaper({
      templateId: template.id,
      paper: paperInputFromTemplate(template, '2027-01-21'),
      word: false,
      excel: true,
      folder: dir,
    }),
  );
  return readFile(files[0]!);
}

async function withStatus(bytes: Buffer, row: number, status: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Action plan')!;
  const header = sheet.getRow(1).values as unknown[];
  sheet.getRow(row).getCell(header.indexOf('Status')).value = status;
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('Excel import through the handlers', () => {
  it('previews a change, then applies exactly it with an update-log entry', async () => {
    const handlers = await handlersOver();
    const base64 = await withStatus(await exportedWorkbook(handlers), 2, 'Off track');
    const preview = valueOf(await handlers.previewWorkbookImport({ fileName: 'edited.xlsx', base64 }));
    expect(preview.problems).toEqual([]);
    expect(preview.changes).toHaveLength(1);
    expect(preview.changes[0]).toMatchObject({ field: 'Status', new: 'Off track', sheet: 'Action plan', row: 2 });

    const before = valueOf(await handlers.getState({})).document!;
    const document = valueOf(
      await handlers.applyWorkbookImport({ fileName: 'edited.xlsx', base64, expectedChanges: 1 }),
    );
    const changed = document.actions.find((action) => action.id === preview.changes[0]!.actionId)!;
    expect(changed.status).toBe('off_track');
    expect(document.updateLog.length).toBe(before.updateLog.length + 1);
    expect(document.updateLog.at(-1)).toMatchObject({ field: 'status', new: '"off_track"', by: 'Board Secretary' });
  });

  it('refuses to apply when the plan changed since the preview, leaving the file untouched', async () => {
    const handlers = await handlersOver();
    const base64 = await withStatus(await exportedWorkbook(handlers), 2, 'Off track');
    const before = await readFile(dataFile);
    const result = await handlers.applyWorkbookImport({ fileName: 'edited.xlsx', base64, expectedChanges: 3 });
    expect(result.ok ? null : result.error.code).toBe('conflict');
    expect(await readFile(dataFile)).toEqual(before);
  });

  it('reports a bad status by sheet, row and column, and will not apply it', async () => {
    const handlers = await handlersOver();
    const base64 = await withStatus(await exportedWorkbook(handlers), 3, 'Nearly there');
    const preview = valueOf(await handlers.previewWorkbookImport({ fileName: 'bad.xlsx', base64 }));
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ sheet: 'Action plan', row: 3, column: 'Status' });
    const before = await readFile(dataFile);
    const result = await handlers.applyWorkbookImport({ fileName: 'bad.xlsx', base64, expectedChanges: 1 });
    expect(result.ok).toBe(false);
    expect(await readFile(dataFile)).toEqual(before);
  });

  it('answers a file that is not a workbook with a problem, not a crash', async () => {
    const handlers = await handlersOver();
    const preview = valueOf(
      await handlers.previewWorkbookImport({ fileName: 'notes.xlsx', base64: Buffer.from('hello').toString('base64') }),
    );
    expect(preview.changes).toEqual([]);
    expect(preview.problems.length).toBeGreaterThan(0);
  });
});

describe('issuing, discarding and withdrawing papers', () => {
  async function draftFor(handlers: Handlers, meetingDate: string) {
    const template = await firstTemplate(handlers);
    const { document } = valueOf(
      await handlers.exportBoardPaper({
        templateId: template.id,
        paper: paperInputFromTemplate(template, meetingDate),
        word: false,
        excel: true,
        folder: join(dir, 'papers'),
      }),
    );
    return document.papers.find((record) => record.meetingDate === meetingDate)!;
  }

  it('issues a draft in the name of the person using the app and keeps it on disk', async () => {
    const handlers = await handlersOver();
    const draft = await draftFor(handlers, '2027-01-21');
    const document = await planAfter(handlers, handlers.issuePaper({ paperId: draft.id }));
    const issued = document.papers.find((record) => record.id === draft.id)!;
    expect(issued).toMatchObject({ state: 'issued', issuedAt: NOW.toISOString() });
    expect(issued.issuedBy?.name).toBe('Board Secretary');
    const onDisk = await planOnDisk();
    expect(onDisk.papers.find((record) => record.id === draft.id)!.state).toBe('issued');

    const again = await handlers.issuePaper({ paperId: draft.id });
    expect(again.ok ? null : again.error.code).toBe('conflict');
  });

  it('discards a draft but refuses to discard an issued paper', async () => {
    const handlers = await handlersOver();
    const draft = await draftFor(handlers, '2027-01-21');
    const document = await planAfter(handlers, handlers.discardDraftPaper({ paperId: draft.id }));
    expect(document.papers.some((record) => record.id === draft.id)).toBe(false);

    const other = await draftFor(handlers, '2027-03-18');
    valueOf(await handlers.issuePaper({ paperId: other.id }));
    const refused = await handlers.discardDraftPaper({ paperId: other.id });
    expect(refused.ok ? null : refused.error.message).toMatch(/withdraw it instead/);
  });

  it('withdraws an issued paper with its reason and keeps it in the history', async () => {
    const handlers = await handlersOver();
    const draft = await draftFor(handlers, '2027-01-21');
    valueOf(await handlers.issuePaper({ paperId: draft.id }));
    const document = await planAfter(
      handlers,
      handlers.withdrawPaper({ paperId: draft.id, reason: 'Levels for two areas were wrong' }),
    );
    const withdrawn = document.papers.find((record) => record.id === draft.id)!;
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.withdrawal).toMatchObject({
      reason: 'Levels for two areas were wrong',
      at: NOW.toISOString(),
      by: { name: 'Board Secretary' },
    });
    const noReason = await handlers.withdrawPaper({ paperId: draft.id, reason: '' });
    expect(noReason.ok ? null : noReason.error.code).toBe('invalid_input');
  });
});
