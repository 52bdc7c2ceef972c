import { z } from 'zod';
import type { Known } from './primitives';
import { freeText, idSchema, isoDateTimeSchema, nonEmptyText } from './primitives';
import { recordedByFields } from './people';

export const REVIEW_OUTCOMES = ['reviewed', 'sent_back'] as const;

/** Sending an update back without saying what is wrong leaves the lead nothing to act on. */
export function commentWhenSentBack<T extends z.ZodType<{ outcome: string; comment: string }>>(schema: T) {
  return schema.refine((review) => review.outcome === 'reviewed' || review.comment.trim().length > 0, {
    path: ['comment'],
    error: 'must say what needs changing when an update is sent back',
  });
}

/**
 * A manager's verdict on an action's updates up to a moment: everything logged for the action after
 * `upTo` is still unreviewed.
 */
export const reviewFields = z.looseObject({
  id: idSchema,
  actionId: idSchema,
  at: isoDateTimeSchema,
  upTo: isoDateTimeSchema,
  by: nonEmptyText(120),
  ...recordedByFields,
  outcome: z.enum(REVIEW_OUTCOMES),
  comment: freeText(2000),
});

export const reviewSchema = commentWhenSentBack(reviewFields);
export type Review = Known<z.infer<typeof reviewSchema>>;
