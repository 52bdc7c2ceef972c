import { z } from 'zod';

/** Calendar date without time, as the plan prints and compares them (YYYY-MM-DD). */
export const isoDateSchema = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
export type IsoDate = z.infer<typeof isoDateSchema>;

export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: 'must be a date and time in ISO 8601' });

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, digits, "-" and "_"');

export const nonEmptyText = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const freeText = (max: number) => z.string().max(max, `must be at most ${max} characters`);
