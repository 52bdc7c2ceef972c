/**
 * Finds the exported columns by their headers, so a lead may move or add columns. A column added after the
 * workbook's plan version (`exportedVersion`) may be absent: the map then has no index for it.
 */
import type { ImportNotice, ImportProblem } from './changes';
import type { SheetColumn } from './layout';
import { columnLetter } from './layout';
import type { ParsedSheet } from './parsed';
import { cellText } from './parsed';
import { comparable } from './text';

export function mapHeaders<K extends string>(
  sheet: ParsedSheet,
  columns: readonly SheetColumn<K>[],
  problems: ImportProblem[],
  notices: ImportNotice[],
  exportedVersion: number,
): Map<K, number> | null {
  const found = new Map<K, number>();
  const byHeader = new Map(columns.map((column) => [column.header.toLowerCase(), column]));
  const texts = sheet.header.map((cell) => comparable(cellText(cell)));
  const unknown = new Set<number>();
  texts.forEach((text, index) => {
    if (!text) return;
    const column = byHeader.get(text.toLowerCase());
    if (!column) {
      unknown.add(index);
      return;
    }
    if (found.has(column.key)) {
      problems.push({
        sheet: sheet.name,
        row: 1,
        column: column.header,
        columnLetter: columnLetter(index),
        reason: `the header "${column.header}" appears twice (also in column ${columnLetter(found.get(column.key)!)})`,
      });
      return;
    }
    found.set(column.key, index);
  });
  // Set inside the callback below, which the compiler's narrowing does not follow.
  let ok = true as boolean;
  columns.forEach((column, expectedIndex) => {
    if (found.has(column.key)) return;
    if (column.since !== undefined && exportedVersion < column.since) return;
    ok = false;
    const there = texts[expectedIndex] ?? '';
    const renamed = unknown.has(expectedIndex);
    if (renamed) unknown.delete(expectedIndex);
    problems.push({
      sheet: sheet.name,
      row: 1,
      column: column.header,
      columnLetter: columnLetter(expectedIndex),
      reason: renamed
        ? `the header should be "${column.header}" but is "${there}" – put the exported headers back`
        : `the "${column.header}" column is missing – put the exported headers back`,
    });
  });
  for (const index of unknown) {
    notices.push({
      sheet: sheet.name,
      row: 1,
      column: texts[index] ?? '',
      columnLetter: columnLetter(index),
      reason: 'this column is not part of the export and was ignored',
    });
  }
  return ok ? found : null;
}
