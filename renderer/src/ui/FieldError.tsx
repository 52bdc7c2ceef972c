import { useId } from 'react';
import { get } from 'react-hook-form';
import type { FieldError as FormFieldError, FieldValues, Path, RegisterOptions, UseFormReturn } from 'react-hook-form';
import type { ApiError } from '../../../shared/api/contract';
import type { FieldProblem } from '../../../shared/model/validationIssues';

/** zod's own wording for a number field left blank or not a number reads better as the plan's wording. */
function readable(reason: string): string {
  return /^Invalid input: expected number, received (NaN|string|null)/.test(reason) ? 'must be a number' : reason;
}

/**
 * Problems keyed by field path within the form. The API reports them under its input's name
 * ("review.comment", "point.value", "changes.achievement"), so that first part is dropped.
 */
export function problemsByField(
  problems: readonly FieldProblem[],
  prefixes: readonly string[] = [],
): Map<string, string> {
  const map = new Map<string, string>();
  for (const problem of problems) {
    let field = problem.field;
    for (const prefix of prefixes) if (field.startsWith(`${prefix}.`)) field = field.slice(prefix.length + 1);
    if (!map.has(field)) map.set(field, problem.reason);
  }
  return map;
}

export function problemsOfApi(error: ApiError, prefixes: readonly string[]): Map<string, string> {
  return problemsByField(error.problems, prefixes);
}

/** The message shown under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  const text = readable(message);
  return (
    <span className="field-error" id={id} role="alert">
      {text.charAt(0).toUpperCase() + text.slice(1)}
    </span>
  );
}

/** Props that link a field to its error message, for spreading on an input. */
export function errorProps(message: string | undefined, id: string) {
  return {
    'aria-invalid': message !== undefined,
    'aria-describedby': message !== undefined ? `${id}-error` : undefined,
  } as const;
}

/** Ids, registration and error messages of one form's fields, each field linked to its own message. */
export function useFormFields<Values extends FieldValues, Draft>(form: UseFormReturn<Values, unknown, Draft>) {
  const idBase = useId();
  const { errors } = form.formState;
  const id = (name: string) => `${idBase}-${name}`;
  const message = (name: string) => (get<typeof errors>(errors, name) as FormFieldError | undefined)?.message;
  return {
    id,
    /** For spreading on an input, select or textarea. */
    field: (name: Path<Values>, options?: RegisterOptions<Values, Path<Values>>) => ({
      id: id(name),
      ...form.register(name, options),
      ...errorProps(message(name), id(name)),
    }),
    /** For a control react-hook-form does not register itself (a fieldset of checkboxes, a custom select). */
    describedBy: (name: string) => (message(name) !== undefined ? `${id(name)}-error` : undefined),
    error: (name: string) => <FieldError id={`${id(name)}-error`} message={message(name)} />,
    /** A message for the whole form: why the API refused the edit, or that there was nothing to save. */
    formMessage: errors.root?.form?.message,
  };
}
