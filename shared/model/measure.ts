import { z } from 'zod';
import type { Known } from './primitives';
import { freeText, idSchema, isoDateSchema, nonEmptyText } from './primitives';
import { correctionFields } from './correction';

export const MEASURE_DIRECTIONS = ['maximise', 'minimise'] as const;
export const MEASURE_UNITS = ['percent', 'count', 'number'] as const;

const measureValue = z.number({ error: 'must be a number' });

/** One figure on one date; a corrected or withdrawn figure stays, marked, beside its replacement. */
export const measurePointSchema = z.looseObject({
  id: idSchema,
  date: isoDateSchema,
  value: measureValue,
  note: freeText(400),
  ...correctionFields,
});
export type MeasurePoint = Known<z.infer<typeof measurePointSchema>>;

/** An indicator the board tracks (e.g. "Minimise contacts to social care"), with its dated values. */
export const measureSchema = z.looseObject({
  id: idSchema,
  name: nonEmptyText(200),
  description: freeText(1000),
  direction: z.enum(MEASURE_DIRECTIONS, { error: 'must be maximise or minimise' }),
  unit: z.enum(MEASURE_UNITS, { error: `must be one of: ${MEASURE_UNITS.join(', ')}` }),
  target: measureValue.nullable(),
  baseline: z.looseObject({ date: isoDateSchema, value: measureValue }).nullable(),
  values: z.array(measurePointSchema).max(1000),
  areaIds: z.array(idSchema).max(20),
  actionIds: z.array(idSchema).max(200),
  /** The person in People who reports its figures; a data call asks them for the latest value. */
  ownerId: idSchema.optional(),
});
export type Measure = Known<z.infer<typeof measureSchema>>;
