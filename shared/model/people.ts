import { z } from 'zod';
import type { Known } from './primitives';
import { idSchema, nonEmptyText, freeText } from './primitives';

export const personSchema = z.looseObject({
  id: idSchema,
  name: nonEmptyText(120),
  role: freeText(120),
  organisation: freeText(120),
  /** Where a data call's email draft is addressed; many leads work for partners, so it is often not a council address. */
  email: z.email({ error: 'must be an email address, such as name@example.org' }).max(254).optional(),
  /** The person's line manager in People, who reviews their updates; loops are listed by the plan check. */
  managerId: idSchema.optional(),
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

/**
 * Who recorded something, for records that keep the name in a field of their own (`by`, `assessedBy`):
 * the person chosen from People, and the computer login beside it. Records written before people were
 * chosen have neither, and their `by` is the login.
 */
export const recordedByFields = {
  byPersonId: idSchema.optional(),
  login: freeText(120).optional(),
};

/** Who did something, for records that name the person in one field (a paper issued or withdrawn). */
export const recordedBySchema = z.looseObject({
  name: nonEmptyText(120),
  personId: idSchema.optional(),
  login: freeText(120).optional(),
});
export type RecordedBy = Known<z.infer<typeof recordedBySchema>>;
