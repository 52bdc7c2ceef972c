import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { ISectionOptions, ParagraphChild } from 'docx';
import type { ActionStatus } from '../../../shared/model/action';
import type {
  AppendixGroup,
  AppendixRow,
  DueAction,
  ListedAction,
  MatrixSummary,
  MeasureFigure,
  MeasureRow,
  NumberedParagraph,
  PaperContent,
  PaperCounts,
  UnreviewedAction,
} from '../../../shared/domain/boardPaperContent';

export interface BoardPaperRenderOptions {
  /** PNG or JPEG shown at the top right of the first page. */
  logo?: Buffer;
}

// ---- Page geometry (twips: 1 cm = 567) ----
const A4 = { width: 11906, height: 16838 };
const PORTRAIT_MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 454 };
const PORTRAIT_TEXT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right; // 9638
const LANDSCAPE_MARGIN = { top: 851, bottom: 851, left: 851, right: 851, header: 454, footer: 397 };
const LANDSCAPE_TEXT_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right; // 15136

// ---- Type (half-points) and colours ----
const FONT = 'Arial';
const BODY_SIZE = 22;
const TABLE_SIZE = 20;
const APPENDIX_SIZE = 18;
const NAVY = '1F3864';
const GREY_TEXT = '595959';
const HEADER_FILL = 'D9E2F3';
const RULE = '8EAADB';
const CELL_BORDER = 'A6A6A6';

/** Status shading: the label is always printed; the colour only repeats it. */
const STATUS_STYLE: Record<ActionStatus, { fill: string; text: string }> = {
  not_started: { fill: 'EDEDED', text: '3A3A3A' },
  on_track: { fill: 'C6EFCE', text: '0B5A1E' },
  at_risk: { fill: 'FFE699', text: '6B3A00' },
  off_track: { fill: 'FFC7CE', text: '9C0006' },
  complete: { fill: 'BDD7EE', text: '1F3864' },
};

/**
 * Widths sized so each header word, a long area word ("Communication" at 8 pt), a long lead name
 * ("Communications") and a long timescale word ("implementation") fit on a line; they add up to the
 * landscape text width.
 */
const APPENDIX_COLUMNS: { title: string; width: number }[] = [
  { title: 'Matrix area', width: 1330 },
  { title: 'Progress level', width: 950 },
  { title: 'Action No.', width: 750 },
  { title: 'Description', width: 2510 },
  { title: 'Achievement to date', width: 2510 },
  { title: 'Next steps – Action', width: 3036 },
  { title: 'Lead', width: 1550 },
  { title: 'Timescale', width: 1400 },
  { title: 'Progress', width: 1100 },
];

// Characters XML 1.0 cannot carry; a pasted control character must not make the file unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
function clean(text: string): string {
  return text.replace(INVALID_XML, '');
}

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
}

function tab(): TextRun {
  return new TextRun({ children: [new Tab()] });
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text: clean(text), font: FONT, ...style });
}

/** Text that may hold line breaks: one paragraph per non-empty line. */
function textParagraphs(text: string, style: RunStyle, spacingAfter = 60): Paragraph[] {
  const lines = clean(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return [new Paragraph({ children: [] })];
  return lines.map((line) => new Paragraph({ spacing: { after: spacingAfter }, children: [run(line, style)] }));
}

function heading(text: string, level: 1 | 2, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    keepNext: true,
    pageBreakBefore: options.pageBreakBefore,
    children: [run(text)],
  });
}

const NUMBER_INDENT = 850;
function numberedParagraph(item: NumberedParagraph, indentLevel = 0): Paragraph {
  const left = NUMBER_INDENT * (indentLevel + 1);
  const hanging = indentLevel === 0 ? NUMBER_INDENT : 567;
  return new Paragraph({
    indent: { left, hanging },
    tabStops: [{ type: TabStopType.LEFT, position: left }],
    spacing: { after: 120 },
    children: [run(item.number), tab(), run(item.text)],
  });
}

function plain(text: string, style: RunStyle = {}, after = 120, keepNext = false): Paragraph {
  return new Paragraph({ spacing: { after }, keepNext, children: [run(text, style)] });
}

