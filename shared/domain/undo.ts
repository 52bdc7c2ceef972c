import { actionSchema } from '../model/action';
import type { Action } from '../model/action';
import type { PlanDocument } from '../model/plan';
import type { UpdateLogEntry } from '../model/updateLog';
import { DomainError } from './errors';
import { ACTION_FIELDS, isActionField } from '../model/actionFields';
import { recordedBy, replaceAction } from './operations';
import type { EditContext } from './operations';

/** The update-log entries one edit wrote. Entries from before change ids existed stand alone. */
export function entriesOfChange(doc: PlanDocument, changeId: string): UpdateLogEntry[] {
  return doc.updateLog.filter((entry) => (entry.changeId ?? entry.id) === changeId);
}

/** The change id of the newest entry, i.e. of the edit that was just saved. */
export function latestChangeId(doc: PlanDocument): string | null {
  const last = doc.updateLog.at(-1);
  return last ? (last.changeId ?? last.id) : null;
}

/** The changes logged after the first `fromLength` entries: what one save added, in order. */
export function changeIdsSince(doc: PlanDocument, fromLength: number): string[] {
  return [...new Set(doc.updateLog.slice(fromLength).map((entry) => entry.changeId ?? entry.id))];
}

/**
 * What an undo or redo did, read from the log entries it wrote: "Undone: action 3 status".
 * Undoing a deletion logs a "created" entry, so lifecycle entries are named by the edit they reverse.
 */
export function describeReplay(doc: PlanDocument, direction: 'undo' | 'redo'): string {
  const verb = direction === 'undo' ? 'Undone' : 'Redone';
  const changeId = latestChangeId(doc);
  const entries = changeId ? entriesOfChange(doc, changeId) : [];
  const first = entries[0];
  if (!first) return `${verb}.`;
  const lifecycle = entries.find((entry) => entry.field === 'created' || entry.field === 'deleted');
  if (lifecycle) {
    const reversed = direction === 'undo' ? (lifecycle.field === 'created' ? 'deleted' : 'created') : lifecycle.field;
    return `${verb}: ${reversed === 'created' ? 'creating' : 'deleting'} action ${first.actionNumber}`;
  }
  const fields = entries.map((entry) => (isActionField(entry.field) ? ACTION_FIELDS[entry.field].words : entry.field));
  return `${verb}: action ${first.actionNumber} ${fields.join(', ')}`;
}

/**
 * Takes back a unit of changes (everything one save logged), newest first. Taking back an undo is a redo,
 * so both directions of the history use this.
 */
export function revertChanges(doc: PlanDocument, changeIds: readonly string[], ctx: EditContext): PlanDocument {
  return [...changeIds].reverse().reduce((next, changeId) => replayChange(next, changeId, 'undo', ctx), doc);
}

function restoredAction(json: string): Action {
  const parsed = actionSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new DomainError('conflict', 'The logged copy of this action can no longer be restored.');
  return parsed.data;
}

function logOne(doc: PlanDocument, action: Action, field: 'created' | 'deleted', ctx: EditContext): PlanDocument {
  const id = ctx.newId();
  const entry: UpdateLogEntry = {
    id,
    changeId: id,
    actionId: action.id,
    actionNumber: action.number,
    at: ctx.now,
    ...recordedBy(ctx),
    field,
    old: field === 'deleted' ? JSON.stringify(action) : 'null',
    new: field === 'created' ? JSON.stringify(action) : 'null',
  };
  return { ...doc, updateLog: [...doc.updateLog, entry] };
}

/**
 * Undo sets every field an edit changed back to its logged old value; redo sets it to the logged new value.
 * Either is itself a logged edit, so the record of who changed what stays complete.
 */
