import { AlignmentType, HeightRule, Paragraph, TableCell, TableRow } from 'docx';
import type { ParagraphChild, Table } from 'docx';
import type {
  AppendixGroup,
  AppendixRow,
  AppendixStep,
  MatrixSummary,
  PaperContent,
} from '../../../../shared/domain/boardPaperContent';
import type { CellBody } from './primitives';
import {
  A4,
  GREY_TEXT,
  LANDSCAPE_MARGIN,
  NAVY,
  NOTE_SIZE,
  SMALL_SIZE,
  TABLE_SIZE,
  heading,
  lead,
  plain,
  run,
  shadedLabelBody,
  statusShade,
  tableCell,
  textBody,
  textParagraphs,
} from './primitives';
import type { Column } from './table';
import { columnTable, keepAllTogether, keepLastTwoTogether, listTable, spanningRow } from './table';

const SIZE = SMALL_SIZE;

/**
 * One printed line of the plan: an action with one of its next steps, as the printed plan gives each step
 * its own Lead and Timescale. The action's own cells are filled on its first line only.
 */
interface StepLine {
  row: AppendixRow;
  step: AppendixStep | null;
  /** Which of the action's lines this is, from 0. */
  index: number;
  count: number;
}

const isFirst = (line: StepLine) => line.index === 0;
const isLast = (line: StepLine) => line.index === line.count - 1;

/**
 * The action's own cells, on its first line, run down beside all its step lines as one merged cell, as the
 * printed plan sets them out; the later lines have no cell of their own in that column.
 */
function actionCell(line: StepLine, body: () => CellBody): CellBody {
  return { ...body(), rowSpan: line.count };
}

/** A step's own cells: a dotted rule between the steps of one action. */
function stepCell(line: StepLine, body: CellBody): CellBody {
  return {
    ...body,
    ...(!isFirst(line) && { top: 'dotted' }),
    ...(!isLast(line) && { bottom: 'dotted' }),
  };
}

function levelBody(row: AppendixRow): CellBody {
  return {
    children: [
      new Paragraph({ children: [run(String(row.level), { bold: true, size: SIZE })] }),
      ...(row.levelName
        ? [new Paragraph({ children: [run(row.levelName, { size: NOTE_SIZE, color: GREY_TEXT })] })]
        : []),
    ],
  };
}

/**
 * The action's number on every line: Word cannot print "(continued)" at the top of a page by itself, so
 * each later line carries it in small grey type, and a page that starts part-way through an action still
 * says which action it is.
 */
function numberBody(line: StepLine): CellBody {
  const body = isFirst(line)
    ? textBody(line.row.number, { bold: true, size: SIZE })
    : {
        children: [
          new Paragraph({ children: [run(line.row.number, { size: NOTE_SIZE, color: GREY_TEXT })] }),
          new Paragraph({ children: [run('(cont.)', { size: NOTE_SIZE, color: GREY_TEXT })] }),
        ],
      };
  return stepCell(line, body);
}

/** The action's lead and timescale as a whole, where its step lines do not already show them. */
function wholeActionNote(row: AppendixRow): string {
  if (row.nextSteps.length === 0) return '';
  const stepLeads = new Set(row.nextSteps.flatMap((step) => step.leads));
  const leads = row.leads.filter((name) => !stepLeads.has(name));
  const timescaleShown = row.nextSteps.some((step) => step.timescaleText === row.timescaleText);
  return [
    leads.length ? `Action lead: ${leads.join('; ')}` : '',
    row.timescaleText && !timescaleShown ? `Whole action by: ${row.timescaleText}` : '',
  ]
    .filter((part) => part)
    .join('. ');
}

function descriptionBody(row: AppendixRow): CellBody {
  const note = wholeActionNote(row);
  const body = textBody(row.description, { size: SIZE });
  if (note) body.children.push(new Paragraph({ children: [run(note, { size: NOTE_SIZE, color: GREY_TEXT })] }));
  return body;
}

function stepBody(line: StepLine): CellBody {
  const { step } = line;
  if (!step) return textBody('None recorded', { size: SIZE, color: GREY_TEXT, italics: true });
  const flag: ParagraphChild[] = step.done
    ? [run('Done: ', { bold: true, size: SIZE, color: '0B5A1E' })]
    : step.overdue
      ? [run('Overdue: ', { bold: true, size: SIZE, color: '9C0006' })]
      : [];
  const lines = step.text
    .split(/\r?\n/)
    .map((text) => text.trim())
    .filter((text) => text.length > 0);
  return {
    children: (lines.length ? lines : ['']).map(
      (text, index) =>
        new Paragraph({
          spacing: { after: 40 },
          children: [...(index === 0 ? flag : []), run(text, { size: SIZE })],
        }),
    ),
  };
}

