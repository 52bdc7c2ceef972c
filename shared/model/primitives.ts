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

/**
 * A stored shape's type without the `[key: string]: unknown` its loose schema adds. Stored objects keep
 * fields this version does not know (so a save never drops them), but code is written against the known
 * fields only, so a misspelt field or a `keyof` is still checked. Records of real values are left alone.
 */
export type Known<T> = T extends readonly unknown[]
  ? { [K in keyof T]: Known<T[K]> }
  : T extends object
    ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Known<T[K]> }
    : T;

/**
 * `next` with the fields of `previous` that `shape` does not name: an edit rebuilds the fields this version
 * knows, and the ones another program or version added stay as they were. Keys keep the previous record's
 * order, so an edit that changes nothing compares (and is logged) as unchanged.
 */
export function keepUnknownFields<T extends object>(shape: object, previous: object | undefined, next: T): T {
  if (previous === undefined || Object.keys(previous).every((key) => Object.hasOwn(shape, key))) return next;
  const from = next as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(previous)) {
    if (!Object.hasOwn(shape, key)) merged[key] = value;
    else if (Object.hasOwn(from, key)) merged[key] = from[key];
  }
  for (const key of Object.keys(from)) if (!Object.hasOwn(merged, key)) merged[key] = from[key];
  return merged as T;
}