/** A sentence that introduces the table after it, so they are not parted by a page break. */
function lead(text: string): Paragraph {
  return plain(text, {}, 120, true);
}

// ---- Tables ----
const border = { style: BorderStyle.SINGLE, size: 4, color: CELL_BORDER };
const TABLE_BORDERS = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};

interface CellOptions {
  width: number;
  fill?: string;
  columnSpan?: number;
  verticalAlign?: (typeof VerticalAlignTable)[keyof typeof VerticalAlignTable];
}

function cell(children: Paragraph[], options: CellOptions): TableCell {
  return new TableCell({
    children,
    width: { size: options.width, type: WidthType.DXA },
    columnSpan: options.columnSpan,
    verticalAlign: options.verticalAlign ?? VerticalAlignTable.TOP,
    shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
  });
}

function textCell(text: string, width: number, style: RunStyle = {}, extra: Partial<CellOptions> = {}): TableCell {
  return cell(textParagraphs(text, style, 40), { width, ...extra });
}

function headerRow(titles: readonly string[], widths: readonly number[], size: number): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: titles.map((title, index) =>
      cell([new Paragraph({ keepNext: true, children: [run(title, { bold: true, size, color: '1F1F1F' })] })], {
        width: widths[index]!,
        fill: HEADER_FILL,
        verticalAlign: VerticalAlignTable.BOTTOM,
      }),
    ),
  });
}

function table(rows: TableRow[], widths: readonly number[], sideMargin = 90): Table {
  const total = widths.reduce((sum, width) => sum + width, 0);
  return new Table({
    rows,
    width: { size: total, type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { top: 50, bottom: 50, left: sideMargin, right: sideMargin },
  });
}

function statusCell(status: ActionStatus, label: string, width: number, size: number): TableCell {
  const style = STATUS_STYLE[status];
  return cell([new Paragraph({ children: [run(label, { bold: true, size, color: style.text })] })], {
    width,
    fill: style.fill,
  });
}

/**
 * The status as a shaded label at the top of its cell, for rows that may break across pages: the colour
 * sits behind the words only, so a row's continuation never shows a colour without them.
 */
function statusLabelCell(status: ActionStatus, label: string, width: number, size: number): TableCell {
  const style = STATUS_STYLE[status];
  return cell(
    [
      new Paragraph({
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: style.fill },
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: style.fill, space: 1 }, bottom: { style: BorderStyle.SINGLE, size: 4, color: style.fill, space: 1 } },
        children: [run(label, { bold: true, size, color: style.text })],
      }),
    ],
    { width },
  );
}

/** Space after a table, which Word otherwise runs straight into the next heading. */
function gap(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 120 }, children: [] });
}

// ---- Front page parts ----
function pngOrJpegSize(data: Buffer): { width: number; height: number } | null {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return null;
      const marker = data[offset + 1]!;
      const length = data.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return null;
}

function logoParagraph(logo: Buffer, organisation: string): Paragraph | null {
  const size = pngOrJpegSize(logo);
  if (!size || size.width === 0 || size.height === 0) return null;
  const scale = Math.min(70 / size.height, 220 / size.width, 1);
  const type = logo[0] === 0x89 ? 'png' : 'jpg';
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { after: 120 },
    children: [
      new ImageRun({
        type,
        data: logo,
        transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
        altText: { name: 'Logo', description: `${organisation} logo`, title: 'Logo' },
      }),
    ],
  });
}

function headerBlock(content: PaperContent): Paragraph[] {
  const line = (label: string, value: string, last = false) =>
    new Paragraph({
      tabStops: [{ type: TabStopType.LEFT, position: 1134 }],
      spacing: { after: last ? 240 : 120 },
      border: last ? { bottom: { style: BorderStyle.SINGLE, size: 8, color: RULE, space: 8 } } : undefined,
      children: [run(label, { bold: true }), tab(), run(value, { bold: true })],
    });
  return [
    line('To:', content.header.to),
    line('Date:', content.header.dateText),
    line('Subject:', content.header.subject, true),
  ];
}

