/**
 * The Excel round trip, minus Excel: the workbook's layout, the text each exported cell holds, and the
 * pure diff that turns a workbook a lead edited back into a reviewed list of changes.
 *
 * How a row finds its way home
 * ----------------------------
 * The hidden "_ids" sheet lists, for every exported row of "Action plan" and "Next steps", the stable
 * action id / step id, the Action No. / Step No. shown on the row and a fingerprint of every exported
 * cell. Rows are matched by the visible Action No. (and Step No.), not by row position, so a lead may
 * sort or filter the sheets freely.
 *
 * Three-way compare (why fingerprints)
 * ------------------------------------
 * Each editable cell is compared with what was exported (its fingerprint) and with the plan as it is now:
 * - cell unchanged since export          -> nothing to do, even if the app changed the field meanwhile
 *                                           (otherwise an old workbook would silently undo newer edits);
 * - cell edited, app field unchanged     -> a change;
 * - cell edited, app field also changed  -> a problem (conflict): nobody's edit is lost silently.
 *
 * Decisions
 * ---------
 * - Read-only columns (Matrix area, Progress level, Description, Next steps summary, Lead, Due date,
 *   Overdue) are owned by the app, where edits are validated and logged field by field. An edit to one of
 *   them is ignored and listed as a notice rather than refused: a tidied description should not block a
 *   lead's status updates, but nobody should believe the workbook changed it either.
 * - A real Excel date in a text column (Excel turns a typed "March 2027" into 1 March 2027 unless the cell
 *   is formatted as text) is read back as words: "March 2027" when the cell's number format shows no day
 *   (so the timescale still means the end of that month), "1 March 2027" when it does. A notice says so.
 * - Cells are read as text. A formula cell is read as its formula text ("=SUM(A1)"), never evaluated, and
 *   is stored as plain text if it lands in a free-text field; in Status or Done it is simply invalid.
 * - Deleting rows, adding actions and renumbering are not possible through the workbook; each is reported
 *   as a problem so the lead can fix the workbook or make the change in the app.
 * - All or nothing: any problem means nothing is applied (applyWorkbookChanges refuses).
 */
import type { Action, ActionStatus, NextStep } from '../model/action';
import { ACTION_STATUSES, STATUS_LABELS } from '../model/action';
import type { NextStepDraft } from '../model/drafts';
import type { Lead } from '../model/people';
import type { PlanDocument } from '../model/plan';
import { CURRENT_SCHEMA_VERSION } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { isOverdue, nextDueDate } from './derived';
import { DomainError } from './errors';
import { leadsFromText, leadsToText } from './leads';
import { stepDrafts, updateAction } from './operations';
import type { EditContext } from './operations';

// ---------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------

/** Bumped when the workbook layout changes in a way an older importer could misread. */
export const WORKBOOK_FORMAT_VERSION = 1;

export const SHEET = {
  plan: 'Action plan',
  steps: 'Next steps',
  matrix: 'Maturity matrix',
  byLead: 'By lead',
  overdue: 'Overdue',
  ids: '_ids',
} as const;

export type ColumnRole = 'key' | 'editable' | 'readOnly' | 'derived';

export interface ColumnSpec<K extends string> {
  key: K;
  header: string;
  role: ColumnRole;
}

export const PLAN_COLUMNS = [
  { key: 'area', header: 'Matrix area', role: 'readOnly' },
  { key: 'level', header: 'Progress level', role: 'readOnly' },
  { key: 'number', header: 'Action No.', role: 'key' },
  { key: 'description', header: 'Description', role: 'readOnly' },
  { key: 'achievement', header: 'Achievement to date', role: 'editable' },
  { key: 'nextSteps', header: 'Next steps', role: 'readOnly' },
  { key: 'lead', header: 'Lead', role: 'readOnly' },
  { key: 'timescale', header: 'Timescale', role: 'editable' },
  { key: 'due', header: 'Due date', role: 'derived' },
  { key: 'status', header: 'Status', role: 'editable' },
  { key: 'overdue', header: 'Overdue', role: 'derived' },
] as const satisfies readonly ColumnSpec<string>[];
export type PlanColumnKey = (typeof PLAN_COLUMNS)[number]['key'];

export const STEP_COLUMNS = [
  { key: 'number', header: 'Action No.', role: 'key' },
  { key: 'stepNo', header: 'Step No.', role: 'key' },
  { key: 'text', header: 'Next step', role: 'editable' },
  { key: 'leads', header: 'Lead(s)', role: 'editable' },
  { key: 'timescale', header: 'Timescale', role: 'editable' },
  { key: 'done', header: 'Done', role: 'editable' },
] as const satisfies readonly ColumnSpec<string>[];
export type StepColumnKey = (typeof STEP_COLUMNS)[number]['key'];

/** Header of the row table in "_ids"; the key/value meta rows come before it. */
export const IDS_TABLE_HEADER = ['sheet', 'row', 'actionId', 'actionNumber', 'stepId', 'stepNo', 'fingerprints'] as const;

export const STATUS_LABEL_LIST: readonly string[] = ACTION_STATUSES.map((status) => STATUS_LABELS[status]);
export const DONE_LABELS = ['Yes', 'No'] as const;

