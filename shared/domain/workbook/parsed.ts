/** A workbook as the reader (electron/core/import/readPlanWorkbook.ts) hands it over: plain data. */
import type { IsoDate } from '../../model/primitives';
import { formatIsoDate } from '../dates';
import { comparable } from './text';

/** One cell, as the reader found it: typed just enough for the importer to decide what the text is. */
export type WorkbookCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** `showsDay`: the cell's number format shows the day ("d mmm yyyy") rather than only month and year. */
  | { kind: 'date'; iso: IsoDate; showsDay: boolean }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; error: string };

export const EMPTY_CELL: WorkbookCell = { kind: 'empty' };

export interface ParsedRow {
  /** Excel row number (the header is row 1). */
  row: number;
  /** cells[0] is column A. */
  cells: WorkbookCell[];
}

export interface ParsedSheet {
  name: string;
  header: WorkbookCell[];
  /** Rows after the header that hold anything, in sheet order. */
  rows: ParsedRow[];
}

export interface ParsedWorkbook {
  /** Set when the file could not be read as a workbook at all. */
  error: string | null;
  sheetNames: string[];
  /** The sheets the importer reads ("Action plan", "Next steps", "_ids"), when present. */
  sheets: Partial<Record<string, ParsedSheet>>;
}

/** A date cell as words: "March 2027" when Excel showed only month and year, else "1 March 2027". */
export function dateCellText(iso: IsoDate, showsDay: boolean): string {
  return formatIsoDate(iso, showsDay ? 'long' : 'monthYear');
}

/** The cell as the text a person would say it holds. */
export function cellText(cell: WorkbookCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return dateCellText(cell.iso, cell.showsDay);
    case 'formula':
      return `=${cell.formula}`;
    case 'error':
      return cell.error;
  }
}

/** What an exported cell's fingerprint is compared with: dates by their ISO date, the rest as text. */
export function cellKey(cell: WorkbookCell | undefined): string {
  return cell?.kind === 'date' ? cell.iso : comparable(cellText(cell));
}

export function isBlank(cell: WorkbookCell | undefined): boolean {
  return cellKey(cell) === '';
}
