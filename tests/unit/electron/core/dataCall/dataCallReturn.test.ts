import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDataCall } from '../../../../../shared/domain/dataCall';
import { applyDataCallReturn, dataCallReturnChanges } from '../../../../../shared/domain/dataCallReturn';
import { updateAction } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { writeLeadWorkbook } from '../../../../../electron/core/dataCall/leadWorkbook';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { readPlanWorkbook } from '../../../../../electron/core/import/readPlanWorkbook';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

const TODAY = '2016-06-15';
const CALLED_AT = '2016-06-15T12:00:00.000Z';
const LATER = '2016-06-20T09:00:00.000Z';

/** Bryony Marsh leads open action 2 (at risk; her action 3 is complete) and owns one measure. */
function planWithMeasure(): PlanDocument {
  const doc = makeDocument();
  return {
    ...doc,
    measures: [
      {
        id: 'measure-1',
        name: 'Families supported by Early Help',
        description: '',
        direction: 'maximise',
        unit: 'count',
        target: null,
        baseline: null,
        values: [{ id: 'value-1', date: '2016-03-31', value: 410, note: 'Year end' }],
        areaIds: [],
        actionIds: [],
        ownerId: 'person-3',
      },
    ],
  };
}

function called(doc = planWithMeasure()) {
  return startDataCall(
    doc,
    {
      board: 'Early Help Board',
      meetingDate: '2016-07-21',
      returnBy: '2016-07-08',
      message: 'Please update your actions before the July board.',
      leads: [{ name: 'Bryony Marsh', personId: 'person-3' }],
    },
    { now: CALLED_AT, by: { name: 'Board Secretary' }, newId: counterIds('call') },
  );
}

type Edit = (wb: InstanceType<typeof ExcelJS.Workbook>) => void;

async function edited(bytes: Buffer, edit: Edit): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sets the cell under `header` on the row of action `number` (or the first row whose column A is `number`). */
function setCell(
  wb: InstanceType<typeof ExcelJS.Workbook>,
  sheet: string,
  number: string,
  header: string,
  value: unknown,
) {
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as unknown[]).map((cell) => String(cell ?? ''));
  const column = headers.indexOf(header);
  const numberColumn = headers.indexOf('Action No.');
  let target = 0;
  ws.eachRow((row, rowNumber) => {
    if (target === 0 && rowNumber > 1 && String(row.getCell(numberColumn > 0 ? numberColumn : 1).value) === number)
      target = rowNumber;
  });
  ws.getRow(target).getCell(column).value = value as never;
}

const leadEdits: Edit = (wb) => {
  setCell(wb, 'My actions', '2', 'Achievement to date', 'Hub open three days a week');
  setCell(wb, 'My actions', '2', 'Status', 'On track');
  const steps = wb.getWorksheet('Next steps')!;
  steps.addRow(['2', null, 'Agree the referral form', 'Bryony Marsh', 'End of July 16', 'No']);
  const measures = wb.getWorksheet('My measures')!;
  measures.getRow(2).getCell(5).value = 455;
  measures.getRow(2).getCell(6).value = new Date(Date.UTC(2016, 5, 30));
  measures.getRow(2).getCell(7).value = 'Quarter 1';
};

