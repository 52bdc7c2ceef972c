/**
 * The plan as an Excel workbook a lead can read, filter, print and edit, and that the app can read back
 * (electron/core/import/readPlanWorkbook.ts + shared/domain/workbook/).
 *
 * Sheets: "Action plan" (the printed plan's columns plus Due date, Status, Overdue), "Next steps" (one row
 * per step: where steps are edited and added), "Maturity matrix" (current level per area), "Matrix
 * history" (every assessment by date), "By lead", "Overdue", and "_ids" (very hidden: plan id, versions,
 * export time, and the stable id and fingerprints behind every "Action plan" and "Next steps" row).
 *
 * Protection (no password: a guard rail against slips, not security):
 * - "Action plan" is protected with its editable columns (Achievement to date, Timescale, Status) left
 *   unlocked; filtering and resizing still work. Read-only cells cannot be typed over by accident.
 * - "Next steps" is not protected, so a lead can add rows anywhere; the importer checks its keys.
 * - The report sheets and "_ids" are protected; "_ids" is 'veryHidden' so Excel's Unhide does not list it.
 *
 * Formula injection: every text goes through `text()` and is written as a plain string (never as
 * {formula}), in columns formatted as Text ("@") so that re-editing a cell in Excel keeps "=..." as text.
 */
import type {
  Alignment,
  Borders,
  CellValue,
  DataValidation,
  Fill,
  Font,
  Row,
  Style,
  Workbook,
  Worksheet,
} from 'exceljs';
import type { Action } from '../../../shared/model/action';
import type { Assessment } from '../../../shared/model/matrix';
import { ACTION_STATUSES, STATUS_LABELS } from '../../../shared/model/action';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { compareActionNumbers } from '../../../shared/domain/actionOrder';
import {
  currentLevels,
  isOverdue,
  isStepOverdue,
  nextDueDate,
  ownTimescaleState,
} from '../../../shared/domain/derived';
import { groupByArea } from '../../../shared/domain/filters';
import { STATUS_COLOURS } from '../../../shared/domain/statusColours';
import {
  DONE_LABELS,
  IDS_TABLE_HEADER,
  PLAN_COLUMNS,
  SHEET,
  SHEET_FONT,
  STATUS_LABEL_LIST,
  STEP_COLUMNS,
  WORKBOOK_FORMAT_VERSION,
  actionRowTexts,
  cellSafeText,
  columnLetter,
  dateCellText,
  rowFingerprints,
  stepRowTexts,
} from '../../../shared/domain/workbook';
import type { SheetColumn } from '../../../shared/domain/workbook';
import ExcelJS, { DATE_FORMAT, excelDate, fitRowHeight, setUpPrinting, workbookBytes } from './planWorkbookExcel';
import type { PrintColumn } from './planWorkbookExcel';
import { whoAssessed } from '../../../shared/domain/recordedBy';

export interface PlanWorkbookOptions {
  /** Export time written to "_ids" and the workbook properties; defaults to now. */
  now?: Date;
  /** Only part of the plan, for one lead (a data call): see WorkbookPart. */
  part?: WorkbookPart;
}

/**
 * One lead's workbook (electron/core/dataCall/leadWorkbook.ts): the same "Action plan" and "Next steps"
 * sheets and "_ids", so it merges back through the same diff, holding only `actions`, with the plan sheet
 * under another name, sheets of its own before and after them, and no report sheets.
 */
export interface WorkbookPart {
  actions: readonly Action[];
  planSheetName: string;
  addFirst: (wb: Workbook, page: PageContext) => Promise<void>;
  addLast: (wb: Workbook, page: PageContext) => Promise<void>;
  /** More key/value rows for "_ids", such as which data call and lead the workbook was made for. */
  meta: readonly (readonly [string, string])[];
}

/** Blank rows below the last step that keep the "Done" drop-down, for steps a lead adds. */
const SPARE_STEP_ROWS = 500;

