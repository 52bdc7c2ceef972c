import { planDocumentSchema } from '../../shared/model/plan';
import type { PlanDocument } from '../../shared/model/plan';
import { CURRENT_SCHEMA_VERSION } from '../../shared/model/plan';
import { migrateToCurrent } from '../../shared/model/migrations';
import { describeProblems, fieldProblems } from '../../shared/model/validationIssues';
import { PlanFileError } from './planFileError';

/** Turns a data file's text into a valid, current document, or says precisely why it cannot. */
export function decodePlanFile(path: string, text: string): PlanDocument {
  let raw: unknown;
  try {
    // Editors on Windows may save a byte-order mark; it is not part of the JSON.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PlanFileError(path, 'invalid_json', `${path} is not valid JSON (${detail}).`);
  }
  const migrated = migrateToCurrent(raw);
  if (migrated.kind === 'newer') {
    throw new PlanFileError(
      path,
      'newer_version',
      `${path} was saved by a newer version of Action Plan Tracker (data version ${migrated.version}; this app reads up to ${CURRENT_SCHEMA_VERSION}). Update the app to open it; the file has not been changed.`,
      [{ field: 'schemaVersion', reason: `is ${migrated.version}, newer than ${CURRENT_SCHEMA_VERSION}` }],
    );
  }
  if (migrated.kind === 'unversioned') {
    throw new PlanFileError(path, 'invalid_data', `${path} is not an Action Plan Tracker file: it has no schemaVersion.`, [
      { field: 'schemaVersion', reason: 'is missing or not a whole number' },
    ]);
  }
  const parsed = planDocumentSchema.safeParse(migrated.data);
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error);
    throw new PlanFileError(path, 'invalid_data', `${path} has data that is not valid: ${describeProblems(problems)}.`, problems);
  }
  return parsed.data;
}

/** Compact JSON: a 5,000-action plan saves in half the time it takes pretty-printed, and is smaller on disk. */
export function encodePlanFile(doc: PlanDocument): string {
  return `${JSON.stringify(doc)}\n`;
}
