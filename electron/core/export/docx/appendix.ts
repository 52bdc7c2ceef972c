import { BorderStyle, Paragraph, TextRun } from 'docx';
import type { ParagraphChild, Table, TableRow } from 'docx';
import type { AppendixGroup, AppendixRow, PaperContent } from '../../../../shared/domain/boardPaperContent';
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
  plain,
  run,
  shadedLabelBody,
  statusShade,
  textBody,
} from './primitives';
import type { Column } from './table';
import { bodyRow, columnTable, spanningRow } from './table';

const SIZE = SMALL_SIZE;

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

function nextStepsBody(row: AppendixRow): CellBody {
  if (row.nextSteps.length === 0) {
    return {
      children: [new Paragraph({ children: [run('None recorded', { size: SIZE, color: GREY_TEXT, italics: true })] })],
    };
  }
  const paragraphs = row.nextSteps.map((step, index) => {
    const flag: ParagraphChild[] = step.done
      ? [run('Done: ', { bold: true, size: SIZE, color: '0B5A1E' })]
      : step.overdue
        ? [run('Overdue: ', { bold: true, size: SIZE, color: '9C0006' })]
        : [];
    const meta = [
      step.leads.length ? `Lead: ${step.leads.join('; ')}` : '',
      step.timescaleText ? `By: ${step.timescaleText}` : '',
    ]
      .filter((part) => part)
      .join(' · ');
    const children: ParagraphChild[] = [...flag, run(step.text, { size: SIZE })];
    if (meta) children.push(new TextRun({ break: 1 }), run(meta, { size: NOTE_SIZE, color: GREY_TEXT, italics: true }));
    const last = index === row.nextSteps.length - 1;
    return new Paragraph({
      spacing: { after: last ? 0 : 100 },
      border: last ? undefined : { bottom: { style: BorderStyle.DOTTED, size: 4, color: 'BFBFBF', space: 3 } },
      children,
    });
  });
  return { children: paragraphs };
}

/**
 * Widths sized so each header word, a long area word ("Communication" at 8 pt), a long lead name
 * ("Communications") and a long timescale word ("implementation") fit on a line; they add up to the
 * landscape text width (A4 height less both margins).
 */
const DESCRIPTION = {
  title: 'Description',
  width: 2510,
  cell: (row: AppendixRow) => textBody(row.description, { size: SIZE }),
};
const ACHIEVEMENT = {
  title: 'Achievement to date',
  width: 2510,
  cell: (row: AppendixRow) => textBody(row.achievement, { size: SIZE }),
};
const NEXT_STEPS = { title: 'Next steps – Action', width: 3036, cell: nextStepsBody };
const LEAD = { title: 'Lead', width: 1550, cell: (row: AppendixRow) => textBody(row.leads.join('\n'), { size: SIZE }) };
const APPENDIX_COLUMNS: Column<AppendixRow>[] = [
  { title: 'Matrix area', width: 1330, cell: (row) => textBody(row.areaName, { size: NOTE_SIZE, color: GREY_TEXT }) },
  { title: 'Progress level', width: 950, cell: levelBody },
  { title: 'Action No.', width: 750, cell: (row) => textBody(row.number, { bold: true, size: SIZE }) },
  DESCRIPTION,
  ACHIEVEMENT,
  NEXT_STEPS,
  LEAD,
  { title: 'Timescale', width: 1400, cell: (row) => textBody(row.timescaleText, { size: SIZE }) },
  { title: 'Progress', width: 1100, cell: (row) => shadedLabelBody(row.statusLabel, statusShade(row.status), SIZE) },
];

// Rough line-fitting at 9 pt Arial: about 95 twips a character on average, 230 twips a line.
const CHAR_TWIPS = 95;
const LINE_TWIPS = 230;
const APPENDIX_PAGE_HEIGHT = A4.width - LANDSCAPE_MARGIN.top - LANDSCAPE_MARGIN.bottom;
/** Rows up to half a page are kept whole, so moving one to the next page wastes at most half a page. */
const KEEP_WHOLE_MAX_HEIGHT = APPENDIX_PAGE_HEIGHT * 0.5;

function linesFor(texts: readonly string[], width: number): number {
  const perLine = Math.max(1, Math.floor((width - 140) / CHAR_TWIPS));
  return texts.reduce(
    (sum, text) =>
      sum + text.split(/\r?\n/).reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / perLine)), 0),
    0,
  );
}

function estimateRowHeight(row: AppendixRow): number {
  const stepTexts = row.nextSteps.flatMap((step) => [
    step.text,
    `Lead: ${step.leads.join('; ')} · By: ${step.timescaleText}`,
  ]);
  const lines = Math.max(
    linesFor([row.description], DESCRIPTION.width),
    linesFor([row.achievement], ACHIEVEMENT.width),
    linesFor(stepTexts, NEXT_STEPS.width) + row.nextSteps.length * 0.5,
    linesFor(row.leads, LEAD.width),
  );
  return lines * LINE_TWIPS + 150;
}

function areaRow(group: AppendixGroup): TableRow {
  const level = group.level === null ? 'not yet assessed' : `current level ${group.level}: ${group.levelName ?? ''}`;
  const count = `${group.rows.length} ${group.rows.length === 1 ? 'action' : 'actions'}`;
  return spanningRow(
    APPENDIX_COLUMNS,
    {
      children: [
        new Paragraph({
          keepNext: true,
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

function groupRows(group: AppendixGroup): TableRow[] {
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
  // Keep an action on one page, with its number and status beside every line, unless that would leave
  // most of a page empty; a tall row breaks and the header row repeats above its continuation.
  rows.push(
    ...group.rows.map((row, index) =>
      bodyRow(APPENDIX_COLUMNS, row, index, { cantSplit: estimateRowHeight(row) <= KEEP_WHOLE_MAX_HEIGHT }),
    ),
  );
  return rows;
}

/** The landscape appendix: the whole action plan, grouped by matrix area. */
export function appendixSection(
  appendix: NonNullable<PaperContent['appendix']>,
  asOfText: string,
): (Paragraph | Table)[] {
  return [
    heading(`${appendix.label}: ${appendix.title}`, 1),
    plain(appendix.planTitle, { bold: true }, 40),
    plain(
      `Position at ${asOfText}. Progress level is the maturity level each action works towards. The Progress column gives each action's status in words; its shading repeats the words.`,
      { size: SMALL_SIZE, color: GREY_TEXT },
      160,
    ),
    columnTable(APPENDIX_COLUMNS, appendix.groups.flatMap(groupRows), { headerSize: SIZE, sideMargin: 70 }),
  ];
}
