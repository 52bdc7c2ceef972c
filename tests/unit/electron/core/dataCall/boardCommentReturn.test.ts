import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { readDataCallReturn } from '../../../../../electron/core/dataCall/dataCallFiles';
import { writeLeadWorkbook } from '../../../../../electron/core/dataCall/leadWorkbook';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { applyWorkbookChanges, previewWorkbookImport } from '../../../../../electron/core/import/planWorkbookImport';
import { startDataCall } from '../../../../../shared/domain/dataCall';
import { applyDataCallReturn } from '../../../../../shared/domain/dataCallReturn';
import { counterIds, makeDocument } from '../../../../support/fixtures';

const TODAY = '2016-06-15';
const CALLED_AT = '2016-06-15T12:00:00.000Z';
const LATER = '2016-06-20T09:00:00.000Z';
const COMMENT = 'The board is asked to agree a later date for the hub.';
const HEADER = 'Comment for the board';

type Workbook = InstanceType<typeof ExcelJS.Workbook>;

async function load(bytes: Buffer): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The column under `header` and the row of action `number` on a sheet of actions. */
function cellOf(wb: Workbook, sheet: string, number: string, header: string) {
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as unknown[]).map((cell) => String(cell ?? ''));
  let row = 0;
  ws.eachRow((candidate, rowNumber) => {
    if (row === 0 && rowNumber > 1 && String(candidate.getCell(headers.indexOf('Action No.')).value) === number)
      row = rowNumber;
  });
  return {
    header: ws.getRow(1).getCell(headers.indexOf(header)),
    cell: ws.getRow(row).getCell(headers.indexOf(header)),
  };
}

/** Bryony Marsh leads open action 2. */
function called() {
  return startDataCall(
    makeDocument(),
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

describe('the comment for the board in a data call', () => {
  it('is a green, unlocked column of the lead’s workbook, named in the instructions', async () => {
    const { doc, call } = called();
    const wb = await load(await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT)));
    const { header, cell } = cellOf(wb, 'My actions', '2', HEADER);
    const status = cellOf(wb, 'My actions', '2', 'Status');
    expect(header.value).toBe(HEADER);
    expect(header.fill).toEqual(status.header.fill);
    expect(cell.protection?.locked).toBe(false);
    const instructions = wb.getWorksheet('Instructions')!;
    const myActions = instructions.getColumn(1).values.indexOf('My actions');
    expect(String(instructions.getRow(myActions).getCell(2).value)).toContain(
      'Risks and issues, and Comment for the board',
    );
  });

  it('comes back changed: previewed from the return, applied and logged under the lead’s name', async () => {
    const { doc, call } = called();
    const wb = await load(await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT)));
    cellOf(wb, 'My actions', '2', HEADER).cell.value = COMMENT;
    const found = await readDataCallReturn(doc, Buffer.from(await wb.xlsx.writeBuffer()), TODAY);
    expect(found.problems).toEqual([]);
    expect(found.conflicts).toEqual([]);
    expect(
      found.changes.map((change) => [
        change.sheet,
        change.actionNumber,
        change.field,
        change.column,
        change.old,
        change.new,
      ]),
    ).toEqual([['My actions', '2', 'boardComment', HEADER, '', COMMENT]]);

    const applied = applyDataCallReturn(doc, found, new Set(), {
      now: LATER,
      by: 'Board Secretary',
      newId: counterIds('x'),
    });
    expect(applied.actions.find((action) => action.id === 'action-2')!.boardComment).toBe(COMMENT);
    expect(applied.updateLog.slice(doc.updateLog.length)).toMatchObject([
      { by: 'Bryony Marsh', actionId: 'action-2', field: 'boardComment', old: '""', new: JSON.stringify(COMMENT) },
    ]);
  });

  it('is not asked of a return sent before the app had it: its other edits import, and a newer one without it is refused', async () => {
    const { doc, call } = called();
    const sent = await writeLeadWorkbook(doc, call, call.leads[0]!, TODAY, new Date(CALLED_AT));
    /** The workbook as version 3 wrote it: no comment column, and no fingerprint for it in "_ids". */
    const withoutColumn = async (version: number) => {
      const wb = await load(sent);
      const { header, cell } = cellOf(wb, 'My actions', '2', 'Achievement to date');
      cell.value = 'Hub open three days a week';
      const ws = wb.getWorksheet('My actions')!;
      const comment = (ws.getRow(1).values as unknown[]).indexOf(HEADER);
      expect(comment).toBeGreaterThan(Number(header.col));
      ws.spliceColumns(comment, 1);
      const ids = wb.getWorksheet('_ids')!;
      ids.eachRow((row) => {
        const key = String(row.getCell(1).value);
        if (key === 'schemaVersion') row.getCell(2).value = version;
        if (key === 'My actions') {
          const prints = String(row.getCell(7).value).split(' ');
          row.getCell(7).value = prints.slice(0, comment - 1).join(' ');
        }
      });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };

    const old = await readDataCallReturn(doc, await withoutColumn(3), TODAY);
    expect(old.problems).toEqual([]);
    expect(old.changes.map((change) => [change.actionNumber, change.field, change.new])).toEqual([
      ['2', 'achievement', 'Hub open three days a week'],
    ]);

    const damaged = await readDataCallReturn(doc, await withoutColumn(4), TODAY);
    expect(damaged.problems.map((problem) => problem.reason)).toEqual([
      `the "${HEADER}" column is missing – put the exported headers back`,
    ]);
  });

  it('comes back changed in the whole-plan workbook too, applied under the name of whoever imports it', async () => {
    const doc = demoDocument();
    const action = doc.actions.find((candidate) => candidate.boardComment === '')!;
    const wb = await load(await writePlanWorkbook(doc, '2026-11-24', { now: new Date('2026-11-24T09:30:00.000Z') }));
    cellOf(wb, 'Action plan', action.number, HEADER).cell.value = COMMENT;
    const preview = await previewWorkbookImport(doc, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((change) => [change.actionNumber, change.field, change.old, change.new])).toEqual([
      [action.number, 'boardComment', '', COMMENT],
    ]);
    const next = applyWorkbookChanges(doc, preview, { now: LATER, by: 'Priya Chandran', newId: counterIds('imp') });
    expect(next.actions.find((candidate) => candidate.id === action.id)!.boardComment).toBe(COMMENT);
    expect(next.updateLog.slice(doc.updateLog.length)).toMatchObject([
      { by: 'Priya Chandran', actionId: action.id, field: 'boardComment', new: JSON.stringify(COMMENT) },
    ]);
  });
});
