import ExcelJS, { DATE_FORMAT, excelDate } from './planWorkbookExcel';
import type { AssignedAction } from '../../../shared/domain/beforeBoard';
import { leadsToText } from '../../../shared/domain/leads';
import { STATUS_LABELS } from '../../../shared/model/action';
import { cellSafeText } from '../../../shared/domain/workbook';

const COLUMNS = [
  { header: 'Action No.', width: 10 },
  { header: 'Description', width: 60 },
  { header: 'Next steps you lead', width: 60 },
  { header: 'Lead', width: 24 },
  { header: 'Due', width: 13 },
  { header: 'Overdue', width: 9 },
  { header: 'Status', width: 13 },
];

/** One person's list, in the order the "My actions" view shows it, for a manager to take to a meeting. */
export async function writeMyActionsWorkbook(
  person: string,
  items: readonly AssignedAction[],
  planTitle: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('My actions', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = COLUMNS.map((column) => ({
    width: column.width,
    style: { alignment: { vertical: 'top', wrapText: true } },
  }));
  sheet.addRow([cellSafeText(`${planTitle}: actions led by ${person}`)]).font = { bold: true, size: 13 };
  const header = sheet.addRow(COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF4' } };
  for (const { action, steps, due, overdue } of items) {
    sheet.addRow([
      cellSafeText(action.number),
      cellSafeText(action.description),
      cellSafeText(
        steps.map((step) => `${step.text}${step.timescale.text ? ` (${step.timescale.text})` : ''}`).join('\n'),
      ),
      cellSafeText(leadsToText(action.leads)),
      excelDate(due),
      overdue ? 'Yes' : '',
      STATUS_LABELS[action.status],
    ]);
  }
  sheet.getColumn(5).numFmt = DATE_FORMAT;
  sheet.autoFilter = {
    from: { row: 2, column: 1 },
    to: { row: Math.max(2, items.length + 2), column: COLUMNS.length },
  };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
