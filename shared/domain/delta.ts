import { z } from 'zod';
import { assessmentSchema, matrixSchema } from '../model/matrix';
import { actionSchema } from '../model/action';
import { personSchema } from '../model/people';
import { updateLogEntrySchema } from '../model/updateLog';
import { boardPaperRecordSchema } from '../model/boardPaper';
import { measureSchema } from '../model/measure';
import { reviewSchema } from '../model/review';
import { dataCallSchema } from '../model/dataCall';
import { planDocumentFields, planInfoSchema } from '../model/plan';
import type { PlanDocument } from '../model/plan';
import { idSchema } from '../model/primitives';

/**
 * How one list of records changed: entries added at its end (the update log and the other lists that only
 * grow), records changed or added and records removed by id, or, when an edit reordered it, the whole list.
 */
function listChange<S extends z.ZodType>(record: S) {
  return z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('appended'), records: z.array(record) }).strict(),
    z.object({ kind: z.literal('patched'), upserted: z.array(record), removedIds: z.array(idSchema) }).strict(),
    z.object({ kind: z.literal('replaced'), records: z.array(record) }).strict(),
  ]);
}

const changedParts = {
  schemaVersion: planDocumentFields.shape.schemaVersion,
  plan: planInfoSchema,
  matrix: matrixSchema,
  assessments: listChange(assessmentSchema),
  people: listChange(personSchema),
  actions: listChange(actionSchema),
  updateLog: listChange(updateLogEntrySchema),
  papers: listChange(boardPaperRecordSchema),
  measures: listChange(measureSchema),
  reviews: listChange(reviewSchema),
  dataCalls: listChange(dataCallSchema),
} satisfies { [K in keyof typeof planDocumentFields.shape]: z.ZodType };

/**
 * What one edit changed, and the plan's revision after it. Only this travels back to the page and is
 * validated there, so an edit costs what it changes, not what the plan holds.
 */
export const planDeltaSchema = z
  .object({
    /** The revision the edit was applied to: a page holding another one has missed edits made elsewhere. */
    from: z.number().int(),
    revision: z.number().int(),
    changed: z.object(changedParts).partial().strict(),
  })
  .strict();
export type PlanDelta = z.infer<typeof planDeltaSchema>;
type Changed = PlanDelta['changed'];

type ListKey = { [K in keyof Changed]-?: NonNullable<Changed[K]> extends { kind: string } ? K : never }[keyof Changed];
const LIST_KEYS = Object.keys(changedParts).filter(
  (key) => changedParts[key as keyof typeof changedParts] instanceof z.ZodDiscriminatedUnion,
) as ListKey[];
const WHOLE_KEYS = Object.keys(changedParts).filter((key) => !LIST_KEYS.includes(key as ListKey)) as Exclude<
  keyof Changed,
  ListKey
>[];

interface Identified {
  id: string;
}
type ListChange<T> =
  | { kind: 'appended'; records: T[] }
  | { kind: 'patched'; upserted: T[]; removedIds: string[] }
  | { kind: 'replaced'; records: T[] };

/** A list with a change applied: changed records stay where they were, new ones go to the end. */
function patchList<T extends Identified>(list: readonly T[], change: ListChange<T>): T[] {
  if (change.kind === 'appended') return [...list, ...change.records];
  if (change.kind === 'replaced') return change.records;
  const removed = new Set(change.removedIds);
  const upserted = new Map(change.upserted.map((record) => [record.id, record]));
  const kept = list
    .filter((record) => !removed.has(record.id))
    .map((record) => {
      const next = upserted.get(record.id);
      if (next === undefined) return record;
      upserted.delete(record.id);
      return next;
    });
  return [...kept, ...upserted.values()];
}

/**
 * How an edit changed one list. Edits replace the records they change and keep the others as they were,
 * so identity tells what changed without comparing contents.
 */
function diffList<T extends Identified>(before: readonly T[], after: readonly T[]): ListChange<T> | null {
  if (before === after) return null;
  const grew = after.length >= before.length && before.every((record, index) => after[index] === record);
  if (grew) return after.length === before.length ? null : { kind: 'appended', records: after.slice(before.length) };
  const afterIds = new Set(after.map((record) => record.id));
  const beforeById = new Map(before.map((record) => [record.id, record]));
  const change: ListChange<T> = {
    kind: 'patched',
    upserted: after.filter((record) => beforeById.get(record.id) !== record),
    removedIds: before.filter((record) => !afterIds.has(record.id)).map((record) => record.id),
  };
  // An edit that reordered the list cannot be told as a patch: the page gets the list whole.
  const patched = patchList(before, change);
  const sameOrder = patched.length === after.length && patched.every((record, index) => record.id === after[index]?.id);
  return sameOrder ? change : { kind: 'replaced', records: [...after] };
}

/** What an edit changed between the plan before and after it, as the page is sent it. */
export function diffPlan(before: PlanDocument, after: PlanDocument, from: number, revision: number): PlanDelta {
  const changed: Record<string, unknown> = {};
  for (const key of WHOLE_KEYS) if (before[key] !== after[key]) changed[key] = after[key];
  for (const key of LIST_KEYS) {
    const change = diffList<Identified>(before[key], after[key]);
    if (change) changed[key] = change;
  }
  return { from, revision, changed: changed };
}

/** The page's copy of the plan with one edit's delta applied: parts the edit did not touch are shared, not copied. */
export function applyDelta(doc: PlanDocument, delta: PlanDelta): PlanDocument {
  const next: Record<string, unknown> = { ...doc };
  for (const key of WHOLE_KEYS) if (delta.changed[key] !== undefined) next[key] = delta.changed[key];
  for (const key of LIST_KEYS) {
    const change = delta.changed[key] as ListChange<Identified> | undefined;
    if (change) next[key] = patchList<Identified>(doc[key], change);
  }
  return next as PlanDocument;
}
