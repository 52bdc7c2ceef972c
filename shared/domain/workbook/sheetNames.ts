/**
 * Finding a sheet the app needs when it is not under its own name: Excel names a copied sheet
 * "Action plan (2)", a lead may type over a tab's name, and a sheet pasted into a new workbook arrives as
 * "Sheet1" with the same header row.
 */
import type { SheetColumn } from './layout';
import type { ParsedWorkbook } from './parsed';
import { cellText } from './parsed';
import { comparable } from './text';

/** A sheet name as compared: case, spaces and punctuation, "Copy of" and a trailing copy number dropped. */
function sheetKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^\s*copy of\s+/, '')
    .replace(/\s*\(\d+\)\s*$/, '')
    .replace(/[^a-z0-9]+/g, '')
    .replace(/\d+$/, '');
}

/** Letters to insert, delete or change to turn one text into the other. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Whether `name` looks like `expected` renamed: a copy's name, other case or spacing, or a typo or two. */
export function similarSheetName(name: string, expected: string): boolean {
  const a = sheetKey(name);
  const b = sheetKey(expected);
  if (a.length === 0) return false;
  return a === b || (b.length >= 5 && editDistance(a, b) <= 2);
}

/** The names of the workbook's sheets, other than those the app expects, that could be `expected` renamed. */
export function renamedSheetCandidates(
  parsed: ParsedWorkbook,
  expected: string,
  columns: readonly SheetColumn[],
  expectedNames: readonly string[],
): string[] {
  const headers = new Set(columns.map((column) => column.header.toLowerCase()));
  return parsed.sheetNames.filter((name) => {
    if (expectedNames.includes(name)) return false;
    if (similarSheetName(name, expected)) return true;
    const header = parsed.sheets[name]?.header.map((cell) => comparable(cellText(cell)).toLowerCase()) ?? [];
    return header.length > 0 && [...headers].every((text) => header.includes(text));
  });
}

/** The problem's words for a missing sheet, naming any sheet that looks like it renamed. */
export function missingSheetReason(expected: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return `the "${expected}" sheet is missing`;
  const found = candidates.map((name) => `"${name}"`).join(' and ');
  return (
    `the sheet "${expected}" is missing; found ${found} – was it renamed? Rename it back to "${expected}" ` +
    '(right-click its tab, Rename) and import the workbook again'
  );
}
