import * as ExcelJSModule from 'exceljs';
import type { PageSetup, Row, Workbook, Worksheet } from 'exceljs';
import type { IsoDate } from '../../../shared/model/primitives';
import {
  PAPERS,
  SIDE_MARGIN_INCHES,
  columnLetter,
  fittedRowHeight,
  printLayout,
} from '../../../shared/domain/workbook';

/**
 * exceljs is CommonJS. Node's ESM loader (tsx, vitest) exposes it only as the default export, while a
 * bundler may hand over the named exports: accept either so the same code runs everywhere.
 */
const ExcelJS: typeof ExcelJSModule =
  (ExcelJSModule as unknown as { default?: typeof ExcelJSModule }).default ?? ExcelJSModule;

export default ExcelJS;

/** How every exported date column shows its dates: 31 May 2016, as the app does. */
export const DATE_FORMAT = 'd mmm yyyy';

/** Excel dates are calendar dates: midnight UTC, so no time zone can move them a day. */
export function excelDate(iso: IsoDate | null): Date | null {
  if (!iso) return null;
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** A sheet's filter range as "A1:K20", however exceljs holds it. */
function filterRange(ws: Worksheet): string | null {
  const filter = ws.autoFilter;
  if (!filter) return null;
  if (typeof filter === 'string') return filter;
  const corner = (at: string | { row: number; column: number }) =>
    typeof at === 'string' ? at : `${columnLetter(at.column - 1)}${at.row}`;
  return `${corner(filter.from)}:${corner(filter.to)}`;
}

const xmlEscape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The hidden `_xlnm._FilterDatabase` name per filtered sheet, as Excel writes it: LibreOffice Calc shows
 * an AutoFilter only when it finds one (exceljs writes the filter but not the name).
 */
function filterDatabaseNames(wb: Workbook): string {
  return wb.worksheets
    .map((ws, index) => {
      const range = filterRange(ws);
      if (range === null) return '';
      const [from, to] = range.split(':').map((corner) => corner.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'));
      const sheet = `'${ws.name.replace(/'/g, "''")}'`;
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${xmlEscape(`${sheet}!${from}:${to ?? from}`)}</definedName>`;
    })
    .join('');
}

function withFilterDatabaseNames(workbookXml: string, names: string): string {
  if (!names) return workbookXml;
  if (workbookXml.includes('</definedNames>')) return workbookXml.replace('</definedNames>', `${names}</definedNames>`);
  return workbookXml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
}

interface ZipSink {
  append(data: string, options: { name: string }): void;
}

/**
 * The workbook's bytes, with the `_xlnm._FilterDatabase` names added to xl/workbook.xml as exceljs writes
 * it (exceljs declares no way to add a hidden, sheet-local name).
 */
export async function workbookBytes(wb: Workbook): Promise<Buffer> {
  const xlsx = wb.xlsx as unknown as { addWorkbook(zip: ZipSink, model: unknown): Promise<void> };
  const addWorkbook = xlsx.addWorkbook.bind(xlsx);
  const names = filterDatabaseNames(wb);
  xlsx.addWorkbook = (zip, model) =>
    addWorkbook(
      {
        append: (data, options) =>
          zip.append(options.name === 'xl/workbook.xml' ? withFilterDatabaseNames(data, names) : data, options),
      },
      model,
    );
  const written = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(written) ? written : Buffer.from(written);
}

/** The column's text, and whether it wraps (a wrapped column may be narrowed for printing). */
export interface PrintColumn {
  width: number;
  wrapped: boolean;
}

export interface PrintOptions {
  /** Rows repeated at the top of every printed page, e.g. "1:1". */
  titleRows: string;
  header?: string;
  footer?: string;
}

/**
 * Page setup for a legible print: landscape, one page wide on A4 or A3 at a scale that keeps text at
 * SMALLEST_PRINTED_POINTS or more (see printLayout), the title rows on every page. Returns the column
 * widths to use, narrowed when even A3 needed it; callers fit their row heights to these.
 */
export function setUpPrinting(ws: Worksheet, columns: readonly PrintColumn[], options: PrintOptions): number[] {
  const layout = printLayout(
    columns.map((column) => column.width),
    columns.map((column) => column.wrapped),
  );
  layout.widths.forEach((width, index) => {
    ws.getColumn(index + 1).width = width;
  });
  ws.pageSetup = {
    orientation: 'landscape',
    // exceljs declares its paper sizes as a const enum, which isolatedModules cannot read at run time.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
    paperSize: PAPERS[layout.paper].paperSize as PageSetup['paperSize'],
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: options.titleRows,
    horizontalCentered: false,
    margins: {
      left: SIDE_MARGIN_INCHES,
      right: SIDE_MARGIN_INCHES,
      top: 0.75,
      bottom: 0.75,
      header: 0.3,
      footer: 0.3,
    },
  };
  if (options.header !== undefined || options.footer !== undefined) {
    ws.headerFooter = {
      ...(options.header !== undefined ? { oddHeader: options.header } : {}),
      ...(options.footer !== undefined ? { oddFooter: options.footer } : {}),
    };
  }
  return layout.widths;
}

/** Sets a row's height to fit its wrapped texts in columns of the given widths. */
export function fitRowHeight(row: Row, texts: readonly string[], widths: readonly number[]): void {
  row.height = fittedRowHeight(texts, widths);
}
