import { z } from 'zod';
import { idSchema, isoDateTimeSchema, nonEmptyText } from './primitives';

/** Old and new values are kept as JSON text so any field, including lists, can be logged and compared. */
export const updateLogEntrySchema = z.object({
  id: idSchema,
  actionId: idSchema,
  actionNumber: z.string().max(12),
  at: isoDateTimeSchema,
  by: nonEmptyText(120),
  field: nonEmptyText(60),
  old: z.string().max(100_000),
  new: z.string().max(100_000),
});
export type UpdateLogEntry = z.infer<typeof updateLogEntrySchema>;
