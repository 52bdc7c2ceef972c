import type { Borders, Font } from 'exceljs';
import ExcelJS, { DATE_FORMAT, excelDate, fitRowHeight, setUpPrinting, workbookBytes } from './planWorkbookExcel';
import type { AssignedAction } from '../../../shared/domain/beforeBoard';
import { leadsToText } from '../../../shared/domain/leads';
import { STATUS_LABELS } from '../../../shared/model/action';
import { SHEET_FONT, cellSafeText, fittedRowHeight } from '../../../shared/domain/workbook';

const COLUMNS = [
  { header: 'Action No.', width: 10 },
  { header: 'Description', width: 60 },
  { header: 'Next steps you lead', width: 60 },
  { header: 'Lead', width: 24 },
  { header: 'Due', width: 13 },
  { header: 'Overdue', width: 9 },
  { header: 'Status', width: 13 },
];

/** A line under every row, so a printed row's wrapped text is not read as part of the next one. */
const ROW_BORDER: Partial<Borders> = { bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
const HEADER_FONT: Partial<Font> = { ...SHEET_FONT, bold: true };

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
    style: { font: { ...SHEET_FONT }, alignment: { vertical: 'top', wrapText: true } },
  }));
  const widths = setUpPrinting(
    sheet,
    COLUMNS.map((column) => ({ width: column.width, wrapped: true })),
    { titleRows: '1:2', footer: '&LPage &P of &N' },
  );
  const title = cellSafeText(`${planTitle}: actions led by ${person}`);
  sheet.addRow([title]).font = { ...SHEET_FONT, bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  // Across the merged width, in letters that are 13/11 the size of the body's.
  sheet.getRow(1).height = fittedRowHeight([title], [(widths.reduce((sum, width) => sum + width, 0) * 11) / 13]) + 4;
  const header = sheet.addRow(COLUMNS.map((column) => column.header));
  header.font = HEADER_FONT;
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF4' } };
  header.eachCell((cell) => {
    cell.border = ROW_BORDER;
  });
  for (const { action, steps, due, overdue } of items) {
    const texts = [
      cellSafeText(action.number),
      cellSafeText(action.description),
      cellSafeText(
        steps.map((step) => `${step.text}${step.timescale.text ? ` (${step.timescale.text})` : ''}`).join('\n'),
      ),
      cellSafeText(leadsToText(action.leads)),
    ];
    const row = sheet.addRow([...texts, excelDate(due), overdue ? 'Yes' : '', STATUS_LABELS[action.status]]);
    fitRowHeight(row, [...texts, '', '', STATUS_LABELS[action.status]], widths);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = ROW_BORDER;
    });
  }
  sheet.getColumn(5).numFmt = DATE_FORMAT;
  sheet.autoFilter = `A2:G${Math.max(2, items.length + 2)}`;
  return workbookBytes(workbook);
}
