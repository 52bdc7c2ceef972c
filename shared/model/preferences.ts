import { z } from 'zod';

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
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesChangesSchema = z
  .object({ myName: z.string().trim().max(120).nullable() })
  .partial()
  .strict();
export type PreferencesChanges = z.input<typeof preferencesChangesSchema>;
