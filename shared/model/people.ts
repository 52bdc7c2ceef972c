import { z } from 'zod';
import type { Known } from './primitives';
import { idSchema, nonEmptyText, freeText } from './primitives';

export const personSchema = z.looseObject({
  id: idSchema,
  name: nonEmptyText(120),
  role: freeText(120),
  organisation: freeText(120),
});
export type Person = Known<z.infer<typeof personSchema>>;

/**
 * A lead as the plan prints it. `personId` links to the people list when the lead was picked from it;
 * real plans also name leads nobody has entered yet, so free text stays valid.
 */
export const leadSchema = z.looseObject({
  name: nonEmptyText(120),
  personId: idSchema.optional(),
});
export type Lead = Known<z.infer<typeof leadSchema>>;