function matrixTable(matrix: MatrixSummary): Table {
  const widths = [2600, 1200, 1200, 1200, 1200, 2238];
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell([new Paragraph({ children: [run('Matrix area', { bold: true, size: TABLE_SIZE })] })], {
        width: widths[0]!,
        fill: HEADER_FILL,
        verticalAlign: VerticalAlignTable.BOTTOM,
      }),
      ...matrix.levels.map((level, index) =>
        cell(
          [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`Level ${level.level}`, { bold: true, size: TABLE_SIZE })] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [run(level.name, { size: 18 })] }),
          ],
          { width: widths[index + 1]!, fill: HEADER_FILL, verticalAlign: VerticalAlignTable.BOTTOM },
        ),
      ),
      cell([new Paragraph({ children: [run('Since last paper', { bold: true, size: TABLE_SIZE })] })], {
        width: widths[5]!,
        fill: HEADER_FILL,
        verticalAlign: VerticalAlignTable.BOTTOM,
      }),
    ],
  });
  const rows = matrix.rows.map(
    (row, index) =>
      new TableRow({
        cantSplit: true,
        // The matrix is read as a whole: keep it on one page.
        keepNext: index < matrix.rows.length - 1,
        children: [
          textCell(row.areaName, widths[0]!, { bold: true, size: TABLE_SIZE }, { verticalAlign: VerticalAlignTable.CENTER }),
          ...matrix.levels.map((level, index) => {
            const isCurrent = row.level === level.level;
            const wasPrevious = row.previousLevel === level.level && !isCurrent;
            const text = isCurrent ? `● Level ${level.level}` : wasPrevious ? '○ Last paper' : '';
            return cell(
              [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: text
                    ? [run(text, isCurrent ? { bold: true, size: TABLE_SIZE, color: NAVY } : { size: 18, color: GREY_TEXT })]
                    : [],
                }),
              ],
              { width: widths[index + 1]!, fill: isCurrent ? 'BDD7EE' : undefined, verticalAlign: VerticalAlignTable.CENTER },
            );
          }),
          textCell(
            row.movementText,
            widths[5]!,
            { size: TABLE_SIZE, bold: row.movement === 'up' || row.movement === 'down' },
            { verticalAlign: VerticalAlignTable.CENTER },
          ),
        ],
      }),
  );
  return table([head, ...rows], widths);
}

/** The key to the matrix: what each level looks like for each area, as the board wrote it. */
function matrixKeyTable(matrix: MatrixSummary): Table {
  const widths = [1838, 1950, 1950, 1950, 1950];
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell([new Paragraph({ children: [run('Matrix area', { bold: true, size: 18 })] })], { width: widths[0]!, fill: HEADER_FILL }),
      ...matrix.levels.map((level, index) =>
        cell([new Paragraph({ children: [run(`${level.level} ${level.name}`, { bold: true, size: 18 })] })], {
          width: widths[index + 1]!,
          fill: HEADER_FILL,
        }),
      ),
    ],
  });
  const rows = matrix.rows
    .filter((row) => row.descriptors.some((text) => text.trim() !== ''))
    .map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            textCell(row.areaName, widths[0]!, { bold: true, size: 18 }),
            ...matrix.levels.map((level, index) => textCell(row.descriptors[level.level - 1] ?? '', widths[index + 1]!, { size: 18 })),
          ],
        }),
    );
  return table([head, ...rows], widths);
}

function statusCountTable(counts: PaperCounts): Table {
  const widths = [3000, 1300, 1300];
  const rows = counts.byStatus.map(
    (item) =>
      new TableRow({
        cantSplit: true,
        keepNext: true,
        children: [
          statusCell(item.status, item.label, widths[0]!, TABLE_SIZE),
          textCell(String(item.count), widths[1]!, { size: TABLE_SIZE }),
          textCell(counts.total ? `${Math.round((item.count / counts.total) * 100)}%` : '–', widths[2]!, { size: TABLE_SIZE }),
        ],
      }),
  );
  const total = new TableRow({
    cantSplit: true,
    children: [
      textCell('Total', widths[0]!, { bold: true, size: TABLE_SIZE }),
      textCell(String(counts.total), widths[1]!, { bold: true, size: TABLE_SIZE }),
      textCell(counts.total ? '100%' : '–', widths[2]!, { bold: true, size: TABLE_SIZE }),
    ],
  });
  return table([headerRow(['Status', 'Actions', 'Share'], widths, TABLE_SIZE), ...rows, total], widths);
}

