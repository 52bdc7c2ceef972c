import { AlignmentType, Paragraph, VerticalAlignTable } from 'docx';
import type { Table } from 'docx';
import type { ActionStatus } from '../../../../shared/model/action';
import type {
  DueAction,
  MatrixSummary,
  MeasureFigure,
  MeasureRow,
  PaperCounts,
  UnreviewedAction,
} from '../../../../shared/domain/boardPaperContent';
import type { CellBody } from './primitives';
import {
  GREY_TEXT,
  NAVY,
  NOTE_SIZE,
  PORTRAIT_TEXT_WIDTH,
  SMALL_SIZE,
  TABLE_SIZE,
  run,
  shadedBody,
  statusShade,
  textBody,
} from './primitives';
import type { Column } from './table';
import { keepAllTogether, keepLastTwoTogether, keepRowWithNext, listTable } from './table';

const centred = { verticalAlign: VerticalAlignTable.CENTER };
const leadsText = (leads: readonly string[]) => leads.join('\n') || '–';

type MatrixRow = MatrixSummary['rows'][number];

function levelMark(row: MatrixRow, level: number): CellBody {
  const isCurrent = row.level === level;
  const wasPrevious = row.previousLevel === level && !isCurrent;
  const text = isCurrent ? `● Level ${level}` : wasPrevious ? '○ Last paper' : '';
  return {
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: text
          ? [
              run(
                text,
                isCurrent ? { bold: true, size: TABLE_SIZE, color: NAVY } : { size: SMALL_SIZE, color: GREY_TEXT },
              ),
            ]
          : [],
      }),
    ],
    fill: isCurrent ? 'BDD7EE' : undefined,
    ...centred,
  };
}

export function matrixTable(matrix: MatrixSummary): Table {
  const columns: Column<MatrixRow>[] = [
    {
      title: 'Matrix area',
      width: 2600,
      cell: (row) => textBody(row.areaName, { bold: true, size: TABLE_SIZE }, centred),
    },
    ...matrix.levels.map((level): Column<MatrixRow> => ({
      title: { text: `Level ${level.level}`, note: level.name, centred: true },
      width: 1200,
      cell: (row) => levelMark(row, level.level),
    })),
    {
      title: 'Since last paper',
      width: 2238,
      cell: (row) =>
        textBody(
          row.movementText,
          { size: TABLE_SIZE, bold: row.movement === 'up' || row.movement === 'down' },
          centred,
        ),
    },
  ];
  // Kept whole, the matrix leaves most of page 1 empty when it does not fit under the recommendations:
  // it may break, under its repeated header row, as long as the last area does not stand alone.
  return listTable(columns, matrix.rows, { headerSize: TABLE_SIZE, keepNext: keepLastTwoTogether });
}

/** The key to the matrix: what each level looks like for each area, as the board wrote it. */
export function matrixKeyTable(matrix: MatrixSummary): Table {
  const columns: Column<MatrixRow>[] = [
    { title: 'Matrix area', width: 1838, cell: (row) => textBody(row.areaName, { bold: true, size: SMALL_SIZE }) },
    ...matrix.levels.map((level): Column<MatrixRow> => ({
      title: `${level.level} ${level.name}`,
      width: 1950,
      cell: (row) => textBody(row.descriptors[level.level - 1] ?? '', { size: SMALL_SIZE }),
    })),
  ];
  const described = matrix.rows.filter((row) => row.descriptors.some((text) => text.trim() !== ''));
  return listTable(columns, described, { headerSize: SMALL_SIZE });
}

interface CountLine {
  label: string;
  status: ActionStatus | null;
  count: number;
}

export function statusCountTable(counts: PaperCounts): Table {
  const total = counts.total;
  const style = (line: CountLine) => (line.status ? { size: TABLE_SIZE } : { bold: true, size: TABLE_SIZE });
  const columns: Column<CountLine>[] = [
    {
      title: 'Status',
      width: 3000,
      cell: (line) =>
        line.status
          ? shadedBody(line.label, statusShade(line.status), TABLE_SIZE)
          : textBody(line.label, { bold: true, size: TABLE_SIZE }),
    },
    { title: 'Actions', width: 1300, cell: (line) => textBody(String(line.count), style(line)) },
    {
      title: 'Share',
      width: 1300,
      cell: (line) => textBody(total ? `${Math.round((line.count / total) * 100)}%` : '–', style(line)),
    },
  ];
  const lines: CountLine[] = [...counts.byStatus, { label: 'Total', status: null, count: total }];
  return listTable(columns, lines, { headerSize: TABLE_SIZE, keepNext: keepAllTogether });
}

interface AreaCountLine {
  name: string;
  counts: number[];
  total: number;
  isTotal: boolean;
}

