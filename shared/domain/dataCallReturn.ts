/**
 * A lead's data-call workbook coming back: which call and lead it answers, the changes it makes, the
 * conflicts with edits made in the app since the call, and the new measure figures.
 *
 * The workbook holds the plan workbook's "Next steps" and "_ids" sheets and its "Action plan" sheet under
 * the name "My actions", so the plan workbook's diff (shared/domain/workbook/) reads it: its three-way
 * compare keeps a cell the lead left alone from undoing a newer edit in the app. Where the lead and the app
 * both changed a field since the call, that diff reports a problem; here such a field becomes a conflict
 * for the secretary to settle instead, found by a second read in which the field's exported fingerprint
 * is replaced by the app's value now (the lead's edit then reads as a change from the app's value).
 */
import type { DataCall, DataCallLead } from '../model/dataCall';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { addMeasureValue } from './planRecords';
import { markReturned } from './dataCall';
import { DomainError } from './errors';
import type { EditContext } from './operations';
import type { ImportChange, ImportNotice, ImportProblem, ParsedSheet, ParsedWorkbook } from './workbook';
import {
  IDS_TABLE_HEADER,
  PLAN_COLUMNS,
  SHEET,
  STEP_COLUMNS,
  actionRowTexts,
  applyWorkbookChanges,
  cellKey,
  cellText,
  comparable,
  describeIssue,
  fingerprint,
  planWorkbookChanges,
  stepRowTexts,
} from './workbook';

export const LEAD_SHEET = {
  instructions: 'Instructions',
  actions: 'My actions',
  measures: 'My measures',
} as const;

/** The "_ids" rows that say which data call and lead a workbook was made for. */
export const DATA_CALL_META = { callId: 'dataCallId', fileName: 'dataCallFile', lead: 'dataCallLead' } as const;
/** "_ids" key naming the measure on one row of "My measures": `measureRow:5`. */
export const MEASURE_ROW_KEY = 'measureRow:';

export const MEASURE_COLUMNS = [
  { header: 'Measure', width: 40, editable: false },
  { header: 'Latest value', width: 12, editable: false },
  { header: 'Its date', width: 13, editable: false },
  { header: 'Note', width: 30, editable: false },
  { header: 'New value', width: 12, editable: true },
  { header: 'Date of new value', width: 14, editable: true },
  { header: 'Note on new value', width: 40, editable: true },
] as const;

export interface ReturnConflict {
  /** Names the field on its row, for the secretary's choice. */
  key: string;
  /** The lead's edit, read against the app's value now: applied as it is when the lead's value is taken. */
  change: ImportChange;
  changedBy: string;
  changedAt: string;
}

export interface ReturnMeasureValue {
  measureId: string;
  measure: string;
  date: IsoDate;
  value: number;
  note: string;
  row: number;
}

export interface DataCallReturn {
  call: DataCall | null;
  lead: DataCallLead | null;
  changes: ImportChange[];
  conflicts: ReturnConflict[];
  measureValues: ReturnMeasureValue[];
  problems: ImportProblem[];
  notices: ImportNotice[];
}

const placeOf = (sheet: string | null, row: number | null, column: string | null) => `${sheet}!${row}!${column}`;

/** The key/value rows above the row table of "_ids". */
function idsMeta(sheet: ParsedSheet): Map<string, string> {
  const values = new Map<string, string>();
  for (const cells of [sheet.header, ...sheet.rows.map((row) => row.cells)]) {
    const key = comparable(cellText(cells[0]));
    if (key === IDS_TABLE_HEADER[0]) break;
    if (key) values.set(key, comparable(cellText(cells[1])));
  }
  return values;
}

/**
 * "_ids" with the fingerprint of every field the app changed since the call replaced by the app's value
 * now, so that the diff reads the lead's edit of such a field as a change from the app's value.
 */
