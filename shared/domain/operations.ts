import type { Action, NextStep, Timescale } from '../model/action';
import { nextStepSchema, timescaleSchema } from '../model/action';
import type { Assessment } from '../model/matrix';
import type { PlanDocument } from '../model/plan';
import type { Lead, Person, RecordedBy } from '../model/people';
import { leadSchema, personSchema } from '../model/people';
import { assertManagerAllowed } from './team';
import { keepUnknownFields } from '../model/primitives';
import { ACTION_FIELDS, LOGGED_FIELDS, NEXT_STEP_FIELDS, draftKeyOf, typedValue } from '../model/actionFields';
import type { NextStepFieldKey } from '../model/actionFields';
import type { UpdateLogEntry } from '../model/updateLog';
import {
  actionChangesSchema,
  actionDraftSchema,
  assessmentDraftSchema,
  nextStepDraftSchema,
  personDraftSchema,
  planInfoChangesSchema,
} from '../model/drafts';
import type {
  ActionChanges,
  ActionDraft,
  AssessmentDraft,
  NextStepDraft,
  PersonDraft,
  PlanInfoChanges,
} from '../model/drafts';
import { planInfoSchema } from '../model/plan';
import { DomainError } from './errors';
import { timescaleFromText } from './timescale';

/**
 * Who is editing and when: passed in so the same edit always produces the same document. `by` is the name
 * of the person chosen from People (else the computer login), `byPersonId` links to them, and `login` is
 * kept beside it so a record can still be traced to the computer account that made it.
 */
export interface EditContext {
  now: string;
  by: string;
  byPersonId?: string;
  login?: string;
  newId: () => string;
}

/** The person's id and the login, for a record that names the person in a field of its own (`assessedBy`). */
export function recorderOf(ctx: EditContext): { byPersonId?: string; login?: string } {
  return {
    ...(ctx.byPersonId !== undefined && { byPersonId: ctx.byPersonId }),
    ...(ctx.login !== undefined && { login: ctx.login }),
  };
}

/** The "who" of a record that keeps the person's name in `by`. */
export function recordedBy(ctx: EditContext): { by: string; byPersonId?: string; login?: string } {
  return { by: ctx.by, ...recorderOf(ctx) };
}

/** The same "who" in the shape of a record that names the person in one field (a paper issued, a data call). */
export function asRecordedBy(who: { by: string; byPersonId?: string; login?: string }): RecordedBy {
  return {
    name: who.by,
    ...(who.byPersonId !== undefined && { personId: who.byPersonId }),
    ...(who.login !== undefined && { login: who.login }),
  };
}

function findAction(doc: PlanDocument, actionId: string): Action {
  const action = doc.actions.find((candidate) => candidate.id === actionId);
  if (!action) throw new DomainError('not_found', `No action has id "${actionId}"; it may have been deleted.`);
  return action;
}

function assertArea(doc: PlanDocument, areaId: string): void {
  if (!doc.matrix.areas.some((area) => area.id === areaId)) {
    throw new DomainError('invalid', `No matrix area has id "${areaId}".`, 'areaId');
  }
}

function assertNumberFree(doc: PlanDocument, number: string, exceptId?: string): void {
  const clash = doc.actions.find(
    (action) => action.id !== exceptId && action.number.toLowerCase() === number.toLowerCase(),
  );
  if (clash) throw new DomainError('conflict', `Action number ${number} is already used.`, 'number');
}

/**
 * Step ids must stay unique within an action, so a draft repeating an id already used gets a fresh one.
 * A draft for a step that exists keeps that step's fields this version does not know.
 */
function toNextSteps(
  doc: PlanDocument,
  drafts: readonly NextStepDraft[],
  ctx: EditContext,
  existing: readonly NextStep[] = [],
): NextStep[] {
  const byId = new Map(existing.map((step) => [step.id, step]));
  const used = new Set<string>();
  return drafts.map((draft) => {
    const parsed = nextStepDraftSchema.parse(draft);
    const id = parsed.id === undefined || used.has(parsed.id) ? ctx.newId() : parsed.id;
    used.add(id);
    const previous = byId.get(id);
    const step = { id, ...storedFields(doc, NEXT_STEP_FIELDS, parsed, previous, ctx) } as NextStep;
    return keepUnknownFields(nextStepSchema.shape, previous, step);
  });
}

/**
 * The stored form of every field a draft holds, in the registry's order. Most are stored as typed; leads
 * keep what was recorded about them, a timescale's date is read from its words, steps get ids.
 */