function areaCountTable(counts: PaperCounts): Table {
  const statusWidth = 1100;
  const first = counts.byArea[0];
  const statuses = first ? first.byStatus : counts.byStatus;
  const widths = [PORTRAIT_TEXT_WIDTH - statusWidth * statuses.length - 1000, ...statuses.map(() => statusWidth), 1000];
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell([new Paragraph({ children: [run('Matrix area', { bold: true, size: TABLE_SIZE })] })], {
        width: widths[0]!,
        fill: HEADER_FILL,
        verticalAlign: VerticalAlignTable.BOTTOM,
      }),
      ...statuses.map((item, index) =>
        cell([new Paragraph({ children: [run(item.label, { bold: true, size: TABLE_SIZE, color: STATUS_STYLE[item.status].text })] })], {
          width: widths[index + 1]!,
          fill: STATUS_STYLE[item.status].fill,
          verticalAlign: VerticalAlignTable.BOTTOM,
        }),
      ),
      cell([new Paragraph({ children: [run('Total', { bold: true, size: TABLE_SIZE })] })], {
        width: widths.at(-1)!,
        fill: HEADER_FILL,
        verticalAlign: VerticalAlignTable.BOTTOM,
      }),
    ],
  });
  const rows = counts.byArea.map(
    (area) =>
      new TableRow({
        cantSplit: true,
        keepNext: true,
        children: [
          textCell(area.areaName, widths[0]!, { size: TABLE_SIZE }),
          ...area.byStatus.map((item, index) =>
            textCell(item.count ? String(item.count) : '–', widths[index + 1]!, { size: TABLE_SIZE }),
          ),
          textCell(String(area.total), widths.at(-1)!, { bold: true, size: TABLE_SIZE }),
        ],
      }),
  );
  const totals = new TableRow({
    cantSplit: true,
    children: [
      textCell('All areas', widths[0]!, { bold: true, size: TABLE_SIZE }),
      ...counts.byStatus.map((item, index) => textCell(String(item.count), widths[index + 1]!, { bold: true, size: TABLE_SIZE })),
      textCell(String(counts.total), widths.at(-1)!, { bold: true, size: TABLE_SIZE }),
    ],
  });
  return table([head, ...rows, totals], widths);
}

function completedList(items: ListedAction[]): Paragraph[] {
  if (items.length === 0) return [plain('No actions have been completed since the last paper.')];
  return items.map(
    (item) =>
      new Paragraph({
        bullet: { level: 0 },
        spacing: { after: 80 },
        children: [
          run(`Action ${item.number}: `, { bold: true }),
          run(item.description),
          ...(item.leads.length ? [run(` (Lead: ${item.leads.join('; ')})`, { color: GREY_TEXT })] : []),
        ],
      }),
  );
}

function dueTable(items: DueAction[]): Table {
  const widths = [650, 2900, 2500, 1950, 1638];
  const rows = items.map(
    (item) =>
      new TableRow({
        cantSplit: true,
        children: [
          textCell(item.number, widths[0]!, { bold: true, size: TABLE_SIZE }),
          textCell(item.description, widths[1]!, { size: TABLE_SIZE }),
          textCell(item.dueItem, widths[2]!, { size: TABLE_SIZE }),
          textCell(item.leads.join('\n') || '–', widths[3]!, { size: TABLE_SIZE }),
          textCell(item.dueText, widths[4]!, { size: TABLE_SIZE }),
        ],
      }),
  );
  return table([headerRow(['No.', 'Action', 'What is due', 'Lead', 'Due'], widths, TABLE_SIZE), ...rows], widths);
}

/** A figure with its date under it, smaller and grey, so a narrow column does not break the date. */
function figureCell(figure: MeasureFigure | null, width: number, missing: string): TableCell {
  if (!figure) return textCell(missing, width, { size: TABLE_SIZE, color: GREY_TEXT, italics: true });
  return cell(
    [
      new Paragraph({ children: [run(figure.valueText, { bold: true, size: TABLE_SIZE })] }),
      new Paragraph({ children: [run(figure.dateText, { size: 16, color: GREY_TEXT })] }),
    ],
    { width },
  );
}