/** Excel refuses cells longer than this. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

/**
 * The most an import reads, so that a runaway or hostile workbook is refused with a message instead of
 * exhausting the app's memory (the whole import stays under 500 MB). A 6,000-action plan with 12,000 next
 * steps fits.
 */
export const IMPORT_LIMITS = {
  /** Bytes unpacked from the zip, counted while unpacking: a zip's own size fields can lie. */
  unzippedBytes: 40 * 1024 * 1024,
  /** Rows on any one sheet the importer reads ("_ids" has one row per action and per next step). */
  rowsPerSheet: 30_000,
  /** Cells on the sheets the importer reads, all together: what the parser's memory grows with. */
  cells: 300_000,
  /** Columns on a sheet the importer reads; the export uses 11. */
  columns: 100,
  /** Characters in one cell: Excel's own limit. */
  cellText: EXCEL_MAX_CELL_TEXT,
  /** Problems listed in the preview; the rest are counted. */
  problemsShown: 200,
} as const;

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------------
// Text as exported and as compared
// ---------------------------------------------------------------------------------------------------

// Characters XML 1.0 cannot carry; exceljs drops them on write, so they are dropped before comparing too.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** Text as it will sit in a cell: no characters XML cannot hold. */
export function cellSafeText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** What two cell texts are compared on: line endings unified, Excel's escaped CR removed, ends trimmed. */
export function comparable(text: string): string {
  return cellSafeText(text.replace(/_x000D_/g, '').replace(/\r\n?/g, '\n')).trim();
}

/** A short, stable hash (cyrb53) of a cell's comparable text: enough to tell "edited since export". */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export const doneLabel = (done: boolean): string => (done ? 'Yes' : 'No');

function stepLine(step: NextStep): string {
  const parts = [step.text.trim(), leadsToText(step.leads), step.timescale.text.trim()].filter((part) => part.length > 0);
  return `${step.done ? '[done]' : '[ ]'} ${parts.join(' — ')}`;
}

/** The read-only "Next steps" summary on "Action plan": one line per step, cut to fit an Excel cell. */
export function nextStepsSummary(action: Action): string {
  const text = action.nextSteps.map(stepLine).join('\n');
  if (text.length <= EXCEL_MAX_CELL_TEXT) return text;
  const tail = '\n… (see the Next steps sheet for the rest)';
  return text.slice(0, EXCEL_MAX_CELL_TEXT - tail.length) + tail;
}

/**
 * The text of each "Action plan" cell for an action, as exported. The writer writes these (Progress level
 * as a number, Due date as a date) and fingerprints them; the importer compares with them.
 */
export function actionRowTexts(areaName: string, action: Action, today: IsoDate): Record<PlanColumnKey, string> {
  return {
    area: areaName,
    level: String(action.progressLevel),
    number: action.number,
    description: action.description,
    achievement: action.achievement,
    nextSteps: nextStepsSummary(action),
    lead: leadsToText(action.leads),
    timescale: action.timescale.text,
    due: nextDueDate(action) ?? '',
    status: STATUS_LABELS[action.status],
    overdue: isOverdue(action, today) ? 'Yes' : '',
  };
}

export function stepRowTexts(action: Action, step: NextStep, stepNo: string): Record<StepColumnKey, string> {
  return {
    number: action.number,
    stepNo,
    text: step.text,
    leads: leadsToText(step.leads),
    timescale: step.timescale.text,
    done: doneLabel(step.done),
  };
}

/** Fingerprints of a row's cells in column order, as "_ids" stores them (space separated). */
export function rowFingerprints(texts: readonly string[]): string {
  return texts.map((text) => fingerprint(comparable(text))).join(' ');
}

// ---------------------------------------------------------------------------------------------------
// A read workbook, as plain data
// ---------------------------------------------------------------------------------------------------

/** One cell, as the reader found it: typed just enough for the importer to decide what the text is. */
export type WorkbookCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** `showsDay`: the cell's number format shows the day ("d mmm yyyy") rather than only month and year. */
  | { kind: 'date'; iso: IsoDate; showsDay: boolean }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; error: string };

export const EMPTY_CELL: WorkbookCell = { kind: 'empty' };

export interface ParsedRow {
  /** Excel row number (the header is row 1). */
  row: number;
  /** cells[0] is column A. */
  cells: WorkbookCell[];
}

export interface ParsedSheet {
  name: string;
  header: WorkbookCell[];
  /** Rows after the header that hold anything, in sheet order. */
  rows: ParsedRow[];
}

export interface ParsedWorkbook {
  /** Set when the file could not be read as a workbook at all. */
  error: string | null;
  sheetNames: string[];
  /** The sheets the importer reads ("Action plan", "Next steps", "_ids"), when present. */
  sheets: Partial<Record<string, ParsedSheet>>;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date cell as words: "March 2027" when Excel showed only month and year, else "1 March 2027". */
export function dateCellText(iso: IsoDate, showsDay: boolean): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const monthYear = `${MONTH_NAMES[month - 1]} ${year}`;
  return showsDay ? `${day} ${monthYear}` : monthYear;
}

/** The cell as the text a person would say it holds. */
export function cellText(cell: WorkbookCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return dateCellText(cell.iso, cell.showsDay);
    case 'formula':
      return `=${cell.formula}`;
    case 'error':
      return cell.error;
  }
}