function storedFields(
  doc: PlanDocument,
  fields: typeof ACTION_FIELDS | typeof NEXT_STEP_FIELDS,
  draft: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  ctx: EditContext,
): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = draft[draftKeyOf(fields, key)];
    if (value === undefined) continue;
    if (key === 'leads') stored[key] = withKnownLeads(value as Lead[], before?.leads as Lead[] | undefined);
    else if (key === 'timescale')
      stored[key] = retimed(doc, before?.timescale as Timescale | undefined, value as string);
    else if (key === 'nextSteps')
      stored[key] = toNextSteps(doc, value as NextStepDraft[], ctx, before?.nextSteps as NextStep[] | undefined);
    else stored[key] = value;
  }
  return stored;
}

/** Timescales are read in the plan's own financial year. */
function readIn(doc: PlanDocument, text: string): Timescale {
  return timescaleFromText(text, { yearStartMonth: doc.plan.yearStartMonth });
}

function retimed(doc: PlanDocument, previous: Timescale | undefined, text: string): Timescale {
  return keepUnknownFields(timescaleSchema.shape, previous, readIn(doc, text));
}

/** Leads are matched by name: a lead typed again keeps what another program recorded about it. */
function withKnownLeads(leads: readonly Lead[], previous: readonly Lead[] = []): Lead[] {
  const byName = new Map(previous.map((lead) => [lead.name.toLowerCase(), lead]));
  return leads.map((lead) => keepUnknownFields(leadSchema.shape, byName.get(lead.name.toLowerCase()), lead));
}

function logEntry(
  action: Action,
  field: string,
  oldValue: unknown,
  newValue: unknown,
  ctx: EditContext,
): UpdateLogEntry {
  return {
    id: ctx.newId(),
    actionId: action.id,
    actionNumber: action.number,
    at: ctx.now,
    ...recordedBy(ctx),
    field,
    old: JSON.stringify(oldValue ?? null),
    new: JSON.stringify(newValue ?? null),
  };
}

export function createAction(
  doc: PlanDocument,
  draft: ActionDraft,
  ctx: EditContext,
): { doc: PlanDocument; action: Action } {
  const input = actionDraftSchema.parse(draft);
  assertArea(doc, input.areaId);
  assertNumberFree(doc, input.number);
  const id = ctx.newId();
  const action = {
    id,
    ...storedFields(doc, ACTION_FIELDS, input, undefined, ctx),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  } as Action;
  return {
    doc: {
      ...doc,
      actions: [...doc.actions, action],
      updateLog: [...doc.updateLog, ...asOneChange([logEntry(action, 'created', null, action, ctx)])],
    },
    action,
  };
}

/** Marks entries written by one edit with a shared change id (the first entry's), so undo can find the edit. */
function asOneChange(entries: UpdateLogEntry[]): UpdateLogEntry[] {
  const changeId = entries[0]?.id;
  return entries.map((entry) => ({ ...entry, changeId }));
}

/** Puts `after` in place of the action it replaces, logging one entry per field that really changed. */
export function replaceAction(
  doc: PlanDocument,
  after: Action,
  ctx: EditContext,
): { doc: PlanDocument; action: Action } {
  const before = findAction(doc, after.id);
  const entries = LOGGED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map(
    (field) => logEntry(after, field, before[field], after[field], ctx),
  );
  if (entries.length === 0) return { doc, action: before };
  const saved = { ...after, updatedAt: ctx.now };
  return {
    doc: {
      ...doc,
      actions: doc.actions.map((action) => (action.id === saved.id ? saved : action)),
      updateLog: [...doc.updateLog, ...asOneChange(entries)],
    },
    action: saved,
  };
}

/** Applies the changed fields and appends one log entry per field whose value really changed. */
export function updateAction(
  doc: PlanDocument,
  actionId: string,
  changes: ActionChanges,
  ctx: EditContext,
): { doc: PlanDocument; action: Action } {
  const input = actionChangesSchema.parse(changes);
  const before = findAction(doc, actionId);
  if (input.areaId !== undefined) assertArea(doc, input.areaId);
  if (input.number !== undefined) assertNumberFree(doc, input.number, actionId);

  const after = { ...before, ...storedFields(doc, ACTION_FIELDS, input, before, ctx) };
  return replaceAction(doc, after, ctx);
}