/** A step's leads, or the action's for a step that names none (and for an action without steps). */
const leadsOf = (line: StepLine) =>
  line.step && line.step.leads.length > 0 ? line.step.leads : isFirst(line) ? line.row.leads : [];
const timescaleOf = (line: StepLine) =>
  line.step ? line.step.timescaleText : isFirst(line) ? line.row.timescaleText : '';

/** A labelled note under the status: the label on its own line, then the lead's words. */
const noteParagraphs = (label: string, text: string): Paragraph[] =>
  text.trim()
    ? [
        new Paragraph({ spacing: { before: 80 }, children: [run(label, { bold: true, size: NOTE_SIZE })] }),
        ...textParagraphs(text, { size: NOTE_SIZE }, 40),
      ]
    : [];

/**
 * The status in words on its shade, then the lead's commentary on risks and issues and their comment for the
 * board, as the plan's last column.
 */
function progressBody(row: AppendixRow): CellBody {
  const status = shadedLabelBody(row.statusLabel, statusShade(row.status), SIZE);
  const notes = [
    ...noteParagraphs('Risks and issues:', row.risks),
    ...noteParagraphs('Comment for the board:', row.boardComment),
  ];
  return notes.length === 0 ? status : { children: [...status.children, ...notes] };
}

/** A column of the plan; an action's own column has one cell per action, merged down its step lines. */
interface AppendixColumn extends Column<StepLine> {
  perAction: boolean;
}

/**
 * Widths sized so each header word, a long area word ("Communication" at 8 pt), a long lead name
 * ("Communications") and a long timescale word ("implementation") fit on a line; they add up to the
 * landscape text width (A4 height less both margins).
 */
const DESCRIPTION_WIDTH = 2300;
const ACHIEVEMENT_WIDTH = 2300;
const STEP_WIDTH = 2900;
const LEAD_WIDTH = 1500;
const TIMESCALE_WIDTH = 1200;
const PROGRESS_WIDTH = 1836;
const APPENDIX_COLUMNS: AppendixColumn[] = [
  {
    title: 'Matrix area',
    width: 1250,
    perAction: true,
    cell: (line) => actionCell(line, () => textBody(line.row.areaName, { size: NOTE_SIZE, color: GREY_TEXT })),
  },
  {
    title: 'Progress level',
    width: 1050,
    perAction: true,
    cell: (line) => actionCell(line, () => levelBody(line.row)),
  },
  { title: 'Action No.', width: 800, perAction: false, cell: numberBody },
  {
    title: 'Description',
    width: DESCRIPTION_WIDTH,
    perAction: true,
    cell: (line) => actionCell(line, () => descriptionBody(line.row)),
  },
  {
    title: 'Achievement to date',
    width: ACHIEVEMENT_WIDTH,
    perAction: true,
    cell: (line) => actionCell(line, () => textBody(line.row.achievement, { size: SIZE })),
  },
  { title: 'Next steps – Action', width: STEP_WIDTH, perAction: false, cell: (line) => stepCell(line, stepBody(line)) },
  {
    title: 'Lead',
    width: LEAD_WIDTH,
    perAction: false,
    cell: (line) => stepCell(line, textBody(leadsOf(line).join('\n'), { size: SIZE })),
  },
  {
    title: 'Timescale',
    width: TIMESCALE_WIDTH,
    perAction: false,
    cell: (line) => stepCell(line, textBody(timescaleOf(line), { size: SIZE })),
  },
  {
    title: 'Progress',
    width: PROGRESS_WIDTH,
    perAction: true,
    cell: (line) => actionCell(line, () => progressBody(line.row)),
  },
];

// Rough line-fitting at 9 pt Arial: about 95 twips a character on average, 230 twips a line.
const CHAR_TWIPS = 95;
const LINE_TWIPS = 230;
const APPENDIX_PAGE_HEIGHT = A4.width - LANDSCAPE_MARGIN.top - LANDSCAPE_MARGIN.bottom;
/** Lines and actions up to half a page are kept whole, so moving one on wastes at most half a page. */
const KEEP_WHOLE_MAX_HEIGHT = APPENDIX_PAGE_HEIGHT * 0.5;