describe('a lead’s data-call workbook', () => {
  it('holds the instructions, only the lead’s actions and steps, and the measures they own', async () => {
    const { doc, call } = called();
    const parsed = await readPlanWorkbook(
      await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT)),
    );
    expect(parsed.sheetNames).toEqual(['Instructions', 'My actions', 'Next steps', 'My measures', '_ids']);
    const numbers = parsed.sheets['My actions']!.rows.map((row) => row.cells[2]);
    expect(numbers).toEqual([{ kind: 'text', text: '2' }]);
    const measures = parsed.sheets['My measures']!.rows.map((row) => row.cells.slice(0, 2));
    expect(measures).toEqual([
      [
        { kind: 'text', text: 'Families supported by Early Help' },
        { kind: 'number', value: 410 },
      ],
    ]);
  });

  it('comes back with its changes and a new figure, applied under the lead’s name and marked as returned', async () => {
    const { doc, call } = called();
    const sent = await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT));
    const found = dataCallReturnChanges(doc, await readPlanWorkbook(await edited(sent, leadEdits)), TODAY);
    expect(found.problems).toEqual([]);
    expect(found.conflicts).toEqual([]);
    expect(found.changes.map((change) => [change.sheet, change.actionNumber, change.field, change.new])).toEqual([
      ['My actions', '2', 'achievement', 'Hub open three days a week'],
      ['My actions', '2', 'status', 'On track'],
      ['Next steps', '2', 'newStep', expect.stringContaining('Agree the referral form') as string],
    ]);
    expect(found.measureValues).toMatchObject([{ measureId: 'measure-1', date: '2016-06-30', value: 455 }]);

    const applied = applyDataCallReturn(doc, found, new Set(), {
      now: LATER,
      by: 'Board Secretary',
      newId: counterIds('x'),
    });
    const log = applied.updateLog.slice(doc.updateLog.length);
    expect(log.map((entry) => [entry.by, entry.field])).toEqual([
      ['Bryony Marsh', 'achievement'],
      ['Bryony Marsh', 'status'],
      ['Bryony Marsh', 'nextSteps'],
    ]);
    expect(applied.measures[0]!.values.map((point) => point.value)).toEqual([410, 455]);
    expect(applied.dataCalls[0]!.leads[0]!.returnedAt).toBe(LATER);
  });

  it('shows a field changed both by the lead and in the app since the call as a conflict, and applies the side chosen', async () => {
    const { doc, call } = called();
    const sent = await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT));
    const changedInApp = updateAction(
      doc,
      'action-2',
      { achievement: 'Updated by the manager' },
      {
        now: LATER,
        by: 'Owen Castell',
        newId: counterIds('edit'),
      },
    ).doc;
    const found = dataCallReturnChanges(changedInApp, await readPlanWorkbook(await edited(sent, leadEdits)), TODAY);
    expect(found.problems).toEqual([]);
    expect(found.conflicts.map((conflict) => [conflict.change.old, conflict.change.new, conflict.changedBy])).toEqual([
      ['Updated by the manager', 'Hub open three days a week', 'Owen Castell'],
    ]);
    expect(found.changes.map((change) => change.field)).toEqual(['status', 'newStep']);

    const ctx = { now: LATER, by: 'Board Secretary', newId: counterIds('x') };
    const keptApp = applyDataCallReturn(changedInApp, found, new Set(), ctx);
    expect(keptApp.actions.find((action) => action.id === 'action-2')!.achievement).toBe('Updated by the manager');
    const tookLead = applyDataCallReturn(changedInApp, found, new Set([found.conflicts[0]!.key]), ctx);
    expect(tookLead.actions.find((action) => action.id === 'action-2')!.achievement).toBe('Hub open three days a week');
  });

  it('an app edit since the call that the lead did not touch is kept, not undone by the return', async () => {
    const { doc, call } = called();
    const sent = await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT));
    const changedInApp = updateAction(
      doc,
      'action-3',
      { achievement: 'Newer in the app' },
      {
        now: LATER,
        by: 'Owen Castell',
        newId: counterIds('edit'),
      },
    ).doc;
    const found = dataCallReturnChanges(changedInApp, await readPlanWorkbook(await edited(sent, leadEdits)), TODAY);
    expect(found.conflicts).toEqual([]);
    expect(found.problems).toEqual([]);
    expect(found.changes.map((change) => change.field)).toEqual(['achievement', 'status', 'newStep']);
  });

  it('refuses a whole-plan workbook, which is not a return from a data call, in plain words', async () => {
    const { doc } = called();
    const found = dataCallReturnChanges(doc, await readPlanWorkbook(await writePlanWorkbook(doc, TODAY)), TODAY);
    expect(found.problems.map((problem) => problem.reason)).toEqual([
      expect.stringContaining('this workbook is not a data-call return') as string,
    ]);
    expect(() => applyDataCallReturn(doc, found, new Set(), { now: LATER, by: 'x', newId: counterIds('x') })).toThrow(
      /nothing was imported/,
    );
  });

  it('refuses a return from another plan', async () => {
    const { doc, call } = called();
    const sent = await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT));
    const other = { ...doc, plan: { ...doc.plan, id: 'plan-other', title: 'Another plan' } };
    const found = dataCallReturnChanges(other, await readPlanWorkbook(sent), TODAY);
    expect(found.problems[0]!.reason).toContain('from another plan');
  });
});

const PYTHON = '/usr/bin/python3';
const hasOpenpyxl = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0;
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));

describe('a return re-saved by other tools', () => {
  it.skipIf(!hasOpenpyxl)('edited and saved by openpyxl imports its edits', async () => {
    const dir = await makeTempDir('apt-datacall-');
    try {
      const { doc, call } = called();
      const sent = join(dir, 'sent.xlsx');
      const back = join(dir, 'back.xlsx');
      await writeFile(sent, await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT)));
      const script = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['My actions']
header = [cell.value for cell in ws[1]]
ws.cell(row=2, column=header.index('Achievement to date') + 1).value = 'Edited in openpyxl'
wb['My measures'].cell(row=2, column=5).value = 460
wb['My measures'].cell(row=2, column=6).value = '30/06/2016'
wb.save(sys.argv[2])
`;
      execFileSync(PYTHON, ['-c', script, sent, back]);
      const found = dataCallReturnChanges(doc, await readPlanWorkbook(await readFile(back)), TODAY);
      expect(found.problems).toEqual([]);
      expect(found.changes.map((change) => [change.actionNumber, change.field, change.new])).toEqual([
        ['2', 'achievement', 'Edited in openpyxl'],
      ]);
      expect(found.measureValues).toMatchObject([{ date: '2016-06-30', value: 460 }]);
    } finally {
      await removeDir(dir);
    }
  });

  it.skipIf(soffice === undefined)(
    'edited with exceljs and re-saved by LibreOffice Calc imports its edits',
    async () => {
      const dir = await makeTempDir('apt-datacall-');
      try {
        const { doc, call } = called();
        const sent = await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT));
        const source = join(dir, 'in', 'return.xlsx');
        await writeFile(join(dir, 'placeholder'), '');
        execFileSync('mkdir', ['-p', join(dir, 'in'), join(dir, 'out')]);
        await writeFile(source, await edited(sent, leadEdits));
        execFileSync(
          soffice!,
          [
            `-env:UserInstallation=file://${join(dir, 'profile')}`,
            '--headless',
            '--convert-to',
            'xlsx',
            '--outdir',
            join(dir, 'out'),
            source,
          ],
          { timeout: 120_000 },
        );
        const found = dataCallReturnChanges(
          doc,
          await readPlanWorkbook(await readFile(join(dir, 'out', 'return.xlsx'))),
          TODAY,
        );
        expect(found.problems).toEqual([]);
        expect(found.changes.map((change) => [change.actionNumber, change.field])).toEqual([
          ['2', 'achievement'],
          ['2', 'status'],
          ['2', 'newStep'],
        ]);
        expect(found.measureValues).toMatchObject([{ date: '2016-06-30', value: 455 }]);
      } finally {
        await removeDir(dir);
      }
    },
    180_000,
  );
});