const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT: Partial<Font> = { ...SHEET_FONT, bold: true, color: { argb: 'FFFFFFFF' } };
const BODY_FONT: Partial<Font> = { ...SHEET_FONT };
const EDITABLE_HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2E7D32' } };
const THIN_BORDER: Partial<Borders> = { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } };
/** A line under every row, so a printed row's wrapped text is not read as part of the next one. */
const ROW_BORDER: Partial<Borders> = { bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
const TOP_WRAP: Partial<Alignment> = { vertical: 'top', wrapText: true };
const TEXT_FORMAT = '@';

/** Conditional fill per status, as a traffic light in the Word paper's colours. */
const STATUS_FILLS: Record<string, string> = Object.fromEntries(
  ACTION_STATUSES.map((status) => [STATUS_LABELS[status], `FF${STATUS_COLOURS[status].fill}`]),
);

/** The only way text reaches a cell: a plain string (or empty), never a formula. */
/**
 * Spreadsheet readers treat "_xHHHH_" in a string as an escaped character, so a literal one (a leftover
 * of text pasted from another export) is written with its underscore escaped, to come back unchanged.
 */
export function text(value: string): string | null {
  const safe = cellSafeText(value).replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  return safe.length > 0 ? safe : null;
}

export interface ColumnDef {
  header: string;
  width: number;
  /** Formatting and lock state for the whole column, including rows a lead adds. */
  style?: Partial<Style>;
  editable?: boolean;
}

/** Every body cell's style: the named font and the line under its row, with the column's own settings. */
const bodyStyle = (style: Partial<Style>): Partial<Style> => ({ font: BODY_FONT, border: ROW_BORDER, ...style });

export const textColumn = (header: string, width: number, editable = false): ColumnDef => ({
  header,
  width,
  editable,
  style: bodyStyle({ numFmt: TEXT_FORMAT, alignment: TOP_WRAP, protection: { locked: !editable } }),
});
export const dateColumn = (header: string, width = 13): ColumnDef => ({
  header,
  width,
  // Left-aligned: a right-aligned date runs into the Status text beside it when printed.
  style: bodyStyle({
    numFmt: DATE_FORMAT,
    alignment: { vertical: 'top', horizontal: 'left' },
    protection: { locked: true },
  }),
});
export const numberColumn = (header: string, width: number): ColumnDef => ({
  header,
  width,
  style: bodyStyle({ alignment: { vertical: 'top', horizontal: 'center' }, protection: { locked: true } }),
});

/** A read-back sheet's column as the layout declares it; on an open sheet every column takes edits. */
function columnDef(column: SheetColumn, open: boolean): ColumnDef {
  const editable = open || column.role === 'editable';
  const alignment: Partial<Alignment> = {
    vertical: 'top',
    ...(column.center ? { horizontal: 'center' as const } : {}),
  };
  switch (column.cell) {
    case 'level':
      return numberColumn(column.header, column.width);
    case 'date':
      return dateColumn(column.header, column.width);
    case 'flag':
      return {
        header: column.header,
        width: column.width,
        style: bodyStyle({ alignment, protection: { locked: true } }),
      };
    case 'status':
    case 'done':
      return {
        header: column.header,
        width: column.width,
        editable,
        style: bodyStyle({ numFmt: TEXT_FORMAT, alignment, protection: { locked: !editable } }),
      };
    default:
      return textColumn(column.header, column.width, editable);
  }
}

/**
 * Column widths and styles, a bold filled header row, a frozen pane, (optionally) an auto filter, and the
 * page set-up. Returns the column widths as printed, which the rows are fitted to.
 */
export function setUpTable(
  ws: Worksheet,
  columns: readonly ColumnDef[],
  page: PageContext,
  options: { xSplit?: number; filterRows?: number } = {},
): number[] {
  ws.columns = columns.map((column) => ({
    width: column.width,
    style: column.style ?? bodyStyle({ alignment: TOP_WRAP }),
  }));
  const widths = pageSetUp(ws, page, printColumns(columns));
  const header = ws.getRow(1);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.style = {
      font: HEADER_FONT,
      fill: column.editable ? EDITABLE_HEADER_FILL : HEADER_FILL,
      alignment: { vertical: 'middle', wrapText: true },
      border: THIN_BORDER,
      protection: { locked: true },
    };
  });
  fitRowHeight(
    header,
    columns.map((column) => column.header),
    widths.map(boldWidth),
  );
  ws.views = [
    {
      state: 'frozen',
      xSplit: options.xSplit ?? 0,
      ySplit: 1,
      topLeftCell: `${columnLetter(options.xSplit ?? 0)}2`,
      activeCell: 'A2',
    },
  ];
  if (options.filterRows !== undefined) {
    ws.autoFilter = `A1:${columnLetter(columns.length - 1)}${Math.max(1, options.filterRows + 1)}`;
  }
  return widths;
}

/** Bold letters are wider: a header is fitted as if its column were this much narrower. */
const boldWidth = (width: number) => width * 0.85;

