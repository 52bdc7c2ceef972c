import demo from '../../templates/demo-plan.json';
import { planDocumentSchema } from '../../shared/model/plan';
import type { PlanDocument } from '../../shared/model/plan';
import { migrateToCurrent } from '../../shared/model/migrations';

/**
 * The plan a new user starts from when no data file exists yet. It is brought up to date like any saved
 * plan, so a new field needs no edit to the demo.
 */
export function demoDocument(): PlanDocument {
  const migrated = migrateToCurrent(structuredClone(demo));
  if (migrated.kind !== 'current') throw new Error('The demo plan is not a plan this version can read.');
  return planDocumentSchema.parse(migrated.data);
}
