import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import { createHandlers } from '../../../../../electron/core/handlers';
import type { Handlers } from '../../../../../electron/core/handlers';
import { PlanStore } from '../../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import type { ApiResult } from '../../../../../shared/api/contract';
import { counterIds, makeTempDir, removeDir } from '../../../../support/fixtures';
import { planAfter } from '../../../../support/planAfter';
import { written } from '../../../../support/written';

let dir: string;
let now = new Date('2026-11-24T10:00:00.000Z');

beforeEach(async () => {
  dir = await makeTempDir('apt-datacall-handlers-');
  now = new Date('2026-11-24T10:00:00.000Z');
});

afterEach(async () => {
  await Promise.all(made.splice(0).map(written));
  await removeDir(dir);
});

/** Every test's handlers, so the files are read (and removed) only once their edits are written. */
const made: Handlers[] = [];

async function handlersOver(): Promise<Handlers> {
  const store = await PlanStore.open(join(dir, 'plan.json'), demoDocument);
  const handlers = createHandlers({
    store,
    demoDocument,
    user: 'Board Secretary',
    clock: () => now,
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
    acceptsPathsFromPage: true,
  });
  made.push(handlers);
  return handlers;
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const request = { meetingDate: '2027-01-21', returnBy: '2027-01-08', message: 'Please update your actions.' };

describe('data call handlers', () => {
  it('write a workbook and an email draft per lead and record the call', async () => {
    const handlers = await handlersOver();
    const folder = join(dir, 'out');
    const started = valueOf(await handlers.startDataCall({ ...request, folder }));
    const call = started.document.dataCalls.find((candidate) => candidate.id === started.dataCallId)!;
    expect((await readdir(folder)).sort()).toEqual(
      call.leads.flatMap((lead) => [lead.fileName, lead.fileName.replace(/\.xlsx$/, '.eml')]).sort(),
    );
    const mail = await simpleParser(await readFile(join(folder, call.leads[0]!.fileName.replace(/\.xlsx$/, '.eml'))));
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual([call.leads[0]!.fileName]);
  });

  it('refuse to apply a return before each conflict is settled, then apply the side chosen under the lead’s name', async () => {
    const handlers = await handlersOver();
    const folder = join(dir, 'out');
    const started = valueOf(await handlers.startDataCall({ ...request, folder }));
    const lead = started.document.dataCalls[0]!.leads[0]!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(join(folder, lead.fileName))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('My actions')!;
    const headers = (sheet.getRow(1).values as (string | undefined)[]).map((value) => value ?? '');
    sheet.getRow(2).getCell(headers.indexOf('Achievement to date')).value = 'From the lead';
    const number = String(sheet.getRow(2).getCell(headers.indexOf('Action No.')).value);
    const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');

    now = new Date('2026-11-25T10:00:00.000Z');
    const action = started.document.actions.find((candidate) => candidate.number === number)!;
    valueOf(await handlers.updateAction({ id: action.id, changes: { achievement: 'From the app' } }));

    const [preview] = valueOf(await handlers.previewReturns({ files: [{ fileName: lead.fileName, base64 }] }));
    expect(preview!.conflicts.map((conflict) => [conflict.app, conflict.lead])).toEqual([
      ['From the app', 'From the lead'],
    ]);
    const unsettled = await handlers.applyReturn({
      dataCallId: started.dataCallId,
      fileName: lead.fileName,
      base64,
      choices: {},
    });
    expect(unsettled.ok ? '' : unsettled.error.message).toContain('choose which value to keep');

    const applied = await planAfter(
      handlers,
      handlers.applyReturn({
        dataCallId: started.dataCallId,
        fileName: lead.fileName,
        base64,
        choices: { [preview!.conflicts[0]!.key]: 'lead' },
      }),
    );
    expect(applied.actions.find((candidate) => candidate.id === action.id)!.achievement).toBe('From the lead');
    expect(applied.updateLog.at(-1)!.by).toBe(lead.name);
    expect(applied.dataCalls[0]!.leads[0]!.returnedAt).not.toBeNull();
  });

  it('make chase drafts only for the leads who are late', async () => {
    const handlers = await handlersOver();
    const started = valueOf(await handlers.startDataCall({ ...request, folder: join(dir, 'out') }));
    now = new Date('2027-01-10T10:00:00.000Z');
    const { files } = valueOf(
      await handlers.chaseDrafts({ dataCallId: started.dataCallId, folder: join(dir, 'chase') }),
    );
    expect(files).toHaveLength(started.document.dataCalls[0]!.leads.length);
    const mail = await simpleParser(await readFile(files[0]!));
    expect(mail.subject).toMatch(/^Reminder: /);
  });

  it('refuse a whole-plan workbook as a return', async () => {
    const handlers = await handlersOver();
    const folder = join(dir, 'out');
    valueOf(await handlers.startDataCall({ ...request, folder }));
    const bytes = await writePlanWorkbook(demoDocument(), '2026-11-24');
    const [preview] = valueOf(
      await handlers.previewReturns({ files: [{ fileName: 'plan.xlsx', base64: bytes.toString('base64') }] }),
    );
    expect(preview!.problems[0]!.reason).toContain('not a data-call return');
  });
});
