import { z } from 'zod';
import { freeText, idSchema, isoDateTimeSchema, nonEmptyText } from './primitives';

export const REVIEW_OUTCOMES = ['reviewed', 'sent_back'] as const;

/**
 * A manager's verdict on an action's updates up to a moment: everything logged for the action after
 * `upTo` is still unreviewed.
 */
export const reviewSchema = z
  .object({
    id: idSchema,
    actionId: idSchema,
    at: isoDateTimeSchema,
    upTo: isoDateTimeSchema,
    by: nonEmptyText(120),
    outcome: z.enum(REVIEW_OUTCOMES),
    comment: freeText(2000),
  })
  .refine((review) => review.outcome === 'reviewed' || review.comment.trim().length > 0, {
    path: ['comment'],
    message: 'must say what needs changing when an update is sent back',
  });
export type Review = z.infer<typeof reviewSchema>;