/** What an exported cell's fingerprint is compared with: dates by their ISO date, the rest as text. */
function cellKey(cell: WorkbookCell | undefined): string {
  return cell?.kind === 'date' ? cell.iso : comparable(cellText(cell));
}

function isBlank(cell: WorkbookCell | undefined): boolean {
  return cellKey(cell) === '';
}

// ---------------------------------------------------------------------------------------------------
// Problems, notices, changes
// ---------------------------------------------------------------------------------------------------

/** Where in the workbook, and why. `row` is the Excel row number; `column` the header name. */
export interface ImportIssue {
  sheet: string | null;
  row: number | null;
  column: string | null;
  columnLetter: string | null;
  reason: string;
}
/** Stops the import: nothing is applied while any problem remains. */
export type ImportProblem = ImportIssue;
/** Worth knowing, but does not stop the import (e.g. an ignored edit in a read-only column). */
export type ImportNotice = ImportIssue;

export function describeIssue(issue: ImportIssue): string {
  const where = [
    issue.sheet !== null ? `sheet "${issue.sheet}"` : null,
    issue.row !== null ? `row ${issue.row}` : null,
    issue.column !== null ? `column ${issue.columnLetter ? `${issue.columnLetter} ` : ''}"${issue.column}"` : null,
  ].filter((part): part is string => part !== null);
  return where.length > 0 ? `${where.join(', ')}: ${issue.reason}` : issue.reason;
}

interface ChangeBase {
  sheet: string;
  row: number;
  column: string;
  actionId: string;
  actionNumber: string;
  /** As shown in the preview. `old` is also checked again when the change is applied. */
  old: string;
  new: string;
}
interface StepChangeBase extends ChangeBase {
  stepId: string;
  stepNo: string;
}
export interface NewStepValue {
  text: string;
  leads: Lead[];
  timescaleText: string;
  done: boolean;
}

export type ImportChange =
  | (ChangeBase & { field: 'achievement'; value: string })
  | (ChangeBase & { field: 'timescale'; value: string })
  | (ChangeBase & { field: 'status'; value: ActionStatus })
  | (StepChangeBase & { field: 'stepText'; value: string })
  | (StepChangeBase & { field: 'stepLeads'; value: Lead[] })
  | (StepChangeBase & { field: 'stepTimescale'; value: string })
  | (StepChangeBase & { field: 'stepDone'; value: boolean })
  /** `stepCount`: how many steps the action had when previewed, so the step is not added twice. */
  | (ChangeBase & { field: 'newStep'; value: NewStepValue; stepCount: number });
export type ImportChangeField = ImportChange['field'];

export const CHANGE_FIELD_LABELS: Record<ImportChangeField, string> = {
  achievement: 'Achievement to date',
  timescale: 'Timescale',
  status: 'Status',
  stepText: 'Next step',
  stepLeads: 'Lead(s)',
  stepTimescale: 'Timescale',
  stepDone: 'Done',
  newStep: 'New next step',
};

export function describeChange(change: ImportChange): string {
  const step = 'stepNo' in change ? ` step ${change.stepNo}` : '';
  return `Action ${change.actionNumber}${step}, ${CHANGE_FIELD_LABELS[change.field]}: "${change.old}" -> "${change.new}"`;
}

export interface WorkbookMeta {
  planId: string | null;
  planTitle: string | null;
  schemaVersion: number | null;
  workbookFormat: number | null;
  exportedAt: string | null;
}

export interface WorkbookChangeSet {
  meta: WorkbookMeta;
  changes: ImportChange[];
  problems: ImportProblem[];
  notices: ImportNotice[];
}

// ---------------------------------------------------------------------------------------------------
// Reading "_ids"
// ---------------------------------------------------------------------------------------------------

interface IdsPlanEntry {
  row: number;
  actionId: string;
  number: string;
  fingerprints: string[];
}
interface IdsStepEntry extends IdsPlanEntry {
  stepId: string;
  stepNo: string;
}
interface IdsData {
  meta: WorkbookMeta;
  today: IsoDate | null;
  plan: IdsPlanEntry[];
  steps: IdsStepEntry[];
}

