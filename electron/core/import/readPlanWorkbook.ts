/**
 * Reads a workbook a lead sends back into plain data (ParsedWorkbook) for the pure diff in
 * shared/domain/workbook/. Never throws for a bad file: a file that is not an .xlsx workbook
 * comes back with `error` set, which the diff reports as a problem.
 *
 * Cells are read as values, never evaluated: a formula cell is passed on as its formula text.
 */
import type { CellValue, Row, Worksheet } from 'exceljs';
import type { ParsedRow, ParsedSheet, ParsedWorkbook, WorkbookCell } from '../../../shared/domain/workbook';
import { EMPTY_CELL, IMPORT_LIMITS, SHEET, columnLetter } from '../../../shared/domain/workbook';
import ExcelJS from '../export/planWorkbookExcel';
import { unpackWorkbook } from './unpackWorkbook';
import { declaredUnzippedSize } from './zipSize';

/** Only these sheets are turned into data; the report sheets are regenerated on every export. */
const SHEETS_READ: readonly string[] = [SHEET.plan, SHEET.steps, SHEET.ids];

/** Larger than any plan the app accepts (5,000 actions x 200 steps stays far below this). */
const MAX_BYTES = 200 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

const failed = (error: string): ParsedWorkbook => ({ error, sheetNames: [], sheets: {} });

/** Whether a number format shows the day (so "Mar-27" reads back as "March 2027", not "1 March 2027"). */
function formatShowsDay(numFmt: string | undefined): boolean {
  if (!numFmt) return true;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /d/i.test(bare);
}

function isoOfDate(date: Date): string {
  // exceljs turns Excel's serial day numbers into UTC midnights.
  return date.toISOString().slice(0, 10);
}

function richTextOf(value: { richText: { text: string }[] }): string {
  return value.richText.map((run) => run.text).join('');
}

export function toWorkbookCell(value: CellValue, numFmt?: () => string | undefined): WorkbookCell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return value.length > 0 ? { kind: 'text', text: value } : EMPTY_CELL;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { kind: 'error', error: '#VALUE!' };
    return { kind: 'date', iso: isoOfDate(value), showsDay: formatShowsDay(numFmt?.()) };
  }
  if (typeof value === 'object') {
    const record = value as unknown as Record<string, unknown>;
    if ('formula' in record || 'sharedFormula' in record) {
      const formula = record.formula ?? record.sharedFormula;
      return { kind: 'formula', formula: typeof formula === 'string' ? formula : '' };
    }
    if ('richText' in record && Array.isArray(record.richText)) {
      const text = richTextOf(record as { richText: { text: string }[] });
      return text.length > 0 ? { kind: 'text', text } : EMPTY_CELL;
    }
    if ('hyperlink' in record) {
      const inner = record.text;
      if (typeof inner === 'string') return inner.length > 0 ? { kind: 'text', text: inner } : EMPTY_CELL;
      if (inner && typeof inner === 'object' && 'richText' in inner) {
        return { kind: 'text', text: richTextOf(inner as { richText: { text: string }[] }) };
      }
      return EMPTY_CELL;
    }
    if ('error' in record) return { kind: 'error', error: String(record.error) };
  }
  // An object exceljs has no case for above reads as its default text, as it always has.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return { kind: 'text', text: String(value) };
}

class LimitExceeded extends Error {}

function rowCells(ws: Worksheet, row: Row, width: number): WorkbookCell[] {
  // row.values is 1-based and sparse; only date cells need the cell itself (for their number format).
  const values = row.values as CellValue[];
  const count = Math.max(width, values.length - 1);
  if (count > IMPORT_LIMITS.columns) {
    throw new LimitExceeded(
      `row ${row.number} on sheet "${ws.name}" has a cell in column ${columnLetter(count - 1)}; an import reads at most ` +
        `${IMPORT_LIMITS.columns} columns – clear the cells after column ${columnLetter(IMPORT_LIMITS.columns - 1)}`,
    );
  }
  const cells = new Array<WorkbookCell>(count);
  for (let index = 0; index < count; index += 1) {
    const value = values[index + 1];
    const cell = toWorkbookCell(value, () => row.getCell(index + 1).numFmt);
    if (cell.kind === 'text' && cell.text.length > IMPORT_LIMITS.cellText) {
      throw new LimitExceeded(
        `cell ${columnLetter(index)}${row.number} on sheet "${ws.name}" holds ${cell.text.length.toLocaleString('en-GB')} ` +
          `characters; a cell holds at most ${IMPORT_LIMITS.cellText.toLocaleString('en-GB')}`,
      );
    }
    cells[index] = cell;
  }
  return cells;
}

function readSheet(ws: Worksheet): ParsedSheet {
  const header = rowCells(ws, ws.getRow(1), 0);
  const rows: ParsedRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    rows.push({ row: rowNumber, cells: rowCells(ws, row, header.length) });
  });
  return { name: ws.name, header, rows };
}

/**
 * Reads the bytes of an .xlsx file. Resolves with `error` set (never rejects) when it is not one, or when
 * it is larger than IMPORT_LIMITS allow: a file declaring too much is refused before anything is unpacked,
 * one that lies about its sizes is stopped while unpacking.
 */
export async function readPlanWorkbook(buffer: Buffer | Uint8Array | ArrayBuffer): Promise<ParsedWorkbook> {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : buffer;
  if (bytes.byteLength === 0) return failed('the file is empty – choose the .xlsx workbook exported from the app');
  if (bytes.byteLength > MAX_BYTES) return failed('the file is too large to be a workbook exported from the app');
  if (startsWith(bytes, OLE_MAGIC)) {
    return failed(
      'this is an Excel 97–2003 (.xls) or password-protected workbook – open it in Excel and save it as an ' +
        '"Excel Workbook (.xlsx)" without a password, then import that file',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    return failed('this file is not an Excel workbook (.xlsx) – choose the workbook exported from the app');
  }

  const declared = declaredUnzippedSize(bytes);
  if (declared === null)
    return failed('this file could not be read as an Excel workbook (.xlsx): its zip directory is damaged');
  if (declared > IMPORT_LIMITS.unzippedBytes) {
    return failed('this file unpacks to far more than any workbook exported from the app, so it was not opened');
  }
  const unpacked = await unpackWorkbook(bytes, SHEETS_READ);
  if (!unpacked.ok) return failed(unpacked.error);

  const workbook = new ExcelJS.Workbook();
  try {
    // Validations and conditional formats are not needed, a validation covering a whole column would
    // otherwise be expanded by exceljs into a million cells, and so would a merge of a whole sheet.
    await workbook.xlsx.load(unpacked.zip as unknown as Parameters<typeof workbook.xlsx.load>[0], {
      ignoreNodes: [
        'dataValidations',
        'conditionalFormatting',
        'extLst',
        'hyperlinks',
        'drawing',
        'picture',
        'legacyDrawing',
        'mergeCells',
      ],
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failed(`this file could not be read as an Excel workbook (.xlsx): ${detail}`);
  }

  const sheetNames = workbook.worksheets.map((ws) => ws.name);
  const sheets: Partial<Record<string, ParsedSheet>> = {};
  try {
    for (const name of SHEETS_READ) {
      const ws = workbook.getWorksheet(name);
      if (ws) sheets[name] = readSheet(ws);
    }
  } catch (error) {
    if (error instanceof LimitExceeded) return failed(error.message);
    throw error;
  }
  return { error: null, sheetNames, sheets };
}