/** Met and not met are words first; the shading only repeats them, as with the status labels. */
const MET_STYLE = { met: STATUS_STYLE.on_track, notMet: STATUS_STYLE.off_track } as const;

/**
 * Keep-with-next for the body rows of a short list table: a table of up to a dozen rows is read as a whole
 * and kept on one page; a longer one keeps its first row with the header and its last two rows together,
 * so no page holds just a header and one row or a lone final row.
 */
const KEEP_WHOLE_ROWS = 12;
function keepRowWithNext(index: number, count: number): boolean {
  if (index >= count - 1) return false;
  return count <= KEEP_WHOLE_ROWS || index === 0 || index === count - 2;
}

function measuresTable(rows: MeasureRow[]): Table {
  const widths = [2650, 1250, 1450, 1250, 1450, 1588];
  const body = rows.map(
    (row, index) =>
      new TableRow({
        cantSplit: true,
        keepNext: keepRowWithNext(index, rows.length),
        children: [
          textCell(row.name, widths[0]!, { bold: true, size: TABLE_SIZE }),
          figureCell(row.latest, widths[1]!, 'No figures yet'),
          textCell(row.targetText, widths[2]!, { size: TABLE_SIZE, color: row.targetText === 'None set' ? GREY_TEXT : undefined }),
          row.met === null
            ? textCell(row.metText, widths[3]!, { size: TABLE_SIZE, color: GREY_TEXT })
            : cell([new Paragraph({ children: [run(row.metText, { bold: true, size: TABLE_SIZE, color: (row.met ? MET_STYLE.met : MET_STYLE.notMet).text })] })], {
                width: widths[3]!,
                fill: (row.met ? MET_STYLE.met : MET_STYLE.notMet).fill,
              }),
          textCell(row.trendText, widths[4]!, {
            size: TABLE_SIZE,
            bold: row.trend === 'improving' || row.trend === 'worsening',
            color: row.trend === 'no_data' ? GREY_TEXT : undefined,
          }),
          figureCell(row.baseline, widths[5]!, 'None set'),
        ],
      }),
  );
  return table(
    [headerRow(['Measure', 'Latest value', 'Target', 'Against target', 'Trend', 'Baseline'], widths, TABLE_SIZE), ...body],
    widths,
  );
}

function unreviewedTable(items: UnreviewedAction[]): Table {
  const widths = [650, 5300, 2138, 1550];
  const rows = items.map(
    (item, index) =>
      new TableRow({
        cantSplit: true,
        keepNext: keepRowWithNext(index, items.length),
        children: [
          textCell(item.number, widths[0]!, { bold: true, size: TABLE_SIZE }),
          textCell(item.description, widths[1]!, { size: TABLE_SIZE }),
          textCell(item.leads.join('\n') || '–', widths[2]!, { size: TABLE_SIZE }),
          textCell(String(item.count), widths[3]!, { bold: true, size: TABLE_SIZE }),
        ],
      }),
  );
  return table([headerRow(['No.', 'Action', 'Lead', 'Updates not reviewed'], widths, TABLE_SIZE), ...rows], widths);
}

function authorBlock(content: PaperContent): Paragraph[] {
  if (content.authors.length === 0) return [];
  const out: Paragraph[] = [heading(content.authors.length > 1 ? 'Authors' : 'Author', 2)];
  content.authors.forEach((author, index) => {
    const fields: [string, string][] = [
      ['Name', author.name],
      ['Job title', author.jobTitle],
      ['Organisation', author.organisation],
      ['Contact details', author.contact],
    ];
    const present = fields.filter(([, value]) => value.trim().length > 0);
    present.forEach(([label, value], line) => {
      const last = line === present.length - 1 && index < content.authors.length - 1;
      out.push(
        new Paragraph({
          keepNext: line < present.length - 1,
          tabStops: [{ type: TabStopType.LEFT, position: 2000 }],
          spacing: { after: last ? 240 : 40 },
          children: [run(`${label}:`, { bold: true }), tab(), run(value)],
        }),
      );
    });
  });
  return out;
}

