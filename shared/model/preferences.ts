import { z } from 'zod';
import { idSchema } from './primitives';

/**
 * Who this computer user is in each plan they open: plan id -> person id in that plan's People. Kept by
 * plan id, not path, so moving or renaming the file does not make the app ask again.
 */
const identitiesSchema = z.record(idSchema, idSchema);

/** Per-user settings kept beside (not inside) the plan, since several people may share one plan file. */
export const preferencesSchema = z.object({
  myName: z.string().trim().max(120).nullable().default(null),
  windowBounds: z
    .object({
      x: z.number().int(),
      y: z.number().int(),
      width: z.number().int().min(400),
      height: z.number().int().min(300),
    })
    .nullable()
    .default(null),
  recentFiles: z.array(z.string().max(4096)).max(10).default([]),
  identities: identitiesSchema.default({}),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesChangesSchema = z
  .object({ myName: z.string().trim().max(120).nullable(), identities: identitiesSchema })
  .partial()
  .strict();
export type PreferencesChanges = z.input<typeof preferencesChangesSchema>;
