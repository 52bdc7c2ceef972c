/**
 * How an exported sheet prints: the paper, the column widths and each row's height, worked out by the
 * app because neither Excel nor LibreOffice grows a row to fit wrapped text written by a program, and a
 * "fit to one page wide" of a wide sheet shrinks its text until nobody can read it.
 *
 * Widths are Excel's: characters of the default font (Calibri 11), whose digits are 7 pixels wide at
 * 96 pixels an inch, plus 5 pixels of padding per column.
 */

/** The font every exported cell is written in, named so that no reader falls back to its own default. */
export const SHEET_FONT = { name: 'Calibri', size: 11 } as const;

/** Text is never printed smaller than this; "fit to width" may scale a sheet down only this far. */
export const SMALLEST_PRINTED_POINTS = 8;

/** Left and right page margins, in inches: narrower than Excel's 0.7 so more of a wide plan fits. */
export const SIDE_MARGIN_INCHES = 0.5;

/** Excel's paperSize codes, landscape width in inches. */
export const PAPERS = {
  A4: { paperSize: 9, widthInches: 11.69 },
  A3: { paperSize: 8, widthInches: 16.54 },
} as const;
export type PaperName = keyof typeof PAPERS;

/** Below this a wrapped text column is not narrowed further: a word or a short phrase still fits. */
const NARROWEST_WRAPPED_COLUMN = 20;

/** Points per line of Calibri 11 (Excel's default row height) and the most Excel lets a row have. */
const LINE_POINTS = 14.5;
const PADDING_POINTS = 3;
export const MAX_ROW_POINTS = 409;

const columnPixels = (width: number) => width * 7 + 5;
const sheetInches = (widths: readonly number[]) => widths.reduce((sum, width) => sum + columnPixels(width), 0) / 96;
const printableInches = (paper: PaperName) => PAPERS[paper].widthInches - 2 * SIDE_MARGIN_INCHES;

export interface PrintLayout {
  paper: PaperName;
  /** Column widths to use: the asked ones, or narrower wrapped columns when even A3 would shrink the text too far. */
  widths: number[];
  /** The scale "fit to one page wide" will print at (1 when the sheet fits as it is). */
  scale: number;
}

/**
 * The paper a sheet prints on, one page wide, with text no smaller than SMALLEST_PRINTED_POINTS: A4 when
 * that is enough, else A3; a sheet too wide even for A3 has its wrapped columns narrowed (its rows grow
 * taller instead). `wrapped[i]` says column i wraps its text and may be narrowed.
 */
export function printLayout(widths: readonly number[], wrapped: readonly boolean[]): PrintLayout {
  const smallest = SMALLEST_PRINTED_POINTS / SHEET_FONT.size;
  const scaleOn = (paper: PaperName, candidate: readonly number[]) =>
    Math.min(1, printableInches(paper) / sheetInches(candidate));
  for (const paper of ['A4', 'A3'] as const) {
    const scale = scaleOn(paper, widths);
    if (scale >= smallest) return { paper, widths: [...widths], scale };
  }
  // The pixels the wrapped columns must give up, taken from each in proportion to what it can spare.
  const excessPixels = sheetInches(widths) * 96 - (printableInches('A3') / smallest) * 96;
  const spare = widths.map((width, index) => (wrapped[index] ? Math.max(0, width - NARROWEST_WRAPPED_COLUMN) : 0));
  const totalSpare = spare.reduce((sum, value) => sum + value, 0);
  const cut = Math.min(1, excessPixels / 7 / Math.max(1, totalSpare));
  const narrowed = widths.map((width, index) => Math.floor(width - (spare[index] ?? 0) * cut));
  return { paper: 'A3', widths: narrowed, scale: scaleOn('A3', narrowed) };
}

/**
 * How many lines a text takes in a wrapped cell `width` characters wide, wrapping at spaces as Excel does.
 * Errs towards one line too many (Calibri's average letter is narrower than its digits, so a width holds
 * about 1.2 letters per unit, and LibreOffice's fallback fonts fewer; 1.15 is assumed): a row a little too tall reads, one too short hides text.
 */
export function wrappedLineCount(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.15));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    if (paragraph.length <= perLine) continue;
    for (const word of paragraph.split(' ')) {
      const length = word.length;
      if (used > 0 && used + 1 + length <= perLine) {
        used += 1 + length;
        continue;
      }
      if (used > 0) lines += 1;
      lines += Math.max(0, Math.ceil(length / perLine) - 1);
      used = length % perLine || (length > 0 ? perLine : 0);
    }
  }
  return lines;
}

/** The height in points of a row whose cells hold `texts` in columns `widths` characters wide. */
export function fittedRowHeight(texts: readonly string[], widths: readonly number[]): number {
  const lines = texts.map((text, index) => (text ? wrappedLineCount(text, widths[index] ?? 10) : 1));
  return Math.min(MAX_ROW_POINTS, Math.max(1, ...lines) * LINE_POINTS + PADDING_POINTS);
}