function frontSection(content: PaperContent, logo: Buffer | undefined): (Paragraph | Table)[] {
  const children: (Paragraph | Table)[] = [];
  const logoPara = logo ? logoParagraph(logo, content.header.organisation) : null;
  if (logoPara) children.push(logoPara);
  if (content.header.organisation) {
    children.push(plain(content.header.organisation, { bold: true, size: 24, color: NAVY }, 40));
  }
  children.push(
    new Paragraph({
      spacing: { after: 240 },
      children: [run('Briefing note', { size: 36, color: NAVY })],
    }),
  );
  children.push(...headerBlock(content));

  children.push(heading('1 Purpose of the Note', 1));
  children.push(...content.purpose.map((item) => numberedParagraph(item)));

  children.push(heading('2 Recommendations', 1));
  if (content.recommendations.intro) {
    children.push(numberedParagraph(content.recommendations.intro));
    children.push(...content.recommendations.items.map((item) => numberedParagraph(item, 1)));
  } else {
    children.push(...content.recommendations.items.map((item) => numberedParagraph(item)));
  }

  if (content.appendices.length > 0) {
    children.push(heading('Appendices', 2));
    children.push(...content.appendices.map((item) => plain(`${item.label}: ${item.title}`, {}, 60)));
  }

  const progress = content.progress;
  if (progress) {
    children.push(heading(`${progress.number} Progress summary`, 1));
    children.push(numberedParagraph(progress.intro));
    if (progress.matrix) {
      children.push(heading('Maturity matrix', 2));
      children.push(
        lead('Where each area of the partnership stands on the maturity matrix, and how that compares with the last paper.'),
      );
      children.push(matrixTable(progress.matrix));
      children.push(
        plain('● marks the current level; ○ marks the level reported in the last paper where it was different.', {
          size: 18,
          color: GREY_TEXT,
        }, 200),
      );
      if (progress.matrix.rows.some((row) => row.descriptors.some((text) => text.trim() !== ''))) {
        children.push(plain('Key: what each level looks like in each area', { bold: true, size: 18 }, 80, true));
        children.push(matrixKeyTable(progress.matrix));
        children.push(gap());
      }
    }
    if (progress.counts) {
      children.push(heading('Actions by status', 2));
      children.push(statusCountTable(progress.counts));
      children.push(gap());
      children.push(heading('Actions by matrix area', 2));
      children.push(areaCountTable(progress.counts));
      children.push(gap());
    }
    if (progress.measures) {
      children.push(heading('Measures', 2));
      if (progress.measures.length === 0) {
        children.push(plain('The plan has no measures yet.'));
      } else {
        children.push(
          lead(
            'The indicators the board tracks: the latest figure and its date, whether it meets the target, and whether it moved the right way since the figure before.',
          ),
        );
        children.push(measuresTable(progress.measures), gap());
      }
    }
    if (progress.completedSinceLast) {
      children.push(heading('Completed since the last paper', 2));
      children.push(...completedList(progress.completedSinceLast));
    }
    if (progress.overdue) {
      children.push(heading('Overdue', 2));
      if (progress.overdue.length === 0) {
        children.push(plain(`No actions were overdue on ${content.asOfText}.`));
      } else {
        children.push(lead(`Actions with a date that had passed on ${content.asOfText} and work still outstanding.`));
        children.push(dueTable(progress.overdue), gap());
      }
    }
    if (progress.dueBeforeMeeting) {
      children.push(heading('Due before the meeting', 2));
      if (progress.dueBeforeMeeting.length === 0) {
        children.push(plain(`Nothing falls due between ${content.asOfText} and the meeting on ${content.header.dateText}.`));
      } else {
        children.push(lead(`Work falling due between ${content.asOfText} and the meeting on ${content.header.dateText}.`));
        children.push(dueTable(progress.dueBeforeMeeting), gap());
      }
    }
    if (progress.unreviewed) {
      children.push(heading('Updates not yet reviewed', 2));
      children.push(
        lead(
          content.previousPaper
            ? `Actions with updates logged since the last paper (for the ${content.previousPaper.board} on ${content.previousPaper.meetingDateText}) that a manager has not yet reviewed.`
            : 'Actions with updates that a manager has not yet reviewed. This is the first paper, so every unreviewed update is counted.',
        ),
      );
      children.push(unreviewedTable(progress.unreviewed), gap());
    }
  }
  children.push(...authorBlock(content));
  return children;
}

