import { z } from 'zod';
import type { Known } from './primitives';
import { idSchema, isoDateTimeSchema, nonEmptyText } from './primitives';
import { recordedByFields } from './people';

/** Old and new values are kept as JSON text so any field, including lists, can be logged and compared. */
export const updateLogEntrySchema = z.looseObject({
  id: idSchema,
  /** Entries written by one edit share it, so undo can take back the whole edit. */
  changeId: idSchema.optional(),
  actionId: idSchema,
  actionNumber: z.string().max(12),
  at: isoDateTimeSchema,
  by: nonEmptyText(120),
  ...recordedByFields,
  field: nonEmptyText(60),
  // An action's whole next-step list can be logged at once: 200 steps of 4,000 characters plus JSON.
  old: z.string().max(2_000_000),
  new: z.string().max(2_000_000),
});
export type UpdateLogEntry = Known<z.infer<typeof updateLogEntrySchema>>;
