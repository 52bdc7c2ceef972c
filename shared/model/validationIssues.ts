import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** zod's default for an absent field ("expected string, received undefined") reads better as "is missing". */
function readableReason(issue: z.core.$ZodIssue): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
  return missing ? `is missing (expected ${missing[1]})` : issue.message;
}

/** Turns a zod error into "actions[3].status: must be one of ..." lines a person can act on. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: pathText([...issue.path, key]), reason: 'is not a field this accepts' }))
      : [{ field: pathText(issue.path), reason: readableReason(issue) }],
  );
}

function pathText(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)),
      '',
    ) || '(whole value)'
  );
}

export function describeProblems(problems: readonly FieldProblem[], limit = 5): string {
  const shown = problems.slice(0, limit).map((problem) => `${problem.field}: ${problem.reason}`);
  const more = problems.length > limit ? `; and ${problems.length - limit} more` : '';
  return shown.join('; ') + more;
}
