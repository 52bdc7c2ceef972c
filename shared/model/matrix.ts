import { z } from 'zod';
import type { Known } from './primitives';
import { idSchema, isoDateSchema, nonEmptyText, freeText } from './primitives';
import { correctionFields } from './correction';
import { recordedByFields } from './people';

/** A maturity level is always one of four; only the names can change. */
export const levelNumberSchema = z
  .number({ error: 'must be a level number' })
  .int('must be a whole number')
  .min(1, 'must be a level from 1 to 4')
  .max(4, 'must be a level from 1 to 4');
export type LevelNumber = 1 | 2 | 3 | 4;

export const levelSchema = z.looseObject({
  level: levelNumberSchema,
  name: nonEmptyText(60),
});

/** What an area looks like at one level, in the board's words; empty until someone writes it. */
export const descriptorSchema = freeText(1000);
export type Descriptors = [string, string, string, string];
export const noDescriptors = (): Descriptors => ['', '', '', ''];

export const areaSchema = z.looseObject({
  id: idSchema,
  name: nonEmptyText(80),
  /** One per level, level 1 first: the cells of the matrix for this area. */
  descriptors: z
    .tuple([descriptorSchema, descriptorSchema, descriptorSchema, descriptorSchema], {
      error: 'must list four descriptors, one per level',
    })
    .default(noDescriptors),
});
export type Area = Known<z.infer<typeof areaSchema>>;

export const matrixSchema = z
  .looseObject({
    areas: z.array(areaSchema).min(1, 'must list at least one area'),
    levels: z.tuple([levelSchema, levelSchema, levelSchema, levelSchema], {
      error: 'must list exactly four levels',
    }),
  })
  .superRefine((matrix, ctx) => {
    matrix.levels.forEach((level, index) => {
      if (level.level !== index + 1) {
        ctx.addIssue({ code: 'custom', path: ['levels', index, 'level'], message: `must be ${index + 1}` });
      }
    });
    const seen = new Set<string>();
    matrix.areas.forEach((area, index) => {
      if (seen.has(area.id)) {
        ctx.addIssue({ code: 'custom', path: ['areas', index, 'id'], message: `duplicates area id "${area.id}"` });
      }
      seen.add(area.id);
    });
  });
export type Matrix = Known<z.infer<typeof matrixSchema>>;

export const assessmentSchema = z.looseObject({
  id: idSchema,
  areaId: idSchema,
  level: levelNumberSchema,
  date: isoDateSchema,
  evidence: freeText(4000),
  assessedBy: nonEmptyText(120),
  ...recordedByFields,
  recordedAt: z.iso.datetime({ offset: true }),
  ...correctionFields,
});
export type Assessment = Known<z.infer<typeof assessmentSchema>>;

export const DEFAULT_AREA_NAMES = [
  'Service delivery',
  'Integrated service delivery',
  'Workforce development',
  'Integrated performance management',
  'Quality assurance',
  'Communication and engagement',
  'Governance',
] as const;

export const DEFAULT_LEVEL_NAMES = ['Basic level', 'Early progress', 'Substantial progress', 'Maturity'] as const;
