import type { Amendment } from '../model/correction';
import { isInForce } from '../model/correction';
import type { Assessment } from '../model/matrix';
import type { Measure, MeasurePoint } from '../model/measure';
import { measureSchema } from '../model/measure';
import { keepUnknownFields } from '../model/primitives';
import type { PlanDocument } from '../model/plan';
import type { Review } from '../model/review';
import {
  assessmentCorrectionSchema,
  assessmentWithdrawalSchema,
  descriptorChangeSchema,
  measureDraftSchema,
  measurePointDraftSchema,
  measureValueCorrectionSchema,
  measureValueWithdrawalSchema,
  reviewDraftSchema,
} from '../model/drafts';
import type {
  AssessmentCorrection,
  AssessmentWithdrawal,
  DescriptorChange,
  MeasureDraft,
  MeasurePointDraft,
  MeasureValueCorrection,
  MeasureValueWithdrawal,
  ReviewDraft,
} from '../model/drafts';
import { formatPaperDate } from './boardPaperContent';
import { DomainError } from './errors';
import type { EditContext } from './operations';
import { recordedBy, recorderOf } from './operations';

/** A review covers every update logged for the action up to now. */
export function recordReview(doc: PlanDocument, draft: ReviewDraft, ctx: EditContext): PlanDocument {
  const input = reviewDraftSchema.parse(draft);
  if (!doc.actions.some((action) => action.id === input.actionId)) {
    throw new DomainError('not_found', `No action has id "${input.actionId}".`);
  }
  const review: Review = { id: ctx.newId(), at: ctx.now, upTo: ctx.now, ...recordedBy(ctx), ...input };
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
  const { baseline, ownerId: ownerChange, ...fields } = input;
  const ownerId = ownerChange === undefined ? existing?.ownerId : (ownerChange ?? undefined);
  if (ownerId !== undefined && ownerId !== existing?.ownerId && !doc.people.some((person) => person.id === ownerId)) {
    throw new DomainError('not_found', 'The owner chosen for the measure is not in People.', 'ownerId');
  }
  const keptBaseline =
    baseline &&
    keepUnknownFields(measureSchema.shape.baseline.unwrap().shape, existing?.baseline ?? undefined, baseline);
  const measure = keepUnknownFields(measureSchema.shape, existing, {
    ...fields,
    baseline: keptBaseline,
    id: existing?.id ?? ctx.newId(),
    values: existing?.values ?? [],
    ...(ownerId !== undefined && { ownerId }),
  } satisfies Measure);
  const measures = existing ? doc.measures.map((m) => (m.id === measure.id ? measure : m)) : [...doc.measures, measure];
  return { ...doc, measures };
}

function findMeasure(doc: PlanDocument, measureId: string): Measure {
  const measure = doc.measures.find((candidate) => candidate.id === measureId);
  if (!measure) throw new DomainError('not_found', `No measure has id "${measureId}".`);
  return measure;
}

/** A figure already in force on that date, other than `exceptId`: a measure has one figure per date. */
function assertDateFree(measure: Measure, date: string, exceptId?: string): void {
  const taken = measure.values.find((point) => isInForce(point) && point.date === date && point.id !== exceptId);
  if (taken) {
    throw new DomainError(
      'conflict',
      `“${measure.name}” already has a figure for ${formatPaperDate(date)} (${taken.value}). To change it, correct that figure and give a reason.`,
      'date',
    );
  }
}

function withValues(doc: PlanDocument, measure: Measure, values: MeasurePoint[]): PlanDocument {
  const sorted = [...values].sort((a, b) => a.date.localeCompare(b.date));
  return { ...doc, measures: doc.measures.map((m) => (m.id === measure.id ? { ...measure, values: sorted } : m)) };
}

export function addMeasureValue(doc: PlanDocument, draft: MeasurePointDraft, ctx: EditContext): PlanDocument {
  const input = measurePointDraftSchema.parse(draft);
  const measure = findMeasure(doc, input.measureId);
  assertDateFree(measure, input.date);
  return withValues(doc, measure, [
    ...measure.values,
    { id: ctx.newId(), date: input.date, value: input.value, note: input.note },
  ]);
}

export function deleteMeasure(doc: PlanDocument, measureId: string): PlanDocument {
  if (!doc.measures.some((measure) => measure.id === measureId))
    throw new DomainError('not_found', `No measure has id "${measureId}".`);
  return { ...doc, measures: doc.measures.filter((measure) => measure.id !== measureId) };
}

const amendment = (reason: string, ctx: EditContext): Amendment => ({ at: ctx.now, by: ctx.by, reason });