function parseIds(sheet: ParsedSheet, problems: ImportProblem[]): IdsData | null {
  const rows: ParsedRow[] = [{ row: 1, cells: sheet.header }, ...sheet.rows];
  const values = new Map<string, string>();
  const plan: IdsPlanEntry[] = [];
  const steps: IdsStepEntry[] = [];
  let inTable = false;
  // Each exported row and step is listed once, at a real row: anything else means the sheet was edited.
  let damaged = false;
  const seenSteps = new Set<string>();
  const seenRows = new Set<string>();
  for (const { cells } of rows) {
    const texts = cells.map((cell) => comparable(cellText(cell)));
    if (!inTable) {
      if (texts[0] === IDS_TABLE_HEADER[0] && texts[1] === IDS_TABLE_HEADER[1]) inTable = true;
      else if (texts[0]) values.set(texts[0], texts[1] ?? '');
      continue;
    }
    const [sheetName, row, actionId, actionNumber, stepId, stepNo, prints] = texts;
    const entry = {
      row: Number(row),
      actionId: actionId ?? '',
      number: actionNumber ?? '',
      fingerprints: (prints ?? '').split(' ').filter((part) => part.length > 0),
    };
    if (!entry.actionId) continue;
    const rowKey = `${sheetName}\u0000${row}`;
    if (!/^\d+$/.test(row ?? '') || entry.row < 2 || seenRows.has(rowKey)) damaged = true;
    seenRows.add(rowKey);
    if (sheetName === SHEET.plan) plan.push(entry);
    else if (sheetName === SHEET.steps && stepId) {
      if (seenSteps.has(stepId)) damaged = true;
      seenSteps.add(stepId);
      steps.push({ ...entry, stepId, stepNo: stepNo ?? '' });
    }
  }
  const numberOrNull = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : null);
  const meta: WorkbookMeta = {
    planId: values.get('planId') || null,
    planTitle: values.get('planTitle') || null,
    schemaVersion: numberOrNull(values.get('schemaVersion')),
    workbookFormat: numberOrNull(values.get('workbookFormat')),
    exportedAt: values.get('exportedAt') || null,
  };
  if (damaged || !inTable || meta.planId === null || meta.schemaVersion === null || meta.workbookFormat === null) {
    problems.push({
      sheet: SHEET.ids,
      row: null,
      column: null,
      columnLetter: null,
      reason:
        'the hidden "_ids" sheet is damaged, so rows cannot be matched to actions – export a fresh workbook from the app',
    });
    return null;
  }
  const today = values.get('today') ?? '';
  return { meta, today: /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : null, plan, steps };
}

// ---------------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------------

