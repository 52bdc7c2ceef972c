import { z } from 'zod';
import { ACTION_FIELDS, draftKeyOf, typedValue } from '../model/actionFields';
import type { ActionFieldKey } from '../model/actionFields';
import { STATUS_LABELS } from '../model/action';
import type { ActionStatus } from '../model/action';
import { measureDraftSchema, planInfoChangesSchema } from '../model/drafts';
import type { ActionChanges, MeasureDraft, PersonDraft, PlanInfoChanges } from '../model/drafts';
import type { PlanDocument } from '../model/plan';
import { DomainError } from './errors';
import { stepDrafts } from './operations';

/**
 * What a page saw when it made an edit: the plan's revision and the old values of the record's fields.
 * When the plan has moved on since, a field the page changed is only written if nobody else changed it.
 */
export const basedOnSchema = z
  .object({ revision: z.number().int(), values: z.record(z.string(), z.unknown()) })
  .strict();
export type BasedOn = z.infer<typeof basedOnSchema>;

/** One field an edit was refused for: what the person typed and what the plan holds now, in words and as stored. */
export const editConflictSchema = z.object({
  field: z.string(),
  label: z.string(),
  record: z.string(),
  yours: z.string(),
  theirs: z.string(),
  /** The value now in the plan as an edit gives it: "Keep mine" sends it back as the value the edit is based on. */
  current: z.unknown(),
});
export type EditConflict = z.infer<typeof editConflictSchema>;

/** An edit refused whole because a field it changes was changed elsewhere since the page read it. */
export class EditConflictError extends DomainError {
  constructor(
    readonly conflicts: EditConflict[],
    readonly revision: number,
  ) {
    super('conflict', conflictMessage(conflicts), conflicts[0]?.field);
    this.name = 'EditConflictError';
  }
}

function conflictMessage(conflicts: readonly EditConflict[]): string {
  const each = conflicts.map(
    (conflict) =>
      `${conflict.label} of ${conflict.record} was changed to ${conflict.theirs} in another window since you opened it; yours: ${conflict.yours}.`,
  );
  return `Not saved: ${each.join(' ')} Choose "Keep mine" or "Take theirs".`;
}

/** How an edit of one existing record names it and reads and writes its fields, the same way on both sides. */
interface RecordEdit<I> {
  /** The record's fields as an edit gives them, and how a person names it; null when the edit creates one. */
  target(doc: PlanDocument, input: I): { name: string; values: Record<string, unknown> } | null;
  /** The fields the input sets. */
  fields(input: I): Record<string, unknown>;
  /** The input with these fields; `untouched` are those the person left as they were. */
  withFields(input: I, fields: Record<string, unknown>, untouched: readonly string[]): I;
  label(field: string): string;
  /** One form for comparing, so a value typed differently but meaning the same is not taken for a change. */
  canonical(field: string, value: unknown): string;
}

