import { z } from 'zod';
import type { Known } from './primitives';
import { idSchema, isoDateSchema, nonEmptyText, freeText, isoDateTimeSchema } from './primitives';
import { levelNumberSchema } from './matrix';
import { leadSchema } from './people';

/** Real plans write timescales as prose ("End of May 16"); the text is the record, the date is derived. */
export const timescaleSchema = z.looseObject({
  text: freeText(200),
  due: isoDateSchema.nullable(),
});
export type Timescale = Known<z.infer<typeof timescaleSchema>>;

export const ACTION_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'complete'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  complete: 'Complete',
};

/** People know the statuses by their labels; whoever mends a file by hand needs the words it stores. */
export const actionStatusSchema = z.enum(ACTION_STATUSES, {
  error: `must be one of ${ACTION_STATUSES.map((status) => STATUS_LABELS[status]).join(', ')} (in the file: ${ACTION_STATUSES.join(', ')})`,
});

/** Printed action numbers: "7", "12a", "3.1". */
export const actionNumberSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(12, 'must be at most 12 characters')
  .regex(/^[0-9]+(\.[0-9]+)*[a-z]?$/i, 'must be a number such as 7, 12a or 3.1');

export const nextStepSchema = z.looseObject({
  id: idSchema,
  text: nonEmptyText(4000),
  leads: z.array(leadSchema).max(20),
  timescale: timescaleSchema,
  done: z.boolean(),
});
export type NextStep = Known<z.infer<typeof nextStepSchema>>;

export const actionSchema = z
  .looseObject({
    id: idSchema,
    number: actionNumberSchema,
    areaId: idSchema,
    description: nonEmptyText(8000),
    achievement: freeText(8000),
    /** The lead's commentary on risks and issues, printed beside the status as real plans do. */
    risks: freeText(4000),
    /** What the lead wants the board to read about the action, asked for in each data call. */
    boardComment: freeText(4000),
    nextSteps: z.array(nextStepSchema).max(200),
    leads: z.array(leadSchema).max(20),
    timescale: timescaleSchema,
    progressLevel: levelNumberSchema,
    status: actionStatusSchema,
    /** The matrix cell (the area's level) the action aims to bring its area to, when the board has said. */
    targetLevel: levelNumberSchema.nullable().default(null),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .superRefine((action, ctx) => {
    const seen = new Set<string>();
    action.nextSteps.forEach((step, index) => {
      if (seen.has(step.id))
        ctx.addIssue({ code: 'custom', path: ['nextSteps', index, 'id'], message: `duplicates step id "${step.id}"` });
      seen.add(step.id);
    });
  });
export type Action = Known<z.infer<typeof actionSchema>>;
