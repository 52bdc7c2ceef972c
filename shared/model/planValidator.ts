import { z } from 'zod';
import { rememberCheckedValue } from './validationIssues';
import { planDocumentFields, planInvariantIssues } from './plan';
import type { PlanDocument } from './plan';

type Part = keyof typeof planDocumentFields.shape;

/** The schema of one record of a part that is a list (the field's default taken off), or null. */
function recordSchemaOf(field: z.ZodType): z.ZodType | null {
  const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
  return inner instanceof z.ZodArray ? (inner.element as z.ZodType) : null;
}

const PARTS = (Object.entries(planDocumentFields.shape) as [Part, z.ZodType][]).map(([key, field]) => ({
  key,
  field,
  record: recordSchemaOf(field),
}));

/** Checks a whole plan the way the store does before every save, and is told which plans are known to be valid. */
export interface PlanValidator {
  (doc: PlanDocument): z.ZodError | null;
  /** A plan the full schema has just produced (a file read): its records need not be checked again. */
  trust: (doc: PlanDocument) => void;
}

/**
 * Checks a plan as planDocumentSchema does, but looks again only at records it has not seen: an edit
 * replaces the objects it changes and keeps the others, and the lists of history only grow, so at 5,000
 * actions with years of history a save checks the one action (and log entry) it changed instead of every
 * record, paper snapshot and measure value. The cross-record rules are always checked in full.
 */
export function createPlanValidator(): PlanValidator {
  const valid = new WeakSet<object>();
  const trustedObject = (value: unknown) => {
    if (typeof value === 'object' && value !== null) valid.add(value);
  };

  const validate = (doc: PlanDocument) => {
    const issues: z.core.$ZodIssue[] = [];
    const check = (value: unknown, schema: z.ZodType, path: (string | number)[]) => {
      if (typeof value === 'object' && value !== null && valid.has(value)) return;
      const result = schema.safeParse(value);
      if (result.success) trustedObject(value);
      else issues.push(...result.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })));
    };
    for (const { key, field, record } of PARTS) {
      const value: unknown = doc[key];
      if (record && Array.isArray(value))
        value.forEach((item, index) => {
          check(item, record, [key, index]);
        });
      else check(value, field, [key]);
    }
    if (issues.length === 0) {
      for (const issue of planInvariantIssues(doc)) issues.push({ code: 'custom', input: undefined, ...issue });
    }
    return issues.length > 0 ? rememberCheckedValue(new z.ZodError(issues), doc) : null;
  };

  const trust = (doc: PlanDocument) => {
    for (const { key, record } of PARTS) {
      const value: unknown = doc[key];
      if (record && Array.isArray(value)) value.forEach(trustedObject);
      else trustedObject(value);
    }
  };

  return Object.assign(validate, { trust });
}
