/**
 * The three-way compare of one row: each cell against the fingerprint it was exported with and against the
 * plan as it is now (see diff.ts for why). Action rows and next-step rows go through the same loop.
 */
import type { CellKind } from '../../model/actionFields';
import type { PlanDocument } from '../../model/plan';
import type { Parsed } from './cells';
import { CELL_CODECS } from './cells';
import type { ImportNotice, ImportProblem } from './changes';
import type { SheetColumn } from './layout';
import { columnLetter } from './layout';
import type { ParsedRow, WorkbookCell } from './parsed';
import { cellKey, cellText } from './parsed';
import { comparable, fingerprint, sameText, short } from './text';

interface FieldContext {
  sheet: string;
  row: number;
  column: string;
  columnLetter: string;
  cell: WorkbookCell | undefined;
  /** The cell as the plan would export it now (comparable text, or ISO date for dates). */
  current: string;
  /** Fingerprint of the cell as exported (from "_ids"). */
  exported: string | undefined;
  problems: ImportProblem[];
  notices: ImportNotice[];
}

/**
 * Whether the lead edited the cell. A cell equal to the plan's current value needs nothing either way, so
 * only the (rare) differing cells are hashed: this keeps a 5,000-action import fast.
 */
function editedInWorkbook(at: FieldContext): boolean {
  const key = cellKey(at.cell);
  if (key === at.current) return false;
  return at.exported === undefined || fingerprint(key) !== at.exported;
}

type FieldOutcome<T> = { kind: 'none' } | { kind: 'change'; value: T; display: string };

/** The three-way compare for one editable cell. */
function compareField<T>(
  at: FieldContext,
  parse: (text: string) => Parsed<T>,
  currentDisplay: string,
  sameAsCurrent: (value: T) => boolean,
): FieldOutcome<T> {
  const problem = (reason: string) =>
    at.problems.push({ sheet: at.sheet, row: at.row, column: at.column, columnLetter: at.columnLetter, reason });
  if (!editedInWorkbook(at)) return { kind: 'none' };
  const text = comparable(cellText(at.cell));
  const parsed = parse(text);
  if (!parsed.ok) {
    problem(parsed.reason);
    return { kind: 'none' };
  }
  if (sameAsCurrent(parsed.value)) return { kind: 'none' };
  if (at.exported !== undefined && fingerprint(comparable(currentDisplay)) !== at.exported) {
    problem(
      `was changed in the workbook (to "${short(parsed.display)}") and also in the app since this workbook was exported ` +
        `(now "${short(currentDisplay)}") – export a fresh workbook and make the edit again`,
    );
    return { kind: 'none' };
  }
  if (at.cell?.kind === 'date') {
    at.notices.push({
      sheet: at.sheet,
      row: at.row,
      column: at.column,
      columnLetter: at.columnLetter,
      reason: `Excel held a date here; it was read as the words "${parsed.display}"`,
    });
  }
  if (at.cell?.kind === 'number') {
    // Excel stores a number typed or pasted into a text column as a number, dropping what it cannot hold:
    // "1.10" becomes 1.1, "007" becomes 7. Imported as the text it shows, said so the lead can check it.
    at.notices.push({
      sheet: at.sheet,
      row: at.row,
      column: at.column,
      columnLetter: at.columnLetter,
      reason: `Excel held a number here, not text; it was imported as the text "${short(parsed.display)}" – check it reads as you meant`,
    });
  }
  return { kind: 'change', value: parsed.value, display: parsed.display };
}

function readOnlyNotice(at: FieldContext, header: string): void {
  if (at.exported === undefined || !editedInWorkbook(at)) return;
  at.notices.push({
    sheet: at.sheet,
    row: at.row,
    column: at.column,
    columnLetter: at.columnLetter,
    reason: `${header} is read-only in the workbook; the edit was ignored – change it in the app`,
  });
}

export interface ExportedRow<K extends string> {
  sheet: string;
  row: ParsedRow;
  columns: readonly SheetColumn<K>[];
  /** Where each column is on the sheet as the lead left it. */
  indexes: ReadonlyMap<K, number>;
  /** The row's cells as the plan would export them now. */
  current: Record<K, string>;
  /** The row's fingerprints from "_ids", in export column order. */
  fingerprints: readonly string[];
  doc: PlanDocument;
  problems: ImportProblem[];
  notices: ImportNotice[];
}

/** An edited cell whose new value is valid and whose field the app has not changed since the export. */
export interface CellChange<K extends string> {
  column: SheetColumn<K>;
  value: unknown;
  /** The plan's value as the preview shows it, checked again when the change is applied. */
  old: string;
  display: string;
}

export function diffRow<K extends string>(input: ExportedRow<K>): CellChange<K>[] {
  const found: CellChange<K>[] = [];
  input.columns.forEach((column, exportIndex) => {
    const index = input.indexes.get(column.key);
    // A key column, or one added after the workbook was exported: there is nothing to compare.
    if (column.role === 'key' || index === undefined) return;
    const current = input.current[column.key];
    const at: FieldContext = {
      sheet: input.sheet,
      row: input.row.row,
      column: column.header,
      columnLetter: columnLetter(index),
      cell: input.row.cells[index],
      current: column.cell === 'date' ? current : comparable(current),
      exported: input.fingerprints[exportIndex],
      problems: input.problems,
      notices: input.notices,
    };
    const codec = column.role === 'editable' ? CELL_CODECS[column.cell as CellKind] : undefined;
    const read = codec?.read;
    const schema = column.schema;
    if (!codec || !read || !schema) {
      readOnlyNotice(at, column.header);
      return;
    }
    const outcome = compareField(
      at,
      (text) => read({ cell: at.cell, text, schema, doc: input.doc }),
      current,
      (value) =>
        sameText(
          codec.write(value, () => ''),
          current,
        ),
    );
    if (outcome.kind === 'change')
      found.push({ column, value: outcome.value, old: comparable(current), display: outcome.display });
  });
  return found;
}
