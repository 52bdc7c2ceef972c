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
import { declaredUnzippedSize, zipDirectory } from './zipSize';

/** Only these sheets are turned into data; the report sheets are regenerated on every export. */
const SHEETS_READ: readonly string[] = [SHEET.plan, SHEET.steps, SHEET.ids];

/**
 * The sheets read: SHEETS_READ, and when "Action plan" or "Next steps" is not there under its own name,
 * every sheet that is not one of the report sheets, so the import can say which one was renamed.
 */
function sheetsToRead(names: readonly string[]): readonly string[] {
  if (names.includes(SHEET.plan) && names.includes(SHEET.steps)) return SHEETS_READ;
  const reports: readonly string[] = [SHEET.matrix, SHEET.history, SHEET.byLead, SHEET.overdue];
  return [...SHEETS_READ, ...names.filter((name) => !SHEETS_READ.includes(name) && !reports.includes(name))];
}

/** For whatever exceljs or a bug of ours throws: its own words mean nothing to the person importing. */
const UNREADABLE =
  'this file could not be read as an Excel workbook (.xlsx): part of it is damaged or written in a way the app ' +
  'does not understand – open it in Excel or LibreOffice Calc, save it again as an Excel workbook (.xlsx), and import that';

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

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * What a zip that is not an .xlsx workbook is, said as the person knows it: an OpenDocument spreadsheet
 * (its stored "mimetype" entry says so, whatever the file is called), a Word document, or another zip.
 */
function zipKind(bytes: Uint8Array): string | null {
  const entries = zipDirectory(bytes);
  if (entries === null) return null;
  const mimetype = entries.find((entry) => entry.name === 'mimetype' && entry.method === 0);
  if (mimetype) {
    const type = latin1(bytes.subarray(mimetype.dataStart, Math.min(mimetype.dataEnd, mimetype.dataStart + 100)));
    if (type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
      return (
        'this is an OpenDocument spreadsheet (.ods), not an Excel workbook – open it in LibreOffice Calc, save it ' +
        'with File › Save As… as "Excel 2007-365 (.xlsx)", and import that file'
      );
    }
    if (type.startsWith('application/vnd.oasis.opendocument'))
      return 'this is an OpenDocument file (such as a .odt text document), not an Excel workbook (.xlsx) – choose the workbook exported from the app';
  }
  const names = new Set(entries.map((entry) => entry.name.replace(/^\//, '')));
  if (names.has('xl/workbook.xml')) return null;
  if (names.has('word/document.xml'))
    return 'this is a Word document (.docx), not an Excel workbook (.xlsx) – choose the workbook exported from the app';
  return 'this file is a zip archive but not an Excel workbook (.xlsx) – choose the workbook exported from the app';
}

/** What a file that is not a zip is, when its first bytes say: a CSV, an old Excel format, a web page. */
function textKind(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return null;
  const text = latin1(head).replace(/^\xEF\xBB\xBF/, '');
  if (/^\s*<\?xml/.test(text) && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return (
      'this is an "XML Spreadsheet 2003" file, not an Excel workbook (.xlsx) – open it in Excel and save it as an ' +
      '"Excel Workbook (.xlsx)", then import that file'
    );
  }
  if (/<(html|table)\b/i.test(text)) {
    return (
      'this is a web page (HTML) with a spreadsheet name, not an Excel workbook (.xlsx) – open it in Excel and save ' +
      'it as an "Excel Workbook (.xlsx)", then import that file'
    );
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/[,;\t]/.test(firstLine)) {
    return (
      'this is a CSV text file (.csv), not an Excel workbook (.xlsx): a CSV keeps only the values of one sheet, ' +
      'without the hidden sheet that matches rows to actions – make the edits in the .xlsx workbook exported from ' +
      'the app and import that'
    );
  }
  return null;
}

/**
 * Reads the bytes of an .xlsx file. Resolves with `error` set (never rejects) when it is not one, or when
 * it is larger than IMPORT_LIMITS allow: a file declaring too much is refused before anything is unpacked,
 * one that lies about its sizes is stopped while unpacking. The error is always the app's own words, never
 * a parser's.
 */
export async function readPlanWorkbook(buffer: Buffer | Uint8Array | ArrayBuffer): Promise<ParsedWorkbook> {
  try {
    return await readBytes(buffer);
  } catch {
    return failed(UNREADABLE);
  }
}

async function readBytes(buffer: Buffer | Uint8Array | ArrayBuffer): Promise<ParsedWorkbook> {
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
    return failed(
      textKind(bytes) ?? 'this file is not an Excel workbook (.xlsx) – choose the workbook exported from the app',
    );
  }
  const notWorkbook = zipKind(bytes);
  if (notWorkbook !== null) return failed(notWorkbook);

  const declared = declaredUnzippedSize(bytes);
  if (declared === null)
    return failed('this file could not be read as an Excel workbook (.xlsx): its zip directory is damaged');
  if (declared > IMPORT_LIMITS.unzippedBytes) {
    return failed('this file unpacks to far more than any workbook exported from the app, so it was not opened');
  }
  const unpacked = await unpackWorkbook(bytes, sheetsToRead);
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
  } catch {
    return failed(UNREADABLE);
  }

  const sheetNames = workbook.worksheets.map((ws) => ws.name);
  const sheets: Partial<Record<string, ParsedSheet>> = {};
  try {
    for (const name of sheetsToRead(sheetNames)) {
      const ws = workbook.getWorksheet(name);
      if (ws) sheets[name] = readSheet(ws);
    }
  } catch (error) {
    if (error instanceof LimitExceeded) return failed(error.message);
    throw error;
  }
  return { error: null, sheetNames, sheets };
}