function idsAsOfNow(doc: PlanDocument, ids: ParsedSheet, changedSince: ReadonlySet<string>, today: IsoDate) {
  const actions = new Map(doc.actions.map((action) => [action.id, action]));
  const areaNames = new Map(doc.matrix.areas.map((area) => [area.id, area.name]));
  let inTable = false;
  const rows = ids.rows.map((row) => {
    const texts = row.cells.map((cell) => comparable(cellText(cell)));
    if (!inTable) {
      inTable = texts[0] === IDS_TABLE_HEADER[0];
      return row;
    }
    const [sheetName, , actionId = '', , stepId = '', stepNo = '', prints = ''] = texts;
    const action = actions.get(actionId);
    if (!action) return row;
    const fingerprints = prints.split(' ');
    if (sheetName === SHEET.plan) {
      const now = actionRowTexts(areaNames.get(action.areaId) ?? action.areaId, action, today);
      PLAN_COLUMNS.forEach((column, index) => {
        if (column.role === 'editable' && changedSince.has(`${actionId}#${column.key}`))
          fingerprints[index] = fingerprint(comparable(now[column.key]));
      });
    } else {
      const step = action.nextSteps.find((candidate) => candidate.id === stepId);
      if (!step || !changedSince.has(`${actionId}#nextSteps`)) return row;
      const now = stepRowTexts(action, step, stepNo);
      STEP_COLUMNS.forEach((column, index) => {
        if (column.role === 'editable') fingerprints[index] = fingerprint(comparable(now[column.key]));
      });
    }
    const cells = [...row.cells];
    cells[6] = { kind: 'text' as const, text: fingerprints.join(' ') };
    return { ...row, cells };
  });
  return { ...ids, rows };
}

/** A date typed as text: "2027-03-31", or "31/03/2027" as people in England write it. */
function typedDate(typed: string): string {
  const british = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
  return british ? `${british[3]}-${british[2]!.padStart(2, '0')}-${british[1]!.padStart(2, '0')}` : typed;
}

function readMeasureValues(
  doc: PlanDocument,
  sheet: ParsedSheet | undefined,
  meta: ReadonlyMap<string, string>,
  problems: ImportProblem[],
): ReturnMeasureValue[] {
  if (!sheet) return [];
  const measures = new Map(doc.measures.map((measure) => [measure.id, measure]));
  const found: ReturnMeasureValue[] = [];
  const valueAt = MEASURE_COLUMNS.findIndex((column) => column.header === 'New value');
  for (const row of sheet.rows) {
    const [valueCell, dateCell, noteCell] = [row.cells[valueAt], row.cells[valueAt + 1], row.cells[valueAt + 2]];
    if (cellKey(valueCell) === '' && cellKey(dateCell) === '') continue;
    const problem = (column: number, reason: string) =>
      problems.push({
        sheet: LEAD_SHEET.measures,
        row: row.row,
        column: MEASURE_COLUMNS[column]!.header,
        columnLetter: String.fromCharCode(65 + column),
        reason,
      });
    const measure = measures.get(meta.get(`${MEASURE_ROW_KEY}${row.row}`) ?? '');
    if (!measure) {
      problem(0, 'this row is not one of the measures the workbook was sent with – add new values on their own rows');
      continue;
    }
    const value = valueCell?.kind === 'number' ? valueCell.value : Number(comparable(cellText(valueCell)));
    if (cellKey(valueCell) === '' || !Number.isFinite(value)) {
      problem(valueAt, `the new value of "${measure.name}" must be a number`);
      continue;
    }
    const date = dateCell?.kind === 'date' ? dateCell.iso : typedDate(comparable(cellText(dateCell)));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      problem(
        valueAt + 1,
        `the new value of "${measure.name}" needs the date it is for, as a date (such as 31/03/2027)`,
      );
      continue;
    }
    if (measure.values.some((point) => point.date === date && point.withdrawn === undefined)) {
      problem(valueAt + 1, `"${measure.name}" already has a value for ${date}; correct it in the app instead`);
      continue;
    }
    found.push({
      measureId: measure.id,
      measure: measure.name,
      date,
      value,
      note: comparable(cellText(noteCell)).slice(0, 400),
      row: row.row,
    });
  }
  return found;
}