function linesFor(texts: readonly string[], width: number): number {
  const perLine = Math.max(1, Math.floor((width - 140) / CHAR_TWIPS));
  return texts.reduce(
    (sum, text) =>
      sum + text.split(/\r?\n/).reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / perLine)), 0),
    0,
  );
}

/** A note printed only when written: its label's line and its own. */
const noteLines = (text: string, width: number) => (text.trim() ? 1 + linesFor([text], width) : 0);

const heightOf = (lines: number) => lines * LINE_TWIPS + 150;

/** A step line's own height: its step, leads and timescale. */
function estimateLineHeight(line: StepLine): number {
  return heightOf(
    Math.max(
      linesFor([line.step?.text ?? ''], STEP_WIDTH),
      linesFor(leadsOf(line), LEAD_WIDTH),
      linesFor([timescaleOf(line)], TIMESCALE_WIDTH),
    ),
  );
}

/** An action's height: its step lines, or its merged cells where they run longer. */
function estimateActionHeight(row: AppendixRow, lineHeights: readonly number[]): number {
  const merged = heightOf(
    Math.max(
      linesFor([row.description, wholeActionNote(row)], DESCRIPTION_WIDTH),
      linesFor([row.achievement], ACHIEVEMENT_WIDTH),
      linesFor([row.statusLabel, row.risks], PROGRESS_WIDTH) + 1 + noteLines(row.boardComment, PROGRESS_WIDTH),
    ),
  );
  return Math.max(
    merged,
    lineHeights.reduce((sum, height) => sum + height, 0),
  );
}

function stepLines(row: AppendixRow): StepLine[] {
  const steps = row.nextSteps.length > 0 ? row.nextSteps : [null];
  return steps.map((step, index) => ({ row, step, index, count: steps.length }));
}

function areaRow(group: AppendixGroup): TableRow {
  const level = group.level === null ? 'not yet assessed' : `current level ${group.level}: ${group.levelName ?? ''}`;
  const count = `${group.rows.length} ${group.rows.length === 1 ? 'action' : 'actions'}`;
  return spanningRow(
    APPENDIX_COLUMNS,
    {
      children: [
        new Paragraph({
          children: [
            run(group.areaName, { bold: true, size: TABLE_SIZE, color: 'FFFFFF' }),
            run(`  –  ${level}  –  ${count}`, { size: SIZE, color: 'FFFFFF' }),
          ],
        }),
      ],
      fill: NAVY,
    },
    { keepNext: true },
  );
}

/**
 * An action's lines. An action up to half a page is kept on one page; a taller one may break between its
 * lines, and a line taller than half a page may itself break, under the header row repeated on the next page.
 */
function actionRows(row: AppendixRow): TableRow[] {
  const lines = stepLines(row);
  const heights = lines.map(estimateLineHeight);
  const keepWhole = estimateActionHeight(row, heights) <= KEEP_WHOLE_MAX_HEIGHT;
  return lines.map(
    (line, index) =>
      new TableRow({
        // The merged cells' overflow falls to the action's last line, so a tall action's last line may break.
        cantSplit: (heights[index] ?? 0) <= KEEP_WHOLE_MAX_HEIGHT && (keepWhole || !isLast(line)),
        keepNext: (keepWhole && !isLast(line)) || undefined,
        children: APPENDIX_COLUMNS.filter((column) => isFirst(line) || !column.perAction).map((column) =>
          tableCell(column.cell(line, index), column.width),
        ),
      }),
  );
}

/** An area's title row, and a note when it has no actions: the rows before its actions' own. */
function groupHead(group: AppendixGroup): TableRow[] {
  const rows = [areaRow(group)];
  if (group.rows.length === 0) {
    rows.push(
      spanningRow(APPENDIX_COLUMNS, {
        children: [
          new Paragraph({
            children: [run('No actions in this area.', { italics: true, size: SIZE, color: GREY_TEXT })],
          }),
        ],
      }),
    );
  }
  return rows;
}

/**
 * How many actions are laid out at a time. docx keeps every paragraph, run and property of a table as objects, and turns
 * them into XML as a second tree before writing it out: a whole plan's rows at once took over a gigabyte
 * at 5,000 actions. A batch's rows are written out as XML and dropped before the next is made.
 */
const ACTIONS_PER_BATCH = 200;