/** Only a record still in force can be corrected or withdrawn; an older one already has its successor. */
function assertInForce(record: Assessment | MeasurePoint, what: string): void {
  const done = record.withdrawn ?? record.supersededBy;
  if (!done) return;
  const how = record.withdrawn ? 'withdrawn' : 'corrected';
  throw new DomainError(
    'conflict',
    `This ${what} was already ${how} by ${done.by} on ${formatPaperDate(done.at.slice(0, 10))}${record.withdrawn ? '' : `; correct the ${what} that replaced it instead`}.`,
  );
}

function findAssessment(doc: PlanDocument, assessmentId: string): Assessment {
  const assessment = doc.assessments.find((candidate) => candidate.id === assessmentId);
  if (!assessment)
    throw new DomainError('not_found', `No assessment has id "${assessmentId}"; it may have been removed.`);
  assertInForce(assessment, 'assessment');
  return assessment;
}

/** The corrected assessment is a new record; the old one stays, marked with who replaced it, when and why. */
export function correctAssessment(doc: PlanDocument, draft: AssessmentCorrection, ctx: EditContext): PlanDocument {
  const { assessmentId, reason, ...fields } = assessmentCorrectionSchema.parse(draft);
  const old = findAssessment(doc, assessmentId);
  if (
    old.level === fields.level &&
    old.date === fields.date &&
    old.evidence === fields.evidence &&
    old.assessedBy === fields.assessedBy
  ) {
    throw new DomainError(
      'invalid',
      'The correction is the same as the assessment: change the level, date, evidence or who assessed it.',
    );
  }
  const replacement: Assessment = {
    id: ctx.newId(),
    areaId: old.areaId,
    ...fields,
    ...recorderOf(ctx),
    recordedAt: ctx.now,
    corrects: old.id,
  };
  const marked: Assessment = { ...old, supersededBy: { id: replacement.id, ...amendment(reason, ctx) } };
  return { ...doc, assessments: [...doc.assessments.map((a) => (a.id === old.id ? marked : a)), replacement] };
}

export function withdrawAssessment(doc: PlanDocument, draft: AssessmentWithdrawal, ctx: EditContext): PlanDocument {
  const { assessmentId, reason } = assessmentWithdrawalSchema.parse(draft);
  const old = findAssessment(doc, assessmentId);
  return {
    ...doc,
    assessments: doc.assessments.map((a) => (a.id === old.id ? { ...old, withdrawn: amendment(reason, ctx) } : a)),
  };
}

function findValue(measure: Measure, valueId: string): MeasurePoint {
  const point = measure.values.find((candidate) => candidate.id === valueId);
  if (!point) throw new DomainError('not_found', `“${measure.name}” has no figure with id "${valueId}".`);
  assertInForce(point, 'figure');
  return point;
}

export function correctMeasureValue(doc: PlanDocument, draft: MeasureValueCorrection, ctx: EditContext): PlanDocument {
  const { measureId, valueId, reason, ...fields } = measureValueCorrectionSchema.parse(draft);
  const measure = findMeasure(doc, measureId);
  const old = findValue(measure, valueId);
  if (old.date === fields.date && old.value === fields.value && old.note === fields.note) {
    throw new DomainError(
      'invalid',
      'The correction is the same as the figure: change the date, the figure or the note.',
    );
  }
  assertDateFree(measure, fields.date, old.id);
  const replacement: MeasurePoint = { id: ctx.newId(), ...fields, corrects: old.id };
  const marked: MeasurePoint = { ...old, supersededBy: { id: replacement.id, ...amendment(reason, ctx) } };
  return withValues(doc, measure, [
    ...measure.values.map((point) => (point.id === old.id ? marked : point)),
    replacement,
  ]);
}

export function withdrawMeasureValue(doc: PlanDocument, draft: MeasureValueWithdrawal, ctx: EditContext): PlanDocument {
  const { measureId, valueId, reason } = measureValueWithdrawalSchema.parse(draft);
  const measure = findMeasure(doc, measureId);
  const old = findValue(measure, valueId);
  return withValues(
    doc,
    measure,
    measure.values.map((point) => (point.id === old.id ? { ...old, withdrawn: amendment(reason, ctx) } : point)),
  );
}

export function setDescriptor(doc: PlanDocument, change: DescriptorChange): PlanDocument {
  const { areaId, level, text } = descriptorChangeSchema.parse(change);
  const area = doc.matrix.areas.find((candidate) => candidate.id === areaId);
  if (!area) throw new DomainError('not_found', `No matrix area has id "${areaId}".`, 'areaId');
  if (area.descriptors[level - 1] === text) return doc;
  const descriptors = area.descriptors.map((old, index) =>
    index === level - 1 ? text : old,
  ) as typeof area.descriptors;
  return {
    ...doc,
    matrix: {
      ...doc.matrix,
      areas: doc.matrix.areas.map((candidate) => (candidate.id === areaId ? { ...area, descriptors } : candidate)),
    },
  };
}
