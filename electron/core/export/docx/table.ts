import { AlignmentType, Paragraph, Table, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from 'docx';
import type { CellBody, Shade } from './primitives';
import { HEADER_FILL, HEADER_TEXT, SMALL_SIZE, TABLE_BORDERS, run, tableCell } from './primitives';

/** A column's heading: its words, an optional second line in smaller type, and a shade of its own. */
export interface HeaderTitle {
  text: string;
  note?: string;
  centred?: boolean;
  shade?: Shade;
}

/** One column of a table: what its header says, how wide it is, and what each row puts in it. */
export interface Column<T> {
  title: string | HeaderTitle;
  width: number;
  cell: (item: T, index: number) => CellBody;
}

export interface RowOptions {
  /** Rows are kept whole on a page unless they say otherwise. */
  cantSplit?: boolean;
  keepNext?: boolean;
}

/** The header row, repeated at the top of every page the table runs onto and kept with the first row. */
function headerRow<T>(columns: readonly Column<T>[], size: number): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    keepNext: true,
    children: columns.map((column) => {
      const title: HeaderTitle = typeof column.title === 'string' ? { text: column.title } : column.title;
      const alignment = title.centred ? AlignmentType.CENTER : undefined;
      const children = [
        new Paragraph({
          alignment,
          children: [run(title.text, { bold: true, size, color: title.shade?.text ?? HEADER_TEXT })],
        }),
      ];
      if (title.note) children.push(new Paragraph({ alignment, children: [run(title.note, { size: SMALL_SIZE })] }));
      return tableCell(
        { children, fill: title.shade?.fill ?? HEADER_FILL, verticalAlign: VerticalAlignTable.BOTTOM },
        column.width,
      );
    }),
  });
}

export function bodyRow<T>(columns: readonly Column<T>[], item: T, index: number, options: RowOptions = {}): TableRow {
  return new TableRow({
    cantSplit: options.cantSplit ?? true,
    // Only a row kept with the next says so; Word reads no mark as "not kept".
    keepNext: options.keepNext || undefined,
    children: columns.map((column) => tableCell(column.cell(item, index), column.width)),
  });
}

/** A row of one cell across every column, such as an area's title in the appendix. */
export function spanningRow<T>(columns: readonly Column<T>[], body: CellBody, options: RowOptions = {}): TableRow {
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  return new TableRow({
    cantSplit: options.cantSplit ?? true,
    keepNext: options.keepNext,
    children: [tableCell(body, width, columns.length)],
  });
}

export interface TableOptions {
  /** Header text size, in half-points. */
  headerSize: number;
  sideMargin?: number;
}

/** A fixed-layout table: the header row from the columns, then the given body rows. */
export function columnTable<T>(columns: readonly Column<T>[], body: readonly TableRow[], options: TableOptions): Table {
  const widths = columns.map((column) => column.width);
  const sideMargin = options.sideMargin ?? 90;
  return new Table({
    rows: [headerRow(columns, options.headerSize), ...body],
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { top: 50, bottom: 50, left: sideMargin, right: sideMargin },
  });
}

/** A table with one body row per item; `keepNext` says which rows stay with the row after them. */
export function listTable<T>(
  columns: readonly Column<T>[],
  items: readonly T[],
  options: TableOptions & { keepNext?: (index: number, count: number) => boolean },
): Table {
  return columnTable(
    columns,
    items.map((item, index) => bodyRow(columns, item, index, { keepNext: options.keepNext?.(index, items.length) })),
    options,
  );
}

/**
 * Keep-with-next for the body rows of a short list table: a table of up to a dozen rows is read as a whole
 * and kept on one page; a longer one keeps its first row with the header and its last two rows together,
 * so no page holds just a header and one row or a lone final row.
 */
const KEEP_WHOLE_ROWS = 12;
export function keepRowWithNext(index: number, count: number): boolean {
  if (index >= count - 1) return false;
  return count <= KEEP_WHOLE_ROWS || index === 0 || index === count - 2;
}

/** Keep every row but the last with the next, so the table stays on one page. */
export const keepAllTogether = (index: number, count: number): boolean => index < count - 1;

/**
 * Keep-with-next for a table that may break across pages: only its last row is kept with the one before, so
 * no page holds it alone. Keeping the first row with the header as well makes LibreOffice keep the whole
 * table together, which pushes a table that would start part-way down a page on to the next.
 */
export const keepLastTwoTogether = (index: number, count: number): boolean => index === count - 2;