/** What every printed page of the workbook says at its top and foot. */
export interface PageContext {
  planTitle: string;
  exportedOn: string;
}

const printColumns = (columns: readonly ColumnDef[]): PrintColumn[] =>
  columns.map((column) => ({ width: column.width, wrapped: column.style?.alignment?.wrapText === true }));

/** Paper, scale and header row on every page (see setUpPrinting); returns the widths rows are fitted to. */
function pageSetUp(ws: Worksheet, page: PageContext, columns: readonly PrintColumn[]): number[] {
  return setUpPrinting(ws, columns, {
    titleRows: '1:1',
    header: `&L${page.planTitle.replace(/&/g, '&&')}&R${ws.name}`,
    footer: `&LExported ${page.exportedOn}&RPage &P of &N`,
  });
}

/** Protection without a password; the listed actions stay allowed. */
export async function protect(ws: Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
  });
}

/** exceljs has worksheet-level data validation ranges, but its typings do not declare them. */
export function addValidation(ws: Worksheet, range: string, validation: DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, rule: DataValidation): void } }).dataValidations.add(
    range,
    validation,
  );
}

/**
 * exceljs gives every new row and cell its own copy of its style, and on writing turns each copy into XML
 * to find its entry in the style table; a style object it has already seen is found by identity instead.
 * So every row of a long table takes the style objects exceljs made for its first row and cells: the
 * same styles, written in a fraction of the time. A cell styled apart takes another object, shared in turn
 * by the cells of its column styled the same way, never a change to the shared one.
 */
class SharedStyles {
  private rowStyle: Partial<Style> | null = null;
  private readonly styles: Partial<Style>[] = [];
  private readonly apart = new Map<string, Partial<Style>>();

  addRow(ws: Worksheet, values: readonly CellValue[]): Row {
    const row = ws.addRow(values);
    // exceljs's typings do not declare a row's own style object.
    const rowWithStyle = row as unknown as { style: Partial<Style> };
    if (this.rowStyle) rowWithStyle.style = this.rowStyle;
    else this.rowStyle = rowWithStyle.style;
    values.forEach((value, index) => {
      if (value === undefined) return;
      const cell = row.getCell(index + 1);
      const shared = this.styles[index];
      if (shared) cell.style = shared;
      else this.styles[index] = cell.style;
    });
    return row;
  }

  /** Gives the cell in `column` (from 1) its column's style with the settings `name` stands for. */
  styleApart(row: Row, column: number, name: string, style: Partial<Style>): void {
    const cell = row.getCell(column);
    const key = `${column}:${name}`;
    let apart = this.apart.get(key);
    if (!apart) {
      apart = { ...cell.style, ...style };
      this.apart.set(key, apart);
    }
    cell.style = apart;
  }
}

function orderedActions(doc: PlanDocument): Action[] {
  return groupByArea(doc, doc.actions).flatMap((group) => group.actions);
}

