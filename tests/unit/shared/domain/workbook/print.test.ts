import { describe, expect, it } from 'vitest';
import {
  PAPERS,
  SHEET_FONT,
  SIDE_MARGIN_INCHES,
  SMALLEST_PRINTED_POINTS,
  fittedRowHeight,
  printLayout,
  wrappedLineCount,
} from '../../../../../shared/domain/workbook';

/** The printed width of columns in inches, by Excel's rule for Calibri 11 (7 px a character + 5 px). */
const inches = (widths: readonly number[]) => widths.reduce((sum, width) => sum + width * 7 + 5, 0) / 96;
const printable = (paper: keyof typeof PAPERS) => PAPERS[paper].widthInches - 2 * SIDE_MARGIN_INCHES;
const printedPoints = (scale: number) => SHEET_FONT.size * scale;

describe('printLayout', () => {
  it('keeps a sheet that fits A4 at full size on A4', () => {
    const layout = printLayout([10, 60, 24], [false, true, true]);
    expect(layout).toEqual({ paper: 'A4', widths: [10, 60, 24], scale: 1 });
  });

  it('puts the action plan (275 characters wide) on A3, where its text stays at 8 pt or more', () => {
    const widths = [20, 9, 8, 55, 55, 55, 22, 16, 13, 13, 9];
    const layout = printLayout(
      widths,
      widths.map((width) => width > 20),
    );
    expect(inches(widths) / printable('A4')).toBeGreaterThan(SHEET_FONT.size / SMALLEST_PRINTED_POINTS);
    expect(layout.paper).toBe('A3');
    expect(layout.widths).toEqual(widths);
    expect(printedPoints(layout.scale)).toBeGreaterThanOrEqual(SMALLEST_PRINTED_POINTS);
  });

  it('narrows only the wrapped columns of a sheet too wide even for A3, until its text prints at 8 pt', () => {
    const widths = [12, 80, 80, 80, 80, 15];
    const wrapped = [false, true, true, true, true, false];
    const layout = printLayout(widths, wrapped);
    expect(layout.paper).toBe('A3');
    expect(layout.widths[0]).toBe(12);
    expect(layout.widths[5]).toBe(15);
    for (const index of [1, 2, 3, 4]) expect(layout.widths[index]).toBeLessThan(80);
    expect(printedPoints(printable('A3') / inches(layout.widths))).toBeGreaterThanOrEqual(SMALLEST_PRINTED_POINTS);
    expect(layout.scale).toBeCloseTo(Math.min(1, printable('A3') / inches(layout.widths)), 6);
  });
});

describe('wrappedLineCount and fittedRowHeight', () => {
  it('counts a line per paragraph and wraps long paragraphs at spaces', () => {
    expect(wrappedLineCount('', 20)).toBe(1);
    expect(wrappedLineCount('short', 20)).toBe(1);
    expect(wrappedLineCount('one\ntwo\nthree', 20)).toBe(3);
    // 23 letters a line at width 20: three 10-letter words take two lines, not one and a half.
    expect(wrappedLineCount('aaaaaaaaaa bbbbbbbbbb cccccccccc', 20)).toBe(2);
    expect(wrappedLineCount('x'.repeat(50), 20)).toBe(3);
  });

  it('gives a row the height of its tallest cell, within what Excel allows', () => {
    const long = 'word '.repeat(200);
    expect(fittedRowHeight(['a', long], [10, 20])).toBeGreaterThan(fittedRowHeight(['a', 'b'], [10, 20]) * 10);
    expect(fittedRowHeight(['word '.repeat(5000)], [10])).toBe(409);
  });
});
