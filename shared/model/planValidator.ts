import { z } from 'zod';
import { rememberCheckedValue } from './validationIssues';
import { actionSchema } from './action';
import { updateLogEntrySchema } from './updateLog';
import { planDocumentFields, planInvariantIssues } from './plan';
import type { PlanDocument } from './plan';

const everythingElse = planDocumentFields.omit({ actions: true, updateLog: true });

/**
 * Checks a plan as planDocumentSchema does, but looks again only at actions and log entries it has not
 * seen: an edit replaces the objects it changes and the log only grows, so at 5,000 actions a save checks
 * one action instead of all of them. The cross-record rules are always checked in full.
 */
export function createPlanValidator(): (doc: PlanDocument) => z.ZodError | null {
  const valid = new WeakSet<object>();

  return (doc) => {
    const issues: z.core.$ZodIssue[] = [];
    const rest = everythingElse.safeParse(doc);
    if (!rest.success) issues.push(...rest.error.issues);
    const checkEach = (items: readonly object[], key: 'actions' | 'updateLog', schema: z.ZodType) => {
      items.forEach((item, index) => {
        if (valid.has(item)) return;
        const result = schema.safeParse(item);
        if (result.success) valid.add(item);
        else issues.push(...result.error.issues.map((issue) => ({ ...issue, path: [key, index, ...issue.path] })));
      });
    };
    checkEach(doc.actions, 'actions', actionSchema);
    checkEach(doc.updateLog, 'updateLog', updateLogEntrySchema);
    if (issues.length === 0) {
      for (const issue of planInvariantIssues(doc)) issues.push({ code: 'custom', input: undefined, ...issue });
    }
    return issues.length > 0 ? rememberCheckedValue(new z.ZodError(issues), doc) : null;
  };
}