/** The appendix table's body rows in batches, in order, each batch whole actions (merged cells never span two). */
export function* appendixRowBatches(appendix: NonNullable<PaperContent['appendix']>): Generator<TableRow[]> {
  let batch: TableRow[] = [];
  let actions = 0;
  for (const group of appendix.groups) {
    batch.push(...groupHead(group));
    for (const row of group.rows) {
      batch.push(...actionRows(row));
      actions += 1;
      if (actions === ACTIONS_PER_BATCH) {
        yield batch;
        batch = [];
        actions = 0;
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** The appendix table around the given body rows, under its header row. */
export function appendixTable(body: readonly TableRow[]): Table {
  return columnTable(APPENDIX_COLUMNS, body, { headerSize: SIZE, sideMargin: 70 });
}

/**
 * The row standing in the appendix table for its body rows until `withAppendixRows` writes them in batches:
 * found by its exact height, which no other row of the paper has and no text can make (text is escaped).
 */
const STAND_IN_ROW_HEIGHT = { value: 1, rule: HeightRule.EXACT };
export const APPENDIX_ROWS_MARKER = `<w:trHeight w:val="${STAND_IN_ROW_HEIGHT.value}" w:hRule="exact"/>`;

type Level = MatrixSummary['levels'][number];
type MatrixRow = MatrixSummary['rows'][number];

/** The four levels in words, as the printed plan gives them before its grid. */
function levelKeyTable(matrix: MatrixSummary): Table {
  const columns: Column<Level>[] = [
    { title: 'Level of progress', width: 3200, cell: (level) => textBody(level.name, { size: SIZE }) },
    { title: 'Level', width: 900, cell: (level) => textBody(String(level.level), { bold: true, size: SIZE }) },
  ];
  return listTable(columns, matrix.levels, { headerSize: SIZE, keepNext: keepAllTogether });
}

/** One area at one level: what that level looks like there, the area's current level marked in words and shade. */
function gridCell(row: MatrixRow, level: Level): CellBody {
  const current = row.level === level.level;
  const descriptor = row.descriptors[level.level - 1]?.trim() ?? '';
  return {
    children: [
      ...(current
        ? [
            new Paragraph({
              spacing: { after: 40 },
              children: [run(`● Current level ${level.level}`, { bold: true, size: SIZE, color: NAVY })],
            }),
          ]
        : []),
      ...(descriptor ? textParagraphs(descriptor, { size: NOTE_SIZE }, 20) : current ? [] : [new Paragraph({})]),
    ],
    fill: current ? 'BDD7EE' : undefined,
  };
}

/** The areas against the levels, as the printed plan ends: a column per level, the current one marked. */
function matrixGridTable(matrix: MatrixSummary): Table {
  const areaWidth = 2336;
  const levelWidth = Math.floor((A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right - areaWidth) / 4);
  const columns: Column<MatrixRow>[] = [
    { title: 'Matrix area', width: areaWidth, cell: (row) => textBody(row.areaName, { bold: true, size: SIZE }) },
    ...matrix.levels.map((level): Column<MatrixRow> => ({
      title: { text: `${level.level} ${level.name}`, centred: true },
      width: levelWidth,
      cell: (row) => gridCell(row, level),
    })),
  ];
  return listTable(columns, matrix.rows, { headerSize: SIZE, keepNext: keepLastTwoTogether });
}

function matrixKey(matrix: MatrixSummary): (Paragraph | Table)[] {
  return [
    heading('Key to the maturity matrix', 2),
    lead(`The ${matrix.levels.length} levels of progress against the matrix are:`),
    levelKeyTable(matrix),
    new Paragraph({ spacing: { after: 200 }, children: [] }),
    lead('Where each area stands: what each level looks like in that area, the current level marked ●.'),
    matrixGridTable(matrix),
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: { before: 60 },
      children: [run('The shaded cell in each row is the current level.', { size: NOTE_SIZE, color: GREY_TEXT })],
    }),
  ];
}

/** The landscape appendix: the whole action plan, grouped by matrix area, then the matrix key and grid. */
export function appendixSection(
  appendix: NonNullable<PaperContent['appendix']>,
  asOfText: string,
): (Paragraph | Table)[] {
  return [
    heading(`${appendix.label}: ${appendix.title}`, 1),
    plain(appendix.planTitle, { bold: true }, 40),
    plain(
      `Position at ${asOfText}. Progress level is the maturity level each action works towards. Each next step has its own line, lead and timescale. The Progress column gives each action's status in words, its shading repeating the words, the lead's commentary on risks and issues and their comment for the board.`,
      { size: SMALL_SIZE, color: GREY_TEXT },
      160,
    ),
    appendixTable([new TableRow({ height: STAND_IN_ROW_HEIGHT, children: [new TableCell({ children: [] })] })]),
    ...matrixKey(appendix.matrix),
  ];
}
