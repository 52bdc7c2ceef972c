import demo from '../../templates/demo-plan.json';
import { planDocumentSchema } from '../../shared/model/plan';
import type { PlanDocument } from '../../shared/model/plan';

/** The plan a new user starts from when no data file exists yet. */
export function demoDocument(): PlanDocument {
  return planDocumentSchema.parse(structuredClone(demo));
}
