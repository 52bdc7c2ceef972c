import { z } from 'zod';
import { measurePointSchema, measureSchema } from './measure';
import { commentWhenSentBack, reviewFields } from './review';
import { ACTION_FIELDS, changesShape, draftShape } from './actionFields';
import { descriptorSchema, levelNumberSchema } from './matrix';
import { correctionReasonSchema } from './correction';
import { planInfoSchema } from './plan';
import { personSchema } from './people';
import { freeText, idSchema, isoDateSchema, nonEmptyText } from './primitives';

export { nextStepDraftSchema } from './actionFields';
export type { NextStepDraft } from './actionFields';

export const actionDraftSchema = z.object(draftShape(ACTION_FIELDS)).strict();
export type ActionDraft = z.input<typeof actionDraftSchema>;

export const actionChangesSchema = z.object(changesShape(ACTION_FIELDS)).partial().strict();
export type ActionChanges = z.input<typeof actionChangesSchema>;

export const assessmentDraftSchema = z
  .object({
    areaId: idSchema,
    level: levelNumberSchema,
    date: isoDateSchema,
    evidence: freeText(4000).default(''),
    assessedBy: nonEmptyText(120),
  })
  .strict();
export type AssessmentDraft = z.input<typeof assessmentDraftSchema>;

/** A corrected assessment replaces the whole record (same area), and says why. */
export const assessmentCorrectionSchema = assessmentDraftSchema
  .omit({ areaId: true })
  .extend({ assessmentId: idSchema, reason: correctionReasonSchema })
  .strict();
export type AssessmentCorrection = z.input<typeof assessmentCorrectionSchema>;

export const assessmentWithdrawalSchema = z.object({ assessmentId: idSchema, reason: correctionReasonSchema }).strict();
export type AssessmentWithdrawal = z.input<typeof assessmentWithdrawalSchema>;

/** What one cell of the matrix says: how the area looks at that level. */
export const descriptorChangeSchema = z
  .object({ areaId: idSchema, level: levelNumberSchema, text: descriptorSchema })
  .strict();
export type DescriptorChange = z.input<typeof descriptorChangeSchema>;

export const personDraftSchema = z
  .object({
    id: idSchema.optional(),
    name: nonEmptyText(120),
    role: freeText(120).default(''),
    organisation: freeText(120).default(''),
    /** Left out, the person's email stays as it is; an empty one clears it. */
    email: z.union([z.literal(''), personSchema.shape.email.unwrap()]).optional(),
    /** Left out, the line manager stays as they are; null clears it. */
    managerId: idSchema.nullable().optional(),
  })
  .strict();
export type PersonDraft = z.input<typeof personDraftSchema>;

const { id: _id, yearStartMonth, ...planInfoShape } = planInfoSchema.shape;
/** Any of the plan's details; none is filled in for one left out (the stored month's default would be). */
export const planInfoChangesSchema = z
  .object({ ...planInfoShape, yearStartMonth: yearStartMonth.unwrap() })
  .partial()
  .strict();
export type PlanInfoChanges = z.input<typeof planInfoChangesSchema>;

export const reviewDraftSchema = commentWhenSentBack(
  z
    .object({
      actionId: reviewFields.shape.actionId,
      outcome: reviewFields.shape.outcome,
      comment: reviewFields.shape.comment.default(''),
    })
    .strict(),
);
export type ReviewDraft = z.input<typeof reviewDraftSchema>;

export const measureDraftSchema = z
  .object({
    id: idSchema.optional(),
    name: measureSchema.shape.name,
    description: measureSchema.shape.description.default(''),
    direction: measureSchema.shape.direction,
    unit: measureSchema.shape.unit,
    target: measureSchema.shape.target.default(null),
    baseline: measureSchema.shape.baseline.default(null),
    areaIds: measureSchema.shape.areaIds.default([]),
    actionIds: measureSchema.shape.actionIds.default([]),
    /** Left out, the owner stays as they are; null clears it. */
    ownerId: idSchema.nullable().optional(),
  })
  .strict();
export type MeasureDraft = z.input<typeof measureDraftSchema>;

export const measurePointDraftSchema = z
  .object({
    measureId: idSchema,
    date: isoDateSchema,
    value: measurePointSchema.shape.value,
    note: measurePointSchema.shape.note.default(''),
  })
  .strict();
export type MeasurePointDraft = z.input<typeof measurePointDraftSchema>;

export const measureValueCorrectionSchema = measurePointDraftSchema
  .extend({ valueId: idSchema, reason: correctionReasonSchema })
  .strict();
export type MeasureValueCorrection = z.input<typeof measureValueCorrectionSchema>;

export const measureValueWithdrawalSchema = z
  .object({ measureId: idSchema, valueId: idSchema, reason: correctionReasonSchema })
  .strict();
export type MeasureValueWithdrawal = z.input<typeof measureValueWithdrawalSchema>;