/** Reads a returned workbook against the plan. Nothing is applied here. */
export function dataCallReturnChanges(doc: PlanDocument, parsed: ParsedWorkbook, today: IsoDate): DataCallReturn {
  const result: DataCallReturn = {
    call: null,
    lead: null,
    changes: [],
    conflicts: [],
    measureValues: [],
    problems: [],
    notices: [],
  };
  const refuse = (reason: string) => {
    result.problems.push({ sheet: null, row: null, column: null, columnLetter: null, reason });
    return result;
  };
  if (parsed.error !== null) return refuse(parsed.error);
  const ids = parsed.sheets[SHEET.ids];
  const meta = ids ? idsMeta(ids) : new Map<string, string>();
  const callId = meta.get(DATA_CALL_META.callId);
  if (!ids || !callId) {
    return refuse(
      'this workbook is not a data-call return: it was not made by "Start a data call" in Action Plan Tracker – ' +
        'import a whole-plan workbook with "Import from Excel" instead',
    );
  }
  if (meta.get('planId') !== doc.plan.id) {
    return refuse(
      `this workbook was sent with a data call from another plan ("${meta.get('planTitle') ?? ''}"), not from "${doc.plan.title}"`,
    );
  }
  const call = doc.dataCalls.find((candidate) => candidate.id === callId);
  if (!call) return refuse('this workbook was sent with a data call that is no longer in this plan');
  const lead = call.leads.find((candidate) => candidate.fileName === meta.get(DATA_CALL_META.fileName));
  if (!lead) return refuse('this workbook names a lead the data call did not ask');
  result.call = call;
  result.lead = lead;
  const actionsSheet = parsed.sheets[LEAD_SHEET.actions];
  if (!actionsSheet)
    return refuse(`the sheet "${LEAD_SHEET.actions}" is missing – put it back, or ask for a new workbook`);

  const asPlan = { ...parsed, sheets: { ...parsed.sheets, [SHEET.plan]: { ...actionsSheet, name: SHEET.plan } } };
  const first = planWorkbookChanges(doc, asPlan);
  const changedSince = new Map<string, { by: string; at: string }>();
  for (const entry of doc.updateLog) {
    if (entry.at > call.createdAt) changedSince.set(`${entry.actionId}#${entry.field}`, { by: entry.by, at: entry.at });
  }
  // Only a field the app changed since the call can be a conflict: without one, the second read is skipped.
  const second =
    first.problems.length > 0 && changedSince.size > 0
      ? planWorkbookChanges(doc, {
          ...asPlan,
          sheets: { ...asPlan.sheets, [SHEET.ids]: idsAsOfNow(doc, ids, new Set(changedSince.keys()), today) },
        })
      : { changes: [] };
  const problemAt = new Set(first.problems.map((problem) => placeOf(problem.sheet, problem.row, problem.column)));
  const settled = new Set<string>();
  for (const change of second.changes) {
    const place = placeOf(change.sheet, change.row, change.column);
    const logged = changedSince.get(`${change.actionId}#${'stepId' in change ? 'nextSteps' : change.field}`);
    if (!logged || !problemAt.has(place)) continue;
    settled.add(place);
    result.conflicts.push({ key: place, change, changedBy: logged.by, changedAt: logged.at });
  }
  const onSheet = <T extends { sheet: string | null }>(item: T): T =>
    item.sheet === SHEET.plan ? { ...item, sheet: LEAD_SHEET.actions } : item;
  result.changes = first.changes.map(onSheet);
  result.conflicts = result.conflicts.map((conflict) => ({ ...conflict, change: onSheet(conflict.change) }));
  result.problems = first.problems
    .filter((problem) => !settled.has(placeOf(problem.sheet, problem.row, problem.column)))
    .map(onSheet);
  result.notices = first.notices.map(onSheet);
  result.measureValues = readMeasureValues(doc, parsed.sheets[LEAD_SHEET.measures], meta, result.problems);
  return result;
}

/**
 * Applies a return, all of it or none: its changes, the lead's side of each conflict the secretary chose
 * to take (`takeLead` holds their keys), and its new measure values; every change is logged under the
 * lead's name, and the lead is marked as returned.
 */
export function applyDataCallReturn(
  doc: PlanDocument,
  found: DataCallReturn,
  takeLead: ReadonlySet<string>,
  ctx: EditContext,
): PlanDocument {
  const { call, lead } = found;
  if (found.problems.length > 0 || !call || !lead) {
    const first = found.problems[0];
    throw new DomainError(
      'invalid',
      `This return has ${found.problems.length} problem${found.problems.length === 1 ? '' : 's'}, so nothing was imported.` +
        (first ? ` First: ${describeIssue(first)}` : ''),
    );
  }
  const asLead = { ...ctx, by: lead.name };
  const taken = found.conflicts.filter((conflict) => takeLead.has(conflict.key)).map((conflict) => conflict.change);
  let next = applyWorkbookChanges(doc, [...found.changes, ...taken], asLead);
  for (const point of found.measureValues) {
    next = addMeasureValue(
      next,
      { measureId: point.measureId, date: point.date, value: point.value, note: point.note },
      asLead,
    );
  }
  return markReturned(next, call.id, lead.fileName, ctx.now);
}