export async function writePlanWorkbook(
  doc: PlanDocument,
  today: IsoDate,
  options: PlanWorkbookOptions = {},
): Promise<Buffer> {
  const now = options.now ?? new Date();
  const exportedOn = now.toISOString().slice(0, 10);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Action Plan Tracker';
  wb.lastModifiedBy = 'Action Plan Tracker';
  wb.title = doc.plan.title;
  wb.company = doc.plan.organisation;
  wb.created = now;
  wb.modified = now;
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  const page: PageContext = { planTitle: doc.plan.title, exportedOn };
  const areaNames = new Map(doc.matrix.areas.map((area) => [area.id, area.name]));
  const part = options.part;
  const actions = part ? part.actions : orderedActions(doc);
  if (part) await part.addFirst(wb, page);
  const idsRows: (string | number | null)[][] = [];

  // ---- Action plan ----
  const plan = wb.addWorksheet(part?.planSheetName ?? SHEET.plan, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  const planDefs = PLAN_COLUMNS.map((column) => columnDef(column, false));
  const planWidths = setUpTable(plan, planDefs, page, { xSplit: 3, filterRows: actions.length });
  const overdueFont: Partial<Font> = { ...BODY_FONT, bold: true, color: { argb: 'FFC00000' } };
  const overdueIndex = PLAN_COLUMNS.findIndex((column) => column.key === 'overdue') + 1;
  const planStyles = new SharedStyles();
  for (const action of actions) {
    const texts = actionRowTexts(areaNames.get(action.areaId) ?? action.areaId, action, today);
    const row = planStyles.addRow(
      plan,
      PLAN_COLUMNS.map((column) => {
        if (column.cell === 'level') return action.progressLevel;
        if (column.cell === 'date') return excelDate(texts[column.key] || null);
        return text(texts[column.key]);
      }),
    );
    fitRowHeight(
      row,
      PLAN_COLUMNS.map((column) => texts[column.key]),
      planWidths,
    );
    if (texts.overdue) planStyles.styleApart(row, overdueIndex, 'overdue', { font: overdueFont });
    idsRows.push([
      SHEET.plan,
      row.number,
      action.id,
      action.number,
      null,
      null,
      rowFingerprints(PLAN_COLUMNS.map((column) => texts[column.key])),
    ]);
  }
  if (actions.length > 0) {
    const statusCol = columnLetter(PLAN_COLUMNS.findIndex((column) => column.key === 'status'));
    const statusRange = `${statusCol}2:${statusCol}${actions.length + 1}`;
    addValidation(plan, statusRange, {
      type: 'list',
      allowBlank: false,
      formulae: [`"${STATUS_LABEL_LIST.join(',')}"`],
      showInputMessage: true,
      promptTitle: 'Status',
      prompt: 'Pick a status from the list.',
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Status',
      error: `Status must be one of ${STATUS_LABEL_LIST.join(', ')}.`,
    });
    plan.addConditionalFormatting({
      ref: statusRange,
      rules: STATUS_LABEL_LIST.map((label, index) => ({
        type: 'cellIs',
        operator: 'equal',
        priority: index + 1,
        formulae: [`"${label}"`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: STATUS_FILLS[label]! } } },
      })),
    });
  }
  await protect(plan);

  // ---- Next steps ----
  const steps = wb.addWorksheet(SHEET.steps, { properties: { tabColor: { argb: 'FF2E7D32' } } });
  const stepCount = actions.reduce((sum, action) => sum + action.nextSteps.length, 0);
  const stepWidths = setUpTable(
    steps,
    STEP_COLUMNS.map((column) => columnDef(column, true)),
    page,
    { xSplit: 2, filterRows: stepCount },
  );
  const stepStyles = new SharedStyles();
  for (const action of actions) {
    action.nextSteps.forEach((step, index) => {
      const texts = stepRowTexts(action, step, String(index + 1));
      const row = stepStyles.addRow(
        steps,
        STEP_COLUMNS.map((column) => text(texts[column.key])),
      );
      fitRowHeight(
        row,
        STEP_COLUMNS.map((column) => texts[column.key]),
        stepWidths,
      );
      idsRows.push([
        SHEET.steps,
        row.number,
        action.id,
        action.number,
        step.id,
        texts.stepNo,
        rowFingerprints(STEP_COLUMNS.map((column) => texts[column.key])),
      ]);
    });
  }
  const doneCol = columnLetter(STEP_COLUMNS.findIndex((column) => column.key === 'done'));
  addValidation(steps, `${doneCol}2:${doneCol}${stepCount + 1 + SPARE_STEP_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${DONE_LABELS.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Done',
    error: 'Done must be Yes or No.',
  });
  steps.getCell('A1').note =
    'Edit a step\'s text, leads (separated by ";"), timescale or Done here. To add a step, fill in a new row with the ' +
    'Action No. and leave Step No. empty. Rows cannot be deleted: set Done to Yes instead.';

  if (part) await part.addLast(wb, page);
  else await addReportSheets(wb, doc, actions, areaNames, today, page);
  await addIdsSheet(wb, idsRows, [
    ['workbookFormat', WORKBOOK_FORMAT_VERSION],
    ['planId', doc.plan.id],
    ['planTitle', cellSafeText(doc.plan.title)],
    ['schemaVersion', doc.schemaVersion],
    ['exportedAt', now.toISOString()],
    ['today', today],
    ...(part?.meta.map(([key, value]) => [key, cellSafeText(value)] as [string, string]) ?? []),
  ]);
  return workbookBytes(wb);
}

async function addReportSheets(
  wb: Workbook,
  doc: PlanDocument,
  actions: readonly Action[],
  areaNames: ReadonlyMap<string, string>,
  today: IsoDate,
  page: PageContext,
): Promise<void> {
  // ---- Maturity matrix ----
  const matrix = wb.addWorksheet(SHEET.matrix);
  writeMatrixSheet(matrix, doc, page);
  await protect(matrix);

  // ---- Matrix history ----
  const matrixHistory = wb.addWorksheet(SHEET.history);
  writeHistorySheet(matrixHistory, doc, page);
  await protect(matrixHistory);

  // ---- By lead ----
  const byLead = wb.addWorksheet(SHEET.byLead);
  writeByLeadSheet(byLead, actions, today, page);
  await protect(byLead);

  // ---- Overdue ----
  const overdue = wb.addWorksheet(SHEET.overdue, { properties: { tabColor: { argb: 'FFC00000' } } });
  writeOverdueSheet(overdue, actions, areaNames, today, page);
  await protect(overdue);
}

/** "_ids": very hidden, the meta rows, then one row per exported "Action plan" and "Next steps" row. */
async function addIdsSheet(
  wb: Workbook,
  idsRows: readonly (string | number | null)[][],
  meta: readonly [string, string | number][],
): Promise<void> {
  const ids = wb.addWorksheet(SHEET.ids, { state: 'veryHidden' });
  // No cell styles here: nobody reads this sheet in Excel, and unstyled cells keep a large export fast.
  ids.columns = IDS_TABLE_HEADER.map(() => ({ width: 16 }));
  const styles = new SharedStyles();
  styles.addRow(ids, ['key', 'value']);
  for (const entry of meta) styles.addRow(ids, [...entry]);
  styles.addRow(ids, []);
  styles.addRow(ids, [...IDS_TABLE_HEADER]);
  for (const row of idsRows) styles.addRow(ids, row);
  await protect(ids);
}

/** A corrected or withdrawn assessment stays in the history, said in words so it is not read as current. */
function amendmentOf(assessment: Assessment): string {
  const amendment = assessment.withdrawn ?? assessment.supersededBy;
  if (!amendment) return '';
  const what = assessment.withdrawn ? 'Withdrawn' : 'Corrected';
  return `${what} ${dateCellText(amendment.at.slice(0, 10), true)} by ${amendment.by}: ${amendment.reason}`;
}

function writeMatrixSheet(ws: Worksheet, doc: PlanDocument, page: PageContext): void {
  const levels = doc.matrix.levels;
  const widths = setUpTable(
    ws,
    [
      textColumn('Matrix area', 34),
      ...levels.map((level) => ({
        ...textColumn(`${level.level}\n${level.name}`, 14),
        style: bodyStyle({ alignment: { vertical: 'top', horizontal: 'center', wrapText: true } }),
      })),
      textColumn('Current level', 60),
    ],
    page,
  );
  const current = currentLevels(doc);
  const markFill: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } };
  const styles = new SharedStyles();
  for (const area of doc.matrix.areas) {
    const assessment = current[area.id] ?? null;
    const cells = [
      area.name,
      ...levels.map((level) => (assessment?.level === level.level ? '●' : '')),
      assessment
        ? `${levels[assessment.level - 1]!.name} (level ${assessment.level}) – assessed ${dateCellText(assessment.date, true)} by ${whoAssessed(assessment)}`
        : 'Not assessed yet',
    ];
    const row = styles.addRow(ws, cells.map(text));
    fitRowHeight(row, cells, widths);
    if (assessment) styles.styleApart(row, 1 + assessment.level, 'current', { fill: markFill });
  }
}

/**
 * Every assessment by date, on a sheet of its own: below the grid it would print under the grid's header,
 * and its columns would have to share the grid's widths.
 */
function writeHistorySheet(ws: Worksheet, doc: PlanDocument, page: PageContext): void {
  const levels = doc.matrix.levels;
  const widths = setUpTable(
    ws,
    [
      textColumn('Matrix area', 30),
      dateColumn('Date'),
      numberColumn('Level', 7),
      textColumn('Level name', 20),
      textColumn('Assessed by', 24),
      textColumn('Evidence', 60),
      textColumn('Corrected or withdrawn', 40),
    ],
    page,
    { xSplit: 1, filterRows: doc.assessments.length },
  );
  const areaOrder = new Map(doc.matrix.areas.map((area, index) => [area.id, index]));
  const areaNames = new Map(doc.matrix.areas.map((area) => [area.id, area.name]));
  const history = [...doc.assessments].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (areaOrder.get(a.areaId) ?? 0) - (areaOrder.get(b.areaId) ?? 0) ||
      a.recordedAt.localeCompare(b.recordedAt),
  );
  const styles = new SharedStyles();
  for (const assessment of history) {
    const texts = [
      areaNames.get(assessment.areaId) ?? assessment.areaId,
      dateCellText(assessment.date, true),
      String(assessment.level),
      levels[assessment.level - 1]!.name,
      whoAssessed(assessment),
      assessment.evidence,
      amendmentOf(assessment),
    ];
    const row = styles.addRow(ws, [
      text(texts[0]!),
      excelDate(assessment.date),
      assessment.level,
      ...texts.slice(3).map(text),
    ]);
    fitRowHeight(row, texts, widths);
  }
}

function writeByLeadSheet(ws: Worksheet, actions: readonly Action[], today: IsoDate, page: PageContext): void {
  const widths = setUpTable(
    ws,
    [
      textColumn('Lead', 24),
      textColumn('Action No.', 9),
      textColumn('Item', 11),
      textColumn('Description / next step', 70),
      textColumn('Timescale', 18),
      dateColumn('Due date'),
      textColumn('Status', 12),
      textColumn('Overdue', 9),
    ],
    page,
    { xSplit: 1 },
  );
  interface Item {
    lead: string;
    number: string;
    kind: 'Action' | 'Next step';
    what: string;
    timescale: string;
    due: IsoDate | null;
    status: string;
    overdue: boolean;
  }
  const items: Item[] = [];
  for (const action of actions) {
    if (action.status === 'complete') continue;
    for (const lead of action.leads) {
      items.push({
        lead: lead.name,
        number: action.number,
        kind: 'Action',
        what: action.description,
        timescale: action.timescale.text,
        due: action.timescale.due,
        status: STATUS_LABELS[action.status],
        overdue: ownTimescaleState(action, today, null) === 'overdue',
      });
    }
    for (const step of action.nextSteps) {
      if (step.done) continue;
      for (const lead of step.leads) {
        items.push({
          lead: lead.name,
          number: action.number,
          kind: 'Next step',
          what: step.text,
          timescale: step.timescale.text,
          due: step.timescale.due,
          status: '',
          overdue: isStepOverdue(action, step, today),
        });
      }
    }
  }
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
  items.sort(
    (a, b) =>
      collator.compare(a.lead, b.lead) ||
      (a.due === b.due ? 0 : a.due === null ? 1 : b.due === null ? -1 : a.due.localeCompare(b.due)) ||
      compareActionNumbers(a.number, b.number) ||
      (a.kind === b.kind ? 0 : a.kind === 'Action' ? -1 : 1),
  );
  const styles = new SharedStyles();
  for (const item of items) {
    const row = styles.addRow(ws, [
      text(item.lead),
      text(item.number),
      item.kind,
      text(item.what),
      text(item.timescale),
      excelDate(item.due),
      text(item.status),
      item.overdue ? 'Yes' : null,
    ]);
    fitRowHeight(row, [item.lead, item.number, item.kind, item.what, item.timescale, '', item.status, ''], widths);
  }
  ws.autoFilter = `A1:H${items.length + 1}`;
}

function writeOverdueSheet(
  ws: Worksheet,
  actions: readonly Action[],
  areaNames: ReadonlyMap<string, string>,
  today: IsoDate,
  page: PageContext,
): void {
  const widths = setUpTable(
    ws,
    [
      textColumn('Action No.', 9),
      textColumn('Matrix area', 20),
      textColumn('Description', 60),
      textColumn('Lead', 24),
      dateColumn('Due date'),
      numberColumn('Days overdue', 10),
      textColumn('Status', 12),
    ],
    page,
    { xSplit: 1 },
  );
  const todayTime = excelDate(today)!.getTime();
  const overdue = actions
    .filter((action) => isOverdue(action, today))
    .map((action) => ({ action, due: nextDueDate(action)! }))
    .sort((a, b) => a.due.localeCompare(b.due) || compareActionNumbers(a.action.number, b.action.number));
  const styles = new SharedStyles();
  for (const { action, due } of overdue) {
    const texts = [
      action.number,
      areaNames.get(action.areaId) ?? action.areaId,
      action.description,
      action.leads.map((lead) => lead.name).join('; '),
    ];
    const row = styles.addRow(ws, [
      ...texts.map(text),
      excelDate(due),
      Math.round((todayTime - excelDate(due)!.getTime()) / 86_400_000),
      STATUS_LABELS[action.status],
    ]);
    fitRowHeight(row, texts, widths);
  }
  ws.autoFilter = `A1:G${overdue.length + 1}`;
}