/** Objects written with their keys in one order, so equal values give equal text. */
function stableText(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

const actionFieldOf = (draftKey: string): ActionFieldKey | undefined =>
  (Object.keys(ACTION_FIELDS) as ActionFieldKey[]).find((key) => draftKeyOf(ACTION_FIELDS, key) === draftKey);

function words(text: string): string {
  return (
    text.charAt(0).toUpperCase() +
    text
      .slice(1)
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase()
  );
}

const updateAction: RecordEdit<{ id: string; changes: ActionChanges }> = {
  target(doc, { id }) {
    const action = doc.actions.find((candidate) => candidate.id === id);
    if (!action) return null;
    const values = Object.fromEntries(
      (Object.keys(ACTION_FIELDS) as ActionFieldKey[]).map((key) => [
        draftKeyOf(ACTION_FIELDS, key),
        key === 'nextSteps' ? stepDrafts(action) : typedValue(action, key),
      ]),
    );
    return { name: `action ${action.number}`, values };
  },
  fields: ({ changes }) => changes,
  withFields: (input, fields, untouched) => ({
    ...input,
    changes: Object.fromEntries(Object.entries(fields).filter(([key]) => !untouched.includes(key))),
  }),
  label: (field) => {
    const key = actionFieldOf(field);
    return key ? ACTION_FIELDS[key].label : field;
  },
  canonical(field, value) {
    const key = actionFieldOf(field);
    const parsed = key ? ACTION_FIELDS[key].schema.safeParse(value) : null;
    return stableText(parsed?.success ? parsed.data : value);
  },
};

const savePerson: RecordEdit<{ person: PersonDraft }> = {
  target(doc, { person }) {
    const found = person.id === undefined ? undefined : doc.people.find((candidate) => candidate.id === person.id);
    return found
      ? { name: found.name, values: { name: found.name, role: found.role, organisation: found.organisation } }
      : null;
  },
  fields: ({ person: { id: _id, ...fields } }) => fields,
  withFields: (input, fields) => ({ person: { ...input.person, ...fields } }),
  label: words,
  canonical: (_field, value) => stableText(value),
};

const PLAN_INFO_KEYS = Object.keys(planInfoChangesSchema.shape);
const updatePlanInfo: RecordEdit<{ changes: PlanInfoChanges }> = {
  target: (doc) => ({
    name: "the plan's details",
    values: Object.fromEntries(PLAN_INFO_KEYS.map((key) => [key, (doc.plan as Record<string, unknown>)[key]])),
  }),
  fields: ({ changes }) => changes,
  withFields: (_input, fields, untouched) => ({
    changes: Object.fromEntries(Object.entries(fields).filter(([key]) => !untouched.includes(key))),
  }),
  label: words,
  canonical: (_field, value) => stableText(value),
};

const MEASURE_KEYS = Object.keys(measureDraftSchema.shape).filter((key) => key !== 'id');
const saveMeasure: RecordEdit<{ measure: MeasureDraft }> = {
  target(doc, { measure }) {
    const found = measure.id === undefined ? undefined : doc.measures.find((candidate) => candidate.id === measure.id);
    if (!found) return null;
    const values = Object.fromEntries(MEASURE_KEYS.map((key) => [key, (found as Record<string, unknown>)[key]]));
    return { name: `measure "${found.name}"`, values };
  },
  fields: ({ measure: { id: _id, ...fields } }) => fields,
  withFields: (input, fields) => ({ measure: { ...input.measure, ...fields } }),
  label: words,
  canonical: (_field, value) => stableText(value),
};

/** The edits of one existing record whose fields are checked one by one; other edits check that their record exists. */
export const RECORD_EDITS = { updateAction, savePerson, updatePlanInfo, saveMeasure };
export type RecordEditMethod = keyof typeof RECORD_EDITS;
export type RecordEditInput<M extends RecordEditMethod> =
  (typeof RECORD_EDITS)[M] extends RecordEdit<infer I> ? I : never;

export function isRecordEdit(method: string): method is RecordEditMethod {
  return Object.hasOwn(RECORD_EDITS, method);
}

/** The old values a page sends with an edit: every field of the record as the page holds it. */
export function basedOnValues<M extends RecordEditMethod>(
  method: M,
  doc: PlanDocument,
  input: RecordEditInput<M>,
): Record<string, unknown> {
  const edit = RECORD_EDITS[method] as RecordEdit<RecordEditInput<M>>;
  return edit.target(doc, input)?.values ?? {};
}

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (field === 'status' && typeof value === 'string' && Object.hasOwn(STATUS_LABELS, value))
    return STATUS_LABELS[value as ActionStatus];
  if (Array.isArray(value)) {
    const names = value.map((item: unknown) =>
      typeof item === 'object' && item !== null && 'name' in item ? String(item.name) : null,
    );
    if (names.every((name) => name !== null)) return names.length ? names.join(', ') : '(none)';
    return `${value.length} ${field === 'nextSteps' ? 'next steps' : 'items'}`;
  }
  const text = typeof value === 'string' ? value : stableText(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The edit to make to the plan as it is now. At the revision the page saw, the input as it is. After edits
 * elsewhere: a field the person left as they saw it keeps what is there now; a field they changed is written
 * if it still holds what they saw; otherwise the whole edit is refused, naming each such field.
 */
export function rebaseEdit<M extends RecordEditMethod>(
  method: M,
  doc: PlanDocument,
  input: RecordEditInput<M>,
  basedOn: BasedOn | undefined,
  revision: number,
): RecordEditInput<M> {
  if (basedOn === undefined || basedOn.revision === revision) return input;
  const edit = RECORD_EDITS[method] as RecordEdit<RecordEditInput<M>>;
  const target = edit.target(doc, input);
  if (target === null) return input;
  const same = (field: string, a: unknown, b: unknown) => edit.canonical(field, a) === edit.canonical(field, b);
  const merged: Record<string, unknown> = {};
  const untouched: string[] = [];
  const conflicts: EditConflict[] = [];
  for (const [field, mine] of Object.entries(edit.fields(input))) {
    const seen = basedOn.values[field];
    const now = target.values[field];
    if (same(field, mine, seen)) {
      untouched.push(field);
      merged[field] = now;
    } else if (same(field, now, seen) || same(field, now, mine)) {
      merged[field] = mine;
    } else {
      conflicts.push({
        field,
        label: edit.label(field),
        record: target.name,
        yours: shown(field, mine),
        theirs: shown(field, now),
        current: now,
      });
    }
  }
  if (conflicts.length > 0) throw new EditConflictError(conflicts, revision);
  return edit.withFields(input, merged, untouched);
}