export function replayChange(
  doc: PlanDocument,
  changeId: string,
  direction: 'undo' | 'redo',
  ctx: EditContext,
): PlanDocument {
  const entries = entriesOfChange(doc, changeId);
  if (entries.length === 0) throw new DomainError('not_found', 'There is no such change in the update log.');
  const actionId = entries[0]!.actionId;
  const current = doc.actions.find((action) => action.id === actionId);
  const value = (entry: UpdateLogEntry) => (direction === 'undo' ? entry.old : entry.new);
  const lifecycle = entries.find((entry) => entry.field === 'created' || entry.field === 'deleted');

  if (lifecycle) {
    const revives = (lifecycle.field === 'deleted') === (direction === 'undo');
    if (revives) {
      if (current) throw new DomainError('conflict', `Action ${lifecycle.actionNumber} already exists.`);
      const action = restoredAction(value(lifecycle));
      if (doc.actions.some((other) => other.number.toLowerCase() === action.number.toLowerCase())) {
        throw new DomainError('conflict', `Action number ${action.number} has since been used by another action.`);
      }
      return logOne({ ...doc, actions: [...doc.actions, action] }, action, 'created', ctx);
    }
    if (!current) throw new DomainError('conflict', `Action ${lifecycle.actionNumber} has already been deleted.`);
    return logOne({ ...doc, actions: doc.actions.filter((action) => action.id !== actionId) }, current, 'deleted', ctx);
  }

  if (!current)
    throw new DomainError('conflict', `Action ${entries[0]!.actionNumber} has been deleted since that change.`);
  const fields = Object.fromEntries(
    entries.filter((entry) => isActionField(entry.field)).map((entry) => [entry.field, JSON.parse(value(entry))]),
  );
  const after = actionSchema.safeParse({ ...current, ...fields });
  if (!after.success)
    throw new DomainError('conflict', `That change to action ${current.number} can no longer be applied.`);
  if (
    doc.actions.some((other) => other.id !== actionId && other.number.toLowerCase() === after.data.number.toLowerCase())
  ) {
    throw new DomainError('conflict', `Action number ${after.data.number} has since been used by another action.`);
  }
  return replaceAction(doc, after.data, ctx).doc;
}

/**
 * The parts of a plan whose edits are not in the update log (the matrix, assessments and their
 * corrections, measures and their figures). An edit to them is undone by putting back the part as it
 * was, provided it is still exactly as that edit left it.
 */
const RECORD_PARTS = ['matrix', 'assessments', 'measures'] as const;
type RecordParts = Partial<Pick<PlanDocument, (typeof RECORD_PARTS)[number]>>;

/** One edit to those parts: each changed part before and after it. */
export interface RecordsChange {
  before: RecordParts;
  after: RecordParts;
}

/** What an edit did to the parts outside the update log, or null. Edits replace what they change, so identity tells. */
export function recordsChanged(before: PlanDocument, after: PlanDocument): RecordsChange | null {
  const parts = RECORD_PARTS.filter((part) => before[part] !== after[part]);
  if (parts.length === 0) return null;
  const pick = (doc: PlanDocument) => Object.fromEntries(parts.map((part) => [part, doc[part]])) as RecordParts;
  return { before: pick(before), after: pick(after) };
}

/** Which of those parts differ in content between two copies of a plan (e.g. before and after an undo), in words. */
export function changedRecordParts(before: PlanDocument, after: PlanDocument): string[] {
  const words = { matrix: 'the matrix', assessments: 'assessments', measures: 'measures' } as const;
  return RECORD_PARTS.filter((part) => JSON.stringify(before[part]) !== JSON.stringify(after[part])).map(
    (part) => words[part],
  );
}

/** The same change the other way round, for the redo of an undo. */
export function invertRecords(change: RecordsChange): RecordsChange {
  return { before: change.after, after: change.before };
}

/** Puts back the parts as they were before the change; refused if anything has changed them since. */
export function revertRecords(doc: PlanDocument, change: RecordsChange): PlanDocument {
  const parts = Object.keys(change.after) as (keyof RecordParts)[];
  if (parts.some((part) => JSON.stringify(doc[part]) !== JSON.stringify(change.after[part]))) {
    throw new DomainError(
      'conflict',
      'The matrix or the measures have changed since; that change can no longer be undone.',
    );
  }
  return { ...doc, ...change.before };
}