export function deleteAction(doc: PlanDocument, actionId: string, ctx: EditContext): PlanDocument {
  const action = findAction(doc, actionId);
  return {
    ...doc,
    actions: doc.actions.filter((candidate) => candidate.id !== actionId),
    // A measure linked to a deleted action would otherwise fail validation the next time it is saved.
    measures: doc.measures.map((measure) =>
      measure.actionIds.includes(actionId)
        ? { ...measure, actionIds: measure.actionIds.filter((id) => id !== actionId) }
        : measure,
    ),
    updateLog: [...doc.updateLog, ...asOneChange([logEntry(action, 'deleted', action, null, ctx)])],
  };
}

/** An action's steps as drafts, ids kept: the starting point for any edit to its list of steps. */
export function stepDrafts(action: Action): NextStepDraft[] {
  const keys = Object.keys(NEXT_STEP_FIELDS) as NextStepFieldKey[];
  return action.nextSteps.map(
    (step) =>
      ({
        id: step.id,
        ...Object.fromEntries(keys.map((key) => [draftKeyOf(NEXT_STEP_FIELDS, key), typedValue(step, key)])),
      }) as NextStepDraft,
  );
}

/** Marks several of one action's steps in one edit, so one undo takes them all back. */
export function setStepsDone(
  doc: PlanDocument,
  actionId: string,
  stepIds: readonly string[],
  done: boolean,
  ctx: EditContext,
) {
  const action = findAction(doc, actionId);
  const missing = stepIds.find((stepId) => !action.nextSteps.some((step) => step.id === stepId));
  if (missing !== undefined)
    throw new DomainError('not_found', `Action ${action.number} has no next step with id "${missing}".`);
  const chosen = new Set(stepIds);
  const steps = stepDrafts(action).map((step) =>
    step.id !== undefined && chosen.has(step.id) ? { ...step, done } : step,
  );
  return updateAction(doc, actionId, { nextSteps: steps }, ctx);
}

/** Assessments are only ever added, so the history between two boards can always be shown. */
export function recordAssessment(doc: PlanDocument, draft: AssessmentDraft, ctx: EditContext) {
  const input = assessmentDraftSchema.parse(draft);
  assertArea(doc, input.areaId);
  const assessment: Assessment = { id: ctx.newId(), ...input, ...recorderOf(ctx), recordedAt: ctx.now };
  return { doc: { ...doc, assessments: [...doc.assessments, assessment] }, assessment };
}

export function savePerson(doc: PlanDocument, draft: PersonDraft, ctx: EditContext) {
  const input = personDraftSchema.parse(draft);
  const clash = doc.people.find(
    (person) => person.id !== input.id && person.name.toLowerCase() === input.name.toLowerCase(),
  );
  if (clash) throw new DomainError('conflict', `A person called ${input.name} is already listed.`, 'name');
  if (input.id !== undefined && !doc.people.some((person) => person.id === input.id)) {
    throw new DomainError('not_found', `No person has id "${input.id}".`);
  }
  const previous = doc.people.find((p) => p.id === input.id);
  const email = input.email === undefined ? previous?.email : input.email || undefined;
  const managerId = input.managerId === undefined ? previous?.managerId : (input.managerId ?? undefined);
  if (managerId !== undefined && managerId !== previous?.managerId) assertManagerAllowed(doc, input.id, managerId);
  const person = keepUnknownFields(personSchema.shape, previous, {
    id: input.id ?? ctx.newId(),
    name: input.name,
    role: input.role,
    organisation: input.organisation,
    ...(email !== undefined && { email }),
    ...(managerId !== undefined && { managerId }),
  } satisfies Person);
  const people =
    input.id === undefined ? [...doc.people, person] : doc.people.map((p) => (p.id === person.id ? person : p));
  return { doc: { ...doc, people }, person };
}

export function updatePlanInfo(doc: PlanDocument, changes: PlanInfoChanges): PlanDocument {
  const input = planInfoChangesSchema.parse(changes);
  const merged = planInfoSchema.safeParse({ ...doc.plan, ...input });
  if (!merged.success) {
    const issue = merged.error.issues[0]!;
    throw new DomainError('invalid', `Plan ${issue.path.join('.')} ${issue.message}.`, issue.path.join('.'));
  }
  const next = { ...doc, plan: merged.data };
  return merged.data.yearStartMonth === doc.plan.yearStartMonth ? next : rereadTimescales(next);
}

/** Every due date read again from its text, after the financial year's first month changed. */
function rereadTimescales(doc: PlanDocument): PlanDocument {
  return {
    ...doc,
    actions: doc.actions.map((action) => ({
      ...action,
      timescale: retimed(doc, action.timescale, action.timescale.text),
      nextSteps: action.nextSteps.map((step) => ({
        ...step,
        timescale: retimed(doc, step.timescale, step.timescale.text),
      })),
    })),
  };
}
