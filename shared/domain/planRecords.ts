import type { Measure } from '../model/measure';
import { measurePointSchema, measureSchema } from '../model/measure';
import { keepUnknownFields } from '../model/primitives';
import type { PlanDocument } from '../model/plan';
import type { Review } from '../model/review';
import { measureDraftSchema, measurePointDraftSchema, reviewDraftSchema } from '../model/drafts';
import type { MeasureDraft, MeasurePointDraft, ReviewDraft } from '../model/drafts';
import { DomainError } from './errors';
import type { EditContext } from './operations';

/** A review covers every update logged for the action up to now. */
export function recordReview(doc: PlanDocument, draft: ReviewDraft, ctx: EditContext): PlanDocument {
  const input = reviewDraftSchema.parse(draft);
  if (!doc.actions.some((action) => action.id === input.actionId)) {
    throw new DomainError('not_found', `No action has id "${input.actionId}".`);
  }
  const review: Review = { id: ctx.newId(), at: ctx.now, upTo: ctx.now, by: ctx.by, ...input };
  return { ...doc, reviews: [...doc.reviews, review] };
}

export function saveMeasure(doc: PlanDocument, draft: MeasureDraft, ctx: EditContext): PlanDocument {
  const input = measureDraftSchema.parse(draft);
  const areaIds = new Set(doc.matrix.areas.map((area) => area.id));
  const unknownArea = input.areaIds.find((id) => !areaIds.has(id));
  if (unknownArea) throw new DomainError('invalid', `No matrix area has id "${unknownArea}".`, 'areaIds');
  const actionIds = new Set(doc.actions.map((action) => action.id));
  const unknownAction = input.actionIds.find((id) => !actionIds.has(id));
  if (unknownAction) throw new DomainError('invalid', `No action has id "${unknownAction}".`, 'actionIds');
  const existing = input.id === undefined ? undefined : doc.measures.find((measure) => measure.id === input.id);
  if (input.id !== undefined && !existing) throw new DomainError('not_found', `No measure has id "${input.id}".`);
  const { baseline, ...fields } = input;
  const keptBaseline = baseline && keepUnknownFields(measureSchema.shape.baseline.unwrap().shape, existing?.baseline ?? undefined, baseline);
  const measure = keepUnknownFields(measureSchema.shape, existing, {
    ...fields,
    baseline: keptBaseline,
    id: existing?.id ?? ctx.newId(),
    values: existing?.values ?? [],
  } satisfies Measure);
  const measures = existing ? doc.measures.map((m) => (m.id === measure.id ? measure : m)) : [...doc.measures, measure];
  return { ...doc, measures };
}

/** A second value on the same date replaces the first: a measure has one figure per date. */
export function addMeasureValue(doc: PlanDocument, draft: MeasurePointDraft): PlanDocument {
  const input = measurePointDraftSchema.parse(draft);
  const measure = doc.measures.find((candidate) => candidate.id === input.measureId);
  if (!measure) throw new DomainError('not_found', `No measure has id "${input.measureId}".`);
  const replaced = measure.values.find((value) => value.date === input.date);
  const point = keepUnknownFields(measurePointSchema.shape, replaced, { date: input.date, value: input.value, note: input.note });
  const values = [...measure.values.filter((value) => value.date !== input.date), point].sort((a, b) => a.date.localeCompare(b.date));
  return { ...doc, measures: doc.measures.map((m) => (m.id === measure.id ? { ...measure, values } : m)) };
}

export function deleteMeasure(doc: PlanDocument, measureId: string): PlanDocument {
  if (!doc.measures.some((measure) => measure.id === measureId)) throw new DomainError('not_found', `No measure has id "${measureId}".`);
  return { ...doc, measures: doc.measures.filter((measure) => measure.id !== measureId) };
}
