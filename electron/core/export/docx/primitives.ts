import {
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Tab,
  TableCell,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { ActionStatus } from '../../../../shared/model/action';
import { STATUS_COLOURS } from '../../../../shared/domain/statusColours';
import type { NumberLevel } from './numbering';
import { numberingAt } from './numbering';

// ---- Page geometry (twips: 1 cm = 567) ----
export const A4 = { width: 11906, height: 16838 };
export const PORTRAIT_MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 454 };
export const PORTRAIT_TEXT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right; // 9638
export const LANDSCAPE_MARGIN = { top: 851, bottom: 851, left: 851, right: 851, header: 454, footer: 397 };

// ---- Type (half-points) and colours ----
export const FONT = 'Arial';
export const BODY_SIZE = 22;
export const TABLE_SIZE = 20;
export const SMALL_SIZE = 18;
export const NOTE_SIZE = 16;
export const NAVY = '1F3864';
export const GREY_TEXT = '595959';
export const HEADER_FILL = 'D9E2F3';
export const HEADER_TEXT = '1F1F1F';
export const RULE = '8EAADB';
const CELL_BORDER = 'A6A6A6';

export interface Shade {
  fill: string;
  text: string;
}
export const statusShade = (status: ActionStatus): Shade => STATUS_COLOURS[status];

// Characters XML 1.0 cannot carry; a pasted control character must not make the file unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export function clean(text: string): string {
  return text.replace(INVALID_XML, '');
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
}

export function tab(): TextRun {
  return new TextRun({ children: [new Tab()] });
}

export function run(text: string, style: RunStyle = {}): TextRun {
  // The font comes from the styles, so a council's letterhead can set its own.
  return new TextRun({ text: clean(text), ...style });
}

/** Text that may hold line breaks: one paragraph per non-empty line. */
export function textParagraphs(text: string, style: RunStyle, spacingAfter = 60): Paragraph[] {
  const lines = clean(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return [new Paragraph({ children: [] })];
  return lines.map((line) => new Paragraph({ spacing: { after: spacingAfter }, children: [run(line, style)] }));
}

export function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    keepNext: true,
    children: [run(text)],
  });
}

/** A numbered section of the front pages: "1 Purpose of the Note", numbered by Word. */
export function sectionHeading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    keepNext: true,
    numbering: numberingAt('section'),
    children: [run(text)],
  });
}

/** A paragraph numbered by Word under its section (1.1) or as an item under a numbered paragraph (1)). */
export function numberedParagraph(text: string, level: Exclude<NumberLevel, 'section'> = 'paragraph'): Paragraph {
  return new Paragraph({ numbering: numberingAt(level), spacing: { after: 120 }, children: [run(text)] });
}

export function plain(text: string, style: RunStyle = {}, after = 120, keepNext = false): Paragraph {
  return new Paragraph({ spacing: { after }, keepNext, children: [run(text, style)] });
}

/** A sentence that introduces the table after it, so they are not parted by a page break. */
export function lead(text: string): Paragraph {
  return plain(text, {}, 120, true);
}

/** Space after a table, which Word otherwise runs straight into the next heading. */
export function gap(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 120 }, children: [] });
}

// ---- Table cells ----
const border = { style: BorderStyle.SINGLE, size: 4, color: CELL_BORDER };
export const TABLE_BORDERS = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};

export type VerticalAlign = (typeof VerticalAlignTable)[keyof typeof VerticalAlignTable];

/** A cell's edge inside a table, lighter than the table's rules: between the steps of one action. */
export type CellEdge = 'dotted';
const EDGES = { dotted: { style: BorderStyle.DOTTED, size: 4, color: 'BFBFBF' } } as const;

/** What goes in a cell; its width comes from its column. */
export interface CellBody {
  children: Paragraph[];
  fill?: string;
  verticalAlign?: VerticalAlign;
  top?: CellEdge;
  bottom?: CellEdge;
  /** Rows the cell runs down, merged as one cell beside rows of their own in other columns. */
  rowSpan?: number;
}

export function tableCell(body: CellBody, width: number, columnSpan?: number): TableCell {
  const borders =
    body.top || body.bottom
      ? {
          ...(body.top && { top: EDGES[body.top] }),
          ...(body.bottom && { bottom: EDGES[body.bottom] }),
        }
      : undefined;
  return new TableCell({
    children: body.children,
    width: { size: width, type: WidthType.DXA },
    columnSpan,
    rowSpan: body.rowSpan,
    verticalAlign: body.verticalAlign ?? VerticalAlignTable.TOP,
    shading: body.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: body.fill } : undefined,
    borders,
  });
}

export function textBody(text: string, style: RunStyle = {}, extra: Omit<CellBody, 'children'> = {}): CellBody {
  return { children: textParagraphs(text, style, 40), ...extra };
}

/** A label on its shade filling the cell, for rows kept whole on one page. */
export function shadedBody(label: string, shade: Shade, size: number): CellBody {
  return {
    children: [new Paragraph({ children: [run(label, { bold: true, size, color: shade.text })] })],
    fill: shade.fill,
  };
}

/**
 * A shaded label at the top of its cell, for rows that may break across pages: the colour sits behind the
 * words only, so a row's continuation never shows a colour without them.
 */
export function shadedLabelBody(label: string, shade: Shade, size: number): CellBody {
  const edge = { style: BorderStyle.SINGLE, size: 4, color: shade.fill, space: 1 };
  return {
    children: [
      new Paragraph({
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: shade.fill },
        border: { top: edge, bottom: edge },
        children: [run(label, { bold: true, size, color: shade.text })],
      }),
    ],
  };
}