// ---- Appendix ----
function levelCell(row: AppendixRow, width: number): TableCell {
  return cell(
    [
      new Paragraph({ children: [run(String(row.level), { bold: true, size: APPENDIX_SIZE })] }),
      ...(row.levelName ? [new Paragraph({ children: [run(row.levelName, { size: 16, color: GREY_TEXT })] })] : []),
    ],
    { width },
  );
}

function nextStepsCell(row: AppendixRow, width: number): TableCell {
  if (row.nextSteps.length === 0) {
    return cell([new Paragraph({ children: [run('None recorded', { size: APPENDIX_SIZE, color: GREY_TEXT, italics: true })] })], {
      width,
    });
  }
  const paragraphs = row.nextSteps.map((step, index) => {
    const flag: ParagraphChild[] = step.done
      ? [run('Done: ', { bold: true, size: APPENDIX_SIZE, color: '0B5A1E' })]
      : step.overdue
        ? [run('Overdue: ', { bold: true, size: APPENDIX_SIZE, color: '9C0006' })]
        : [];
    const meta = [step.leads.length ? `Lead: ${step.leads.join('; ')}` : '', step.timescaleText ? `By: ${step.timescaleText}` : '']
      .filter((part) => part)
      .join(' · ');
    const children: ParagraphChild[] = [...flag, run(step.text, { size: APPENDIX_SIZE })];
    if (meta) children.push(new TextRun({ break: 1 }), run(meta, { size: 16, color: GREY_TEXT, italics: true }));
    return new Paragraph({
      spacing: { after: index < row.nextSteps.length - 1 ? 100 : 0 },
      border:
        index < row.nextSteps.length - 1
          ? { bottom: { style: BorderStyle.DOTTED, size: 4, color: 'BFBFBF', space: 3 } }
          : undefined,
      children,
    });
  });
  return cell(paragraphs, { width });
}

function appendixRow(row: AppendixRow): TableRow {
  const w = APPENDIX_COLUMNS.map((column) => column.width);
  const size = APPENDIX_SIZE;
  return new TableRow({
    // Keep an action on one page, with its number and status beside every line, unless that would leave
    // most of a page empty; a tall row breaks and the header row repeats above its continuation.
    cantSplit: estimateRowHeight(row) <= KEEP_WHOLE_MAX_HEIGHT,
    children: [
      textCell(row.areaName, w[0]!, { size: 16, color: GREY_TEXT }),
      levelCell(row, w[1]!),
      textCell(row.number, w[2]!, { bold: true, size }),
      textCell(row.description, w[3]!, { size }),
      textCell(row.achievement, w[4]!, { size }),
      nextStepsCell(row, w[5]!),
      textCell(row.leads.join('\n'), w[6]!, { size }),
      textCell(row.timescaleText, w[7]!, { size }),
      statusLabelCell(row.status, row.statusLabel, w[8]!, size),
    ],
  });
}

// Rough line-fitting at 9 pt Arial: about 95 twips a character on average, 230 twips a line.
const CHAR_TWIPS = 95;
const LINE_TWIPS = 230;
const APPENDIX_PAGE_HEIGHT = A4.width - LANDSCAPE_MARGIN.top - LANDSCAPE_MARGIN.bottom;
/** Rows up to half a page are kept whole, so moving one to the next page wastes at most half a page. */
const KEEP_WHOLE_MAX_HEIGHT = APPENDIX_PAGE_HEIGHT * 0.5;

function linesFor(texts: readonly string[], width: number): number {
  const perLine = Math.max(1, Math.floor((width - 140) / CHAR_TWIPS));
  return texts.reduce(
    (sum, text) => sum + text.split(/\r?\n/).reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / perLine)), 0),
    0,
  );
}