export function areaCountTable(counts: PaperCounts): Table {
  const statusWidth = 1100;
  const totalWidth = 1000;
  const statuses = counts.byArea[0]?.byStatus ?? counts.byStatus;
  const style = (line: AreaCountLine) => (line.isTotal ? { bold: true, size: TABLE_SIZE } : { size: TABLE_SIZE });
  const columns: Column<AreaCountLine>[] = [
    {
      title: 'Matrix area',
      width: PORTRAIT_TEXT_WIDTH - statusWidth * statuses.length - totalWidth,
      cell: (line) => textBody(line.name, style(line)),
    },
    ...statuses.map((item, index): Column<AreaCountLine> => ({
      title: { text: item.label, shade: statusShade(item.status) },
      width: statusWidth,
      cell: (line) => textBody(line.counts[index] || line.isTotal ? String(line.counts[index] ?? 0) : '–', style(line)),
    })),
    {
      title: 'Total',
      width: totalWidth,
      cell: (line) => textBody(String(line.total), { bold: true, size: TABLE_SIZE }),
    },
  ];
  const lines: AreaCountLine[] = [
    ...counts.byArea.map((area) => ({
      name: area.areaName,
      counts: area.byStatus.map((item) => item.count),
      total: area.total,
      isTotal: false,
    })),
    { name: 'All areas', counts: counts.byStatus.map((item) => item.count), total: counts.total, isTotal: true },
  ];
  return listTable(columns, lines, { headerSize: TABLE_SIZE, keepNext: keepAllTogether });
}

const DUE_COLUMNS: Column<DueAction>[] = [
  { title: 'No.', width: 650, cell: (item) => textBody(item.number, { bold: true, size: TABLE_SIZE }) },
  { title: 'Action', width: 2900, cell: (item) => textBody(item.description, { size: TABLE_SIZE }) },
  { title: 'What is due', width: 2500, cell: (item) => textBody(item.dueItem, { size: TABLE_SIZE }) },
  { title: 'Lead', width: 1950, cell: (item) => textBody(leadsText(item.leads), { size: TABLE_SIZE }) },
  { title: 'Due', width: 1638, cell: (item) => textBody(item.dueText, { size: TABLE_SIZE }) },
];

export function dueTable(items: DueAction[]): Table {
  return listTable(DUE_COLUMNS, items, { headerSize: TABLE_SIZE });
}

/** A figure with its date under it, smaller and grey, so a narrow column does not break the date. */
function figureBody(figure: MeasureFigure | null, missing: string): CellBody {
  if (!figure) return textBody(missing, { size: TABLE_SIZE, color: GREY_TEXT, italics: true });
  return {
    children: [
      new Paragraph({ children: [run(figure.valueText, { bold: true, size: TABLE_SIZE })] }),
      new Paragraph({ children: [run(figure.dateText, { size: NOTE_SIZE, color: GREY_TEXT })] }),
    ],
  };
}

/** Met and not met are words first; the shading only repeats them, as with the status labels. */
const MET_SHADE = { met: statusShade('on_track'), notMet: statusShade('off_track') } as const;

const MEASURE_COLUMNS: Column<MeasureRow>[] = [
  { title: 'Measure', width: 2650, cell: (row) => textBody(row.name, { bold: true, size: TABLE_SIZE }) },
  { title: 'Latest value', width: 1250, cell: (row) => figureBody(row.latest, 'No figures yet') },
  {
    title: 'Target',
    width: 1450,
    cell: (row) =>
      textBody(row.targetText, { size: TABLE_SIZE, color: row.targetText === 'None set' ? GREY_TEXT : undefined }),
  },
  {
    title: 'Against target',
    width: 1250,
    cell: (row) =>
      row.met === null
        ? textBody(row.metText, { size: TABLE_SIZE, color: GREY_TEXT })
        : shadedBody(row.metText, row.met ? MET_SHADE.met : MET_SHADE.notMet, TABLE_SIZE),
  },
  {
    title: 'Trend',
    width: 1450,
    cell: (row) =>
      textBody(row.trendText, {
        size: TABLE_SIZE,
        bold: row.trend === 'improving' || row.trend === 'worsening',
        color: row.trend === 'no_data' ? GREY_TEXT : undefined,
      }),
  },
  { title: 'Baseline', width: 1588, cell: (row) => figureBody(row.baseline, 'None set') },
];

export function measuresTable(rows: MeasureRow[]): Table {
  return listTable(MEASURE_COLUMNS, rows, { headerSize: TABLE_SIZE, keepNext: keepRowWithNext });
}

const UNREVIEWED_COLUMNS: Column<UnreviewedAction>[] = [
  { title: 'No.', width: 650, cell: (item) => textBody(item.number, { bold: true, size: TABLE_SIZE }) },
  { title: 'Action', width: 5300, cell: (item) => textBody(item.description, { size: TABLE_SIZE }) },
  { title: 'Lead', width: 2138, cell: (item) => textBody(leadsText(item.leads), { size: TABLE_SIZE }) },
  {
    title: 'Updates not reviewed',
    width: 1550,
    cell: (item) => textBody(String(item.count), { bold: true, size: TABLE_SIZE }),
  },
];

export function unreviewedTable(items: UnreviewedAction[]): Table {
  return listTable(UNREVIEWED_COLUMNS, items, { headerSize: TABLE_SIZE, keepNext: keepRowWithNext });
}