function mapHeaders<K extends string>(
  sheet: ParsedSheet,
  columns: readonly ColumnSpec<K>[],
  problems: ImportProblem[],
  notices: ImportNotice[],
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
  let ok = true as boolean; // cleared inside the forEach callback, which the compiler cannot follow
  columns.forEach((column, expectedIndex) => {
    if (found.has(column.key)) return;
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

// ---------------------------------------------------------------------------------------------------
// Field parsing
// ---------------------------------------------------------------------------------------------------

type Parsed<T> = { ok: true; value: T; display: string } | { ok: false; reason: string };

const STATUS_BY_LABEL = new Map(ACTION_STATUSES.map((status) => [STATUS_LABELS[status].toLowerCase(), status]));

function parseStatus(text: string): Parsed<ActionStatus> {
  const status = STATUS_BY_LABEL.get(text.toLowerCase().replace(/\s+/g, ' '));
  return status
    ? { ok: true, value: status, display: STATUS_LABELS[status] }
    : { ok: false, reason: `must be one of ${STATUS_LABEL_LIST.join(', ')}` };
}

function parseDone(cell: WorkbookCell | undefined, text: string): Parsed<boolean> {
  if (cell?.kind === 'boolean') return { ok: true, value: cell.value, display: doneLabel(cell.value) };
  const lower = text.toLowerCase();
  if (lower === 'yes' || lower === 'no') return { ok: true, value: lower === 'yes', display: doneLabel(lower === 'yes') };
  return { ok: false, reason: 'must be Yes or No' };
}

function parseFreeText(text: string, max: number, required: boolean): Parsed<string> {
  if (required && text.length === 0) return { ok: false, reason: 'must not be empty' };
  if (text.length > max) return { ok: false, reason: `must be at most ${max} characters (it has ${text.length})` };
  return { ok: true, value: text, display: text };
}

function splitLeadNames(text: string): string[] {
  const names = text
    .split(/[;\n]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

function parseLeads(text: string, doc: PlanDocument): Parsed<Lead[]> {
  const names = splitLeadNames(text);
  if (names.length > 20) return { ok: false, reason: 'must name at most 20 leads, separated by ";"' };
  const long = names.find((name) => name.length > 120);
  if (long) return { ok: false, reason: `lead "${long.slice(0, 40)}…" must be at most 120 characters` };
  const leads = leadsFromText(names.join(';'), doc.people);
  return { ok: true, value: leads, display: leadsToText(leads) };
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

// ---------------------------------------------------------------------------------------------------
// The diff
// ---------------------------------------------------------------------------------------------------

interface FieldContext {
  sheet: string;
  row: number;
  column: string;
  columnLetter: string;
  cell: WorkbookCell | undefined;
  /** The cell as the plan would export it now (comparable text, or ISO date for dates). */
  current: string;
  /** Fingerprint of the cell as exported (from "_ids"). */
  exported: string | undefined;
  problems: ImportProblem[];
  notices: ImportNotice[];
}

/**
 * Whether the lead edited the cell. A cell equal to the plan's current value needs nothing either way, so
 * only the (rare) differing cells are hashed: this keeps a 5,000-action import fast.
 */
function editedInWorkbook(at: FieldContext): boolean {
  const key = cellKey(at.cell);
  if (key === at.current) return false;
  return at.exported === undefined || fingerprint(key) !== at.exported;
}

type FieldOutcome<T> = { kind: 'none' } | { kind: 'change'; value: T; display: string };

/** The three-way compare described at the top of this file, for one editable cell. */
function compareField<T>(
  at: FieldContext,
  parse: (text: string) => Parsed<T>,
  currentDisplay: string,
  sameAsCurrent: (value: T) => boolean,
): FieldOutcome<T> {
  const problem = (reason: string) =>
    at.problems.push({ sheet: at.sheet, row: at.row, column: at.column, columnLetter: at.columnLetter, reason });
  if (!editedInWorkbook(at)) return { kind: 'none' };
  const text = comparable(cellText(at.cell));
  const parsed = parse(text);
  if (!parsed.ok) {
    problem(parsed.reason);
    return { kind: 'none' };
  }
  if (sameAsCurrent(parsed.value)) return { kind: 'none' };
  if (at.exported !== undefined && fingerprint(comparable(currentDisplay)) !== at.exported) {
    problem(
      `was changed in the workbook (to "${short(parsed.display)}") and also in the app since this workbook was exported ` +
        `(now "${short(currentDisplay)}") – export a fresh workbook and make the edit again`,
    );
    return { kind: 'none' };
  }
  if (at.cell?.kind === 'date') {
    at.notices.push({
      sheet: at.sheet,
      row: at.row,
      column: at.column,
      columnLetter: at.columnLetter,
      reason: `Excel held a date here; it was read as the words "${parsed.display}"`,
    });
  }
  return { kind: 'change', value: parsed.value, display: parsed.display };
}

function readOnlyNotice(at: FieldContext, header: string): void {
  if (at.exported === undefined || !editedInWorkbook(at)) return;
  at.notices.push({
    sheet: at.sheet,
    row: at.row,
    column: at.column,
    columnLetter: at.columnLetter,
    reason: `${header} is read-only in the workbook; the edit was ignored – change it in the app`,
  });
}

const sameText = (a: string, b: string) => comparable(a) === comparable(b);

/**
 * Compares a workbook a lead edited with the plan and lists every change it would make, every problem
 * that stops the import and every notice worth reading. Nothing is applied here.
 */
export function planWorkbookChanges(doc: PlanDocument, parsed: ParsedWorkbook): WorkbookChangeSet {
  const problems: ImportProblem[] = [];
  const notices: ImportNotice[] = [];
  const changes: ImportChange[] = [];
  const emptyMeta: WorkbookMeta = { planId: null, planTitle: null, schemaVersion: null, workbookFormat: null, exportedAt: null };
  const result = (meta: WorkbookMeta = emptyMeta): WorkbookChangeSet => ({ meta, changes, problems, notices });
  const workbookProblem = (reason: string, sheet: string | null = null) =>
    problems.push({ sheet, row: null, column: null, columnLetter: null, reason });

  if (parsed.error !== null) {
    workbookProblem(parsed.error);
    return result();
  }
  for (const name of [SHEET.plan, SHEET.steps, SHEET.ids]) {
    if (!parsed.sheets[name]) {
      workbookProblem(
        name === SHEET.ids
          ? 'the hidden "_ids" sheet is missing – this workbook was not exported by Action Plan Tracker, or was saved by a program that drops hidden sheets'
          : `the "${name}" sheet is missing`,
        name,
      );
    }
  }
  const planSheet = parsed.sheets[SHEET.plan];
  const stepSheet = parsed.sheets[SHEET.steps];
  const idsSheet = parsed.sheets[SHEET.ids];
  if (!planSheet || !stepSheet || !idsSheet) return result();

  const ids = parseIds(idsSheet, problems);
  if (!ids) return result();
  const { meta } = ids;
  if (meta.workbookFormat! > WORKBOOK_FORMAT_VERSION || meta.schemaVersion! > CURRENT_SCHEMA_VERSION) {
    workbookProblem(
      `this workbook was exported by a newer version of Action Plan Tracker (data version ${meta.schemaVersion}, ` +
        `workbook format ${meta.workbookFormat}); this version reads data version ${CURRENT_SCHEMA_VERSION}, ` +
        `workbook format ${WORKBOOK_FORMAT_VERSION} – update the app first`,
      SHEET.ids,
    );
    return result(meta);
  }
  if (meta.planId !== doc.plan.id) {
    workbookProblem(
      `this workbook was exported from another plan ("${meta.planTitle ?? meta.planId}"), not from "${doc.plan.title}"`,
      SHEET.ids,
    );
    return result(meta);
  }

  const planColumns = mapHeaders(planSheet, PLAN_COLUMNS, problems, notices);
  const stepColumns = mapHeaders(stepSheet, STEP_COLUMNS, problems, notices);
  if (!planColumns || !stepColumns) return result(meta);

  const areaNames = new Map(doc.matrix.areas.map((area) => [area.id, area.name]));
  // "Overdue" as it was on the export day, so time passing is not mistaken for an edit.
  const exportedToday = ids.today ?? '0000-01-01';
  const actionsById = new Map(doc.actions.map((action) => [action.id, action]));
  const actionsByNumber = new Map(doc.actions.map((action) => [action.number.toLowerCase(), action]));
  const exportedByNumber = new Map(ids.plan.map((entry) => [entry.number.toLowerCase(), entry]));
  const exportedByRow = new Map(ids.plan.map((entry) => [entry.row, entry]));

  // ---- "Action plan" ----
  const planCell = (row: ParsedRow, key: PlanColumnKey) => row.cells[planColumns.get(key)!];
  const numbersOnSheet = new Set(planSheet.rows.map((row) => comparable(cellText(planCell(row, 'number'))).toLowerCase()));
  const seenNumbers = new Map<string, number>();
  for (const row of planSheet.rows) {
    if (row.cells.every(isBlank)) continue;
    const numberColumn = planColumns.get('number')!;
    const problem = (reason: string, column = 'Action No.', index = numberColumn) =>
      problems.push({ sheet: SHEET.plan, row: row.row, column, columnLetter: columnLetter(index), reason });
    const number = comparable(cellText(planCell(row, 'number')));
    if (!number) {
      problem("is empty – new actions can't be added in the workbook; add them in the app");
      continue;
    }
    const key = number.toLowerCase();
    const firstRow = seenNumbers.get(key);
    if (firstRow !== undefined) {
      problem(`action ${number} appears twice (also on row ${firstRow}) – each action must have exactly one row`);
      continue;
    }
    seenNumbers.set(key, row.row);
    const entry = exportedByNumber.get(key);
    if (!entry) {
      const was = exportedByRow.get(row.row);
      const hint = was && !numbersOnSheet.has(was.number.toLowerCase()) ? ` (this row held action ${was.number})` : '';
      problem(
        `action ${number} is not one of the exported actions${hint} – Action No. can't be changed and actions can't be added in the workbook`,
      );
      continue;
    }
    const action = actionsById.get(entry.actionId);
    if (!action) {
      problem(`action ${entry.number} is no longer in the plan (it was deleted after this workbook was exported)`);
      continue;
    }
    if (action.number !== entry.number) {
      problem(`action ${entry.number} has been renumbered ${action.number} in the app since this workbook was exported – export a fresh workbook`);
      continue;
    }

    const current = actionRowTexts(areaNames.get(action.areaId) ?? action.areaId, action, exportedToday);
    PLAN_COLUMNS.forEach((column, exportIndex) => {
      if (column.role === 'key') return;
      const index = planColumns.get(column.key)!;
      const at: FieldContext = {
        sheet: SHEET.plan,
        row: row.row,
        column: column.header,
        columnLetter: columnLetter(index),
        cell: row.cells[index],
        current: column.key === 'due' ? current.due : comparable(current[column.key]),
        exported: entry.fingerprints[exportIndex],
        problems,
        notices,
      };
      const base = { sheet: SHEET.plan, row: row.row, column: column.header, actionId: action.id, actionNumber: action.number };
      if (column.key === 'achievement') {
        const outcome = compareField(at, (text) => parseFreeText(text, 8000, false), current.achievement, (value) =>
          sameText(value, action.achievement),
        );
        if (outcome.kind === 'change') {
          changes.push({ ...base, field: 'achievement', value: outcome.value, old: comparable(action.achievement), new: outcome.display });
        }
      } else if (column.key === 'timescale') {
        const outcome = compareField(at, (text) => parseFreeText(text, 200, false), current.timescale, (value) =>
          sameText(value, action.timescale.text),
        );
        if (outcome.kind === 'change') {
          changes.push({ ...base, field: 'timescale', value: outcome.value, old: comparable(action.timescale.text), new: outcome.display });
        }
      } else if (column.key === 'status') {
        const outcome = compareField(at, parseStatus, current.status, (value) => value === action.status);
        if (outcome.kind === 'change') {
          changes.push({ ...base, field: 'status', value: outcome.value, old: current.status, new: outcome.display });
        }
      } else {
        readOnlyNotice(at, column.header);
      }
    });
  }
  for (const entry of ids.plan) {
    if (!seenNumbers.has(entry.number.toLowerCase())) {
      problems.push({
        sheet: SHEET.plan,
        row: entry.row,
        column: 'Action No.',
        columnLetter: columnLetter(planColumns.get('number')!),
        reason: `the row for action ${entry.number} was removed – put it back (rows can't be deleted in the workbook)`,
      });
    }
  }

  // ---- "Next steps" ----
  const stepCell = (row: ParsedRow, key: StepColumnKey) => row.cells[stepColumns.get(key)!];
  const exportedSteps = new Map(ids.steps.map((entry) => [`${entry.number.toLowerCase()}#${entry.stepNo.toLowerCase()}`, entry]));
  const seenSteps = new Map<string, number>();
  const newStepCounts = new Map<string, number>();
  const knownStepTexts = new Map<string, Map<string, string>>();
  const stepTexts = (action: Action): Map<string, string> => {
    let texts = knownStepTexts.get(action.id);
    if (!texts) {
      texts = new Map(action.nextSteps.map((step, index) => [comparable(step.text).toLowerCase(), `step ${index + 1}`]));
      knownStepTexts.set(action.id, texts);
    }
    return texts;
  };
  for (const row of stepSheet.rows) {
    if (row.cells.every(isBlank)) continue;
    const problem = (reason: string, key: StepColumnKey = 'number') => {
      const index = stepColumns.get(key)!;
      const header = STEP_COLUMNS.find((column) => column.key === key)!.header;
      problems.push({ sheet: SHEET.steps, row: row.row, column: header, columnLetter: columnLetter(index), reason });
    };
    const number = comparable(cellText(stepCell(row, 'number')));
    const stepNo = comparable(cellText(stepCell(row, 'stepNo')));
    if (!number) {
      problem('is empty – every next step needs the Action No. of its action');
      continue;
    }
    // Through "_ids" first, so a step follows its action even if the plan was renumbered (reported above).
    const exportedAction = exportedByNumber.get(number.toLowerCase());
    const action = exportedAction ? actionsById.get(exportedAction.actionId) : actionsByNumber.get(number.toLowerCase());
    if (exportedAction && action?.number !== exportedAction.number) continue; // reported on "Action plan"
    if (!action) {
      problem(`there is no action ${number} in the plan`);
      continue;
    }
    const base = { sheet: SHEET.steps, row: row.row, actionId: action.id, actionNumber: action.number };

    if (!stepNo) {
      // A new next step.
      const text = parseFreeText(comparable(cellText(stepCell(row, 'text'))), 4000, true);
      const leads = parseLeads(comparable(cellText(stepCell(row, 'leads'))), doc);
      const timescale = parseFreeText(comparable(cellText(stepCell(row, 'timescale'))), 200, false);
      const doneCell = stepCell(row, 'done');
      const done = isBlank(doneCell) ? ({ ok: true, value: false, display: 'No' } as const) : parseDone(doneCell, comparable(cellText(doneCell)));
      if (!text.ok) problem(`${text.reason} – a new next step needs its text`, 'text');
      if (!leads.ok) problem(leads.reason, 'leads');
      if (!timescale.ok) problem(timescale.reason, 'timescale');
      if (!done.ok) problem(done.reason, 'done');
      if (!text.ok || !leads.ok || !timescale.ok || !done.ok) continue;
      // A workbook imported twice must not add its new steps twice: the same text on the same action is
      // taken to be the same step.
      const sameText = stepTexts(action).get(text.value.toLowerCase());
      if (sameText !== undefined) {
        notices.push({
          sheet: SHEET.steps,
          row: row.row,
          column: 'Next step',
          columnLetter: columnLetter(stepColumns.get('text')!),
          reason: `action ${action.number} already has this next step (${sameText}); it was not added again`,
        });
        continue;
      }
      stepTexts(action).set(text.value.toLowerCase(), `added from row ${row.row}`);
      const added = (newStepCounts.get(action.id) ?? 0) + 1;
      newStepCounts.set(action.id, added);
      if (action.nextSteps.length + added > 200) {
        problem(`action ${action.number} would have more than 200 next steps`, 'text');
        continue;
      }
      const summary = [text.value, leads.display, timescale.value, done.value ? 'done' : '']
        .filter((part) => part.length > 0)
        .join(' — ');
      changes.push({
        ...base,
        column: 'Next step',
        field: 'newStep',
        value: { text: text.value, leads: leads.value, timescaleText: timescale.value, done: done.value },
        stepCount: action.nextSteps.length,
        old: '',
        new: summary,
      });
      continue;
    }

    const key = `${number.toLowerCase()}#${stepNo.toLowerCase()}`;
    const firstRow = seenSteps.get(key);
    if (firstRow !== undefined) {
      problem(`step ${stepNo} of action ${number} appears twice (also on row ${firstRow}) – leave Step No. empty to add a new step`, 'stepNo');
      continue;
    }
    seenSteps.set(key, row.row);
    const entry = exportedSteps.get(key);
    if (entry?.actionId !== action.id) {
      problem(`action ${number} had no step ${stepNo} when exported – Step No. can't be changed; leave it empty to add a new step`, 'stepNo');
      continue;
    }
    const step = action.nextSteps.find((candidate) => candidate.id === entry.stepId);
    if (!step) {
      problem(`step ${stepNo} of action ${number} is no longer in the plan (it was removed in the app after this workbook was exported)`, 'stepNo');
      continue;
    }
    const current = stepRowTexts(action, step, stepNo);
    const stepBase = { ...base, stepId: step.id, stepNo };
    STEP_COLUMNS.forEach((column, exportIndex) => {
      if (column.role === 'key') return;
      const index = stepColumns.get(column.key)!;
      const at: FieldContext = {
        sheet: SHEET.steps,
        row: row.row,
        column: column.header,
        columnLetter: columnLetter(index),
        cell: row.cells[index],
        current: comparable(current[column.key]),
        exported: entry.fingerprints[exportIndex],
        problems,
        notices,
      };
      const where = { ...stepBase, column: column.header };
      if (column.key === 'text') {
        const outcome = compareField(at, (text) => parseFreeText(text, 4000, true), current.text, (value) => sameText(value, step.text));
        if (outcome.kind === 'change') changes.push({ ...where, field: 'stepText', value: outcome.value, old: comparable(step.text), new: outcome.display });
      } else if (column.key === 'leads') {
        const outcome = compareField(at, (text) => parseLeads(text, doc), current.leads, (value) => sameText(leadsToText(value), current.leads));
        if (outcome.kind === 'change') changes.push({ ...where, field: 'stepLeads', value: outcome.value, old: current.leads, new: outcome.display });
      } else if (column.key === 'timescale') {
        const outcome = compareField(at, (text) => parseFreeText(text, 200, false), current.timescale, (value) =>
          sameText(value, step.timescale.text),
        );
        if (outcome.kind === 'change') {
          changes.push({ ...where, field: 'stepTimescale', value: outcome.value, old: comparable(step.timescale.text), new: outcome.display });
        }
      } else {
        const outcome = compareField(at, (text) => parseDone(at.cell, text), current.done, (value) => value === step.done);
        if (outcome.kind === 'change') changes.push({ ...where, field: 'stepDone', value: outcome.value, old: current.done, new: outcome.display });
      }
    });
  }
  for (const entry of ids.steps) {
    if (seenSteps.has(`${entry.number.toLowerCase()}#${entry.stepNo.toLowerCase()}`)) continue;
    const action = actionsById.get(entry.actionId);
    if (action?.number !== entry.number || !seenNumbers.has(entry.number.toLowerCase())) continue; // reported on "Action plan"
    problems.push({
      sheet: SHEET.steps,
      row: entry.row,
      column: 'Step No.',
      columnLetter: columnLetter(stepColumns.get('stepNo')!),
      reason: `the row for step ${entry.stepNo} of action ${entry.number} was removed – put it back; to close a step, set Done to Yes`,
    });
  }

  return result(meta);
}

// ---------------------------------------------------------------------------------------------------
// Applying
// ---------------------------------------------------------------------------------------------------

function stale(change: ImportChange, now: string): DomainError {
  const step = 'stepNo' in change ? ` step ${change.stepNo}` : '';
  return new DomainError(
    'conflict',
    `Action ${change.actionNumber}${step} ${CHANGE_FIELD_LABELS[change.field]} is now "${short(now)}", not "${short(change.old)}" as previewed; ` +
      'nothing was imported – read the workbook again.',
  );
}

/**
 * Applies every previewed change through operations.updateAction, one call per change, so the update log
 * gets one entry per change. All or nothing: refuses (throws, nothing applied) when the set has problems,
 * or when the plan no longer holds the values the preview showed as "old".
 */
export function applyWorkbookChanges(
  doc: PlanDocument,
  changes: WorkbookChangeSet | readonly ImportChange[],
  ctx: EditContext,
): PlanDocument {
  let list: readonly ImportChange[];
  if (Array.isArray(changes)) {
    list = changes as readonly ImportChange[];
  } else {
    const set = changes as WorkbookChangeSet;
    if (set.problems.length > 0) {
      throw new DomainError(
        'invalid',
        `The workbook has ${set.problems.length} problem${set.problems.length === 1 ? '' : 's'}, so nothing was imported. ` +
          `First: ${describeIssue(set.problems[0]!)}`,
      );
    }
    list = set.changes;
  }

  let next = doc;
  const added = new Map<string, number>();
  for (const change of list) {
    const action = next.actions.find((candidate) => candidate.id === change.actionId);
    if (!action) throw new DomainError('not_found', `Action ${change.actionNumber} is no longer in the plan; nothing was imported.`);
    const stepOf = (stepId: string, stepNo: string) => {
      const step = action.nextSteps.find((candidate) => candidate.id === stepId);
      if (!step) throw new DomainError('not_found', `Action ${action.number} no longer has step ${stepNo}; nothing was imported.`);
      return step;
    };
    const withStep = (stepId: string, edit: (draft: NextStepDraft) => NextStepDraft) =>
      stepDrafts(action).map((draft) => (draft.id === stepId ? edit(draft) : draft));

    let edit: Parameters<typeof updateAction>[2];
    switch (change.field) {
      case 'achievement':
        if (comparable(action.achievement) !== change.old) throw stale(change, comparable(action.achievement));
        edit = { achievement: change.value };
        break;
      case 'timescale':
        if (comparable(action.timescale.text) !== change.old) throw stale(change, comparable(action.timescale.text));
        edit = { timescaleText: change.value };
        break;
      case 'status':
        if (STATUS_LABELS[action.status] !== change.old) throw stale(change, STATUS_LABELS[action.status]);
        edit = { status: change.value };
        break;
      case 'stepText': {
        const step = stepOf(change.stepId, change.stepNo);
        if (comparable(step.text) !== change.old) throw stale(change, comparable(step.text));
        edit = { nextSteps: withStep(step.id, (draft) => ({ ...draft, text: change.value })) };
        break;
      }
      case 'stepLeads': {
        const step = stepOf(change.stepId, change.stepNo);
        if (leadsToText(step.leads) !== change.old) throw stale(change, leadsToText(step.leads));
        edit = { nextSteps: withStep(step.id, (draft) => ({ ...draft, leads: change.value })) };
        break;
      }
      case 'stepTimescale': {
        const step = stepOf(change.stepId, change.stepNo);
        if (comparable(step.timescale.text) !== change.old) throw stale(change, comparable(step.timescale.text));
        edit = { nextSteps: withStep(step.id, (draft) => ({ ...draft, timescaleText: change.value })) };
        break;
      }
      case 'stepDone': {
        const step = stepOf(change.stepId, change.stepNo);
        if (doneLabel(step.done) !== change.old) throw stale(change, doneLabel(step.done));
        edit = { nextSteps: withStep(step.id, (draft) => ({ ...draft, done: change.value })) };
        break;
      }
      case 'newStep': {
        const already = added.get(action.id) ?? 0;
        if (action.nextSteps.length !== change.stepCount + already) {
          throw new DomainError(
            'conflict',
            `Action ${action.number}'s next steps changed since the preview; nothing was imported – read the workbook again.`,
          );
        }
        added.set(action.id, already + 1);
        edit = { nextSteps: [...stepDrafts(action), { ...change.value }] };
        break;
      }
    }
    next = updateAction(next, action.id, edit, ctx).doc;
  }
  return next;
}