function estimateRowHeight(row: AppendixRow): number {
  const w = APPENDIX_COLUMNS.map((column) => column.width);
  const stepTexts = row.nextSteps.flatMap((step) => [step.text, `Lead: ${step.leads.join('; ')} · By: ${step.timescaleText}`]);
  const lines = Math.max(
    linesFor([row.description], w[3]!),
    linesFor([row.achievement], w[4]!),
    linesFor(stepTexts, w[5]!) + row.nextSteps.length * 0.5,
    linesFor(row.leads, w[6]!),
  );
  return lines * LINE_TWIPS + 150;
}

function areaRow(group: AppendixGroup): TableRow {
  const level = group.level === null ? 'not yet assessed' : `current level ${group.level}: ${group.levelName ?? ''}`;
  return new TableRow({
    cantSplit: true,
    keepNext: true,
    children: [
      cell(
        [
          new Paragraph({
            keepNext: true,
            children: [
              run(group.areaName, { bold: true, size: 20, color: 'FFFFFF' }),
              run(`  –  ${level}  –  ${group.rows.length} ${group.rows.length === 1 ? 'action' : 'actions'}`, {
                size: APPENDIX_SIZE,
                color: 'FFFFFF',
              }),
            ],
          }),
        ],
        { width: LANDSCAPE_TEXT_WIDTH, columnSpan: APPENDIX_COLUMNS.length, fill: NAVY },
      ),
    ],
  });
}

function appendixSection(appendix: NonNullable<PaperContent['appendix']>, asOfText: string): (Paragraph | Table)[] {
  const widths = APPENDIX_COLUMNS.map((column) => column.width);
  const rows: TableRow[] = [headerRow(APPENDIX_COLUMNS.map((column) => column.title), widths, APPENDIX_SIZE)];
  for (const group of appendix.groups) {
    rows.push(areaRow(group));
    if (group.rows.length === 0) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell([new Paragraph({ children: [run('No actions in this area.', { italics: true, size: APPENDIX_SIZE, color: GREY_TEXT })] })], {
              width: LANDSCAPE_TEXT_WIDTH,
              columnSpan: APPENDIX_COLUMNS.length,
            }),
          ],
        }),
      );
    }
    for (const row of group.rows) rows.push(appendixRow(row));
  }
  return [
    heading(`${appendix.label}: ${appendix.title}`, 1),
    plain(appendix.planTitle, { bold: true }, 40),
    plain(
      `Position at ${asOfText}. Progress level is the maturity level each action works towards. The Progress column gives each action's status in words; its shading repeats the words.`,
      { size: 18, color: GREY_TEXT },
      160,
    ),
    table(rows, widths, 70),
  ];
}

function footer(content: PaperContent): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font: FONT,
            size: 16,
            color: GREY_TEXT,
            children: [clean(`${content.header.subject} – ${content.header.dateText} – Page `), PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

/** The briefing note as a Word file: portrait front pages, then the action plan as a landscape appendix. */
export async function renderBoardPaperDocx(content: PaperContent, options: BoardPaperRenderOptions = {}): Promise<Buffer> {
  const pageFooter = footer(content);
  const sections: ISectionOptions[] = [
    {
      properties: {
        page: {
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
          margin: PORTRAIT_MARGIN,
        },
      },
      footers: { default: pageFooter },
      children: frontSection(content, options.logo),
    },
  ];
  if (content.appendix) {
    sections.push({
      properties: {
        page: {
          // docx swaps width and height for a landscape page.
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
          margin: LANDSCAPE_MARGIN,
        },
      },
      footers: { default: footer(content) },
      children: appendixSection(content.appendix, content.asOfText),
    });
  }
  const document = new Document({
    creator: content.header.organisation || 'Action Plan Tracker',
    title: clean(content.header.subject),
    subject: clean(content.plan.title),
    description: clean(`Briefing note to ${content.header.to}, ${content.header.dateText}`),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE, color: '000000' },
          // Body paragraphs set their own space after; table cells then stay tight.
          paragraph: { spacing: { after: 0, line: 264 } },
        },
        heading1: {
          run: { font: FONT, size: 26, bold: true, color: NAVY },
          paragraph: { spacing: { before: 300, after: 120 }, keepNext: true, keepLines: true },
        },
        heading2: {
          run: { font: FONT, size: BODY_SIZE, bold: true, color: NAVY },
          paragraph: { spacing: { before: 200, after: 100 }, keepNext: true, keepLines: true },
        },
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
}
