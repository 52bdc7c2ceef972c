import { z } from 'zod';
import { idSchema, isoDateTimeSchema, nonEmptyText } from './primitives';

/** Why a recorded figure or level was taken back or replaced: the board must be able to read it later. */
export const correctionReasonSchema = nonEmptyText(500);

/** Who took a record back or replaced it, when and why. */
export const amendmentSchema = z.looseObject({
  at: isoDateTimeSchema,
  by: nonEmptyText(120),
  reason: correctionReasonSchema,
});
export type Amendment = z.infer<typeof amendmentSchema>;

/**
 * Records the board relies on (assessments, measure values) are never edited in place: a correction adds
 * a new record and marks the old one, a withdrawal marks it, so the history shows what was said before.
 */
export const correctionFields = {
  /** On a record a correction replaced: the correction's id, and who made it, when and why. */
  supersededBy: amendmentSchema.extend({ id: idSchema }).optional(),
  /** On a correction: the id of the record it replaced. */
  corrects: idSchema.optional(),
  withdrawn: amendmentSchema.optional(),
};

/** A record that still counts: neither replaced by a correction nor withdrawn. */
export function isInForce(record: { supersededBy?: unknown; withdrawn?: unknown }): boolean {
  return record.supersededBy === undefined && record.withdrawn === undefined;
}
