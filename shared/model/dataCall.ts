import { z } from 'zod';
import type { Known } from './primitives';
import { freeText, idSchema, isoDateSchema, isoDateTimeSchema, nonEmptyText } from './primitives';
import { recordedBySchema } from './people';

/**
 * One lead asked for an update: who (linked to People when they are in it), where the draft was addressed,
 * the workbook they were sent and when their return was imported (null until it is).
 */
export const dataCallLeadSchema = z.looseObject({
  name: nonEmptyText(120),
  personId: idSchema.optional(),
  email: z.email({ error: 'must be an email address, such as name@example.org' }).max(254).optional(),
  fileName: nonEmptyText(255),
  returnedAt: isoDateTimeSchema.nullable(),
});
export type DataCallLead = Known<z.infer<typeof dataCallLeadSchema>>;

/** A request to the leads for their updates before one meeting of one board. */
export const dataCallSchema = z
  .looseObject({
    id: idSchema,
    board: nonEmptyText(200),
    meetingDate: isoDateSchema,
    returnBy: isoDateSchema,
    message: freeText(4000),
    createdAt: isoDateTimeSchema,
    createdBy: recordedBySchema,
    leads: z.array(dataCallLeadSchema).min(1, 'must ask at least one lead').max(500),
  })
  .refine((call) => call.returnBy <= call.meetingDate, {
    path: ['returnBy'],
    error: 'must not be after the meeting',
  });
export type DataCall = Known<z.infer<typeof dataCallSchema>>;
