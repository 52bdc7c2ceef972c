import { z } from 'zod';
import type { Known } from './primitives';
import { idSchema, isoDateSchema, nonEmptyText, freeText } from './primitives';
import { assessmentSchema, matrixSchema } from './matrix';
import { personSchema } from './people';
import { actionSchema } from './action';
import { updateLogEntrySchema } from './updateLog';
import { boardPaperRecordSchema } from './boardPaper';
import { measureSchema } from './measure';
import { reviewSchema } from './review';
import { dataCallSchema } from './dataCall';

/** Bumped with every change to the file's shape; each bump adds a step to shared/model/migrations.ts. */
export const CURRENT_SCHEMA_VERSION = 4;

export const planInfoSchema = z
  .looseObject({
    id: idSchema,
    title: nonEmptyText(200),
    organisation: freeText(200),
    periodStart: isoDateSchema,
    periodEnd: isoDateSchema,
    boards: z.array(nonEmptyText(200)).max(20),
    nextBoardDate: isoDateSchema.nullable(),
    /** The first month (1-12) of the financial year, so "Q3 2026/27" and "FY27" get the right due date. */
    yearStartMonth: z.number().int().min(1).max(12).default(4),
  })
  .refine((info) => info.periodStart <= info.periodEnd, {
    path: ['periodEnd'],
    error: 'must not be before the period start',
  });
export type PlanInfo = Known<z.infer<typeof planInfoSchema>>;

/** Every field of a plan file; the cross-field rules are in planInvariantIssues. */
export const planDocumentFields = z.looseObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  plan: planInfoSchema,
  matrix: matrixSchema,
  assessments: z.array(assessmentSchema),
  people: z.array(personSchema),
  actions: z.array(actionSchema),
  updateLog: z.array(updateLogEntrySchema),
  /** Papers produced so far, oldest first: drafts, and issued or withdrawn papers kept as the history. */
  papers: z.array(boardPaperRecordSchema).default([]),
  measures: z.array(measureSchema).default([]),
  reviews: z.array(reviewSchema).default([]),
  dataCalls: z.array(dataCallSchema).default([]),
});

export interface PlanIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Rules that span records: areas that exist, action numbers and ids used once. Person and measure ids
 * must be unique too: an edit finds its record by id, so with two records under one id, editing one would
 * write its fields over the other. A board meeting has at most one draft paper (an export replaces it), and
 * a paper's state agrees with its issue and withdrawal details. Links that point at nothing are not
 * refused: checkPlan lists them.
 */
export function planInvariantIssues(doc: z.output<typeof planDocumentFields>): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const areaIds = new Set(doc.matrix.areas.map((area) => area.id));
  const numbers = new Map<string, number>();
  const ids = new Set<string>();
  doc.actions.forEach((action, index) => {
    if (!areaIds.has(action.areaId))
      issues.push({ path: ['actions', index, 'areaId'], message: `names unknown area "${action.areaId}"` });
    const key = action.number.toLowerCase();
    const first = numbers.get(key);
    if (first !== undefined) {
      issues.push({
        path: ['actions', index, 'number'],
        message: `${action.number} is already the number of the action at position ${first + 1} in the file`,
      });
    } else {
      numbers.set(key, index);
    }
    if (ids.has(action.id))
      issues.push({ path: ['actions', index, 'id'], message: `duplicates action id "${action.id}"` });
    ids.add(action.id);
  });
  const once = (list: 'people' | 'measures', records: readonly { id: string }[], noun: string) => {
    const firstUse = new Map<string, number>();
    records.forEach((record, index) => {
      const first = firstUse.get(record.id);
      if (first === undefined) firstUse.set(record.id, index);
      else
        issues.push({
          path: [list, index, 'id'],
          message: `"${record.id}" is already the id of ${noun} ${first + 1}; each must have its own`,
        });
    });
  };
  once('people', doc.people, 'person');
  once('measures', doc.measures, 'measure');
  const drafts = new Map<string, number>();
  doc.papers.forEach((paper, index) => {
    if (paper.state === 'draft') {
      const key = `${paper.board.toLowerCase()}\u0000${paper.meetingDate}`;
      const first = drafts.get(key);
      if (first !== undefined) {
        issues.push({
          path: ['papers', index, 'state'],
          message: `is a second draft for the ${paper.board} on ${paper.meetingDate}; paper ${first + 1} is the draft`,
        });
      } else {
        drafts.set(key, index);
      }
    } else if (paper.issuedAt === null) {
      issues.push({ path: ['papers', index, 'issuedAt'], message: 'must say when the paper was issued' });
    }
    if ((paper.state === 'withdrawn') !== (paper.withdrawal !== null)) {
      issues.push({
        path: ['papers', index, 'withdrawal'],
        message: 'must give the reason exactly when the paper is withdrawn',
      });
    }
  });
  doc.assessments.forEach((assessment, index) => {
    if (!areaIds.has(assessment.areaId)) {
      issues.push({ path: ['assessments', index, 'areaId'], message: `names unknown area "${assessment.areaId}"` });
    }
  });
  return issues;
}

export const planDocumentSchema = planDocumentFields.superRefine((doc, ctx) => {
  for (const issue of planInvariantIssues(doc)) ctx.addIssue({ code: 'custom', ...issue });
});
export type PlanDocument = Known<z.infer<typeof planDocumentSchema>>;
