import type { ZodError } from 'zod';
import type { ApiError } from '../../../shared/api/contract';
import { fieldProblems } from '../../../shared/model/validationIssues';
import type { FieldProblem } from '../../../shared/model/validationIssues';

export type Problems = ReadonlyMap<string, string>;
export const NO_PROBLEMS: Problems = new Map();

/** zod's own wording for a number field left blank or not a number reads better as the plan's wording. */
function readable(reason: string): string {
  return /^Invalid input: expected number, received (NaN|string|null)/.test(reason) ? 'must be a number' : reason;
}

/**
 * Problems keyed by field path within the form. The API reports them under its input's name
 * ("review.comment", "point.value", "changes.achievement"), so that first part is dropped.
 */
export function problemsByField(problems: readonly FieldProblem[], prefixes: readonly string[] = []): Map<string, string> {
  const map = new Map<string, string>();
  for (const problem of problems) {
    let field = problem.field;
    for (const prefix of prefixes) if (field.startsWith(`${prefix}.`)) field = field.slice(prefix.length + 1);
    if (!map.has(field)) map.set(field, readable(problem.reason));
  }
  return map;
}

export function problemsOfZod(error: ZodError): Map<string, string> {
  return problemsByField(fieldProblems(error));
}

export function problemsOfApi(error: ApiError, prefixes: readonly string[]): Map<string, string> {
  return problemsByField(error.problems, prefixes);
}

/** The message shown under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span className="field-error" id={id} role="alert">
      {message.charAt(0).toUpperCase() + message.slice(1)}
    </span>
  ) : null;
}

/** Props that link a field to its error message, for spreading on an input. */
export function errorProps(problems: Problems, field: string, id: string) {
  const has = problems.has(field);
  return { 'aria-invalid': has, 'aria-describedby': has ? `${id}-error` : undefined } as const;
}
