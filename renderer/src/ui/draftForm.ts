import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { DefaultValues, FieldErrors, FieldValues, Path, Resolver, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiError } from '../../../shared/api/contract';
import { labelOfPath } from '../../../shared/model/validationIssues';
import { problemsOfApi } from './FieldError';

type Schema = z.ZodType<FieldValues, FieldValues>;

interface DraftFormOptions<Values extends FieldValues, S extends Schema> {
  /** The shared draft schema the API checks the same edit with. */
  schema: S;
  defaultValues: DefaultValues<Values>;
  /** Puts what the form holds (numbers as typed text, say) into the draft's shape before it is checked. */
  toDraft: (values: Values) => z.input<S>;
}

/**
 * A form checked by the shared draft schema through @hookform/resolvers/zod. The submit handler gets the
 * checked draft. Errors stay until the next submit and the focus stays where it is, as in every form here.
 */
export function useDraftForm<Values extends FieldValues, S extends Schema>({
  schema,
  defaultValues,
  toDraft,
}: DraftFormOptions<Values, S>): UseFormReturn<Values, unknown, z.output<S>> {
  const check = zodResolver(schema);
  const resolver: Resolver<Values, unknown, z.output<S>> = async (values, context, options) =>
    (await check(toDraft(values), context, options as never)) as Awaited<
      ReturnType<Resolver<Values, unknown, z.output<S>>>
    >;
  return useForm<Values, unknown, z.output<S>>({
    defaultValues,
    resolver,
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
}

/**
 * The API's answer to a refused edit, on the form: each problem under its field (`rename` maps the API's
 * field path onto the form's) and its message for the whole form.
 */
export function showApiError<Values extends FieldValues>(
  form: Pick<UseFormReturn<Values, unknown, never>, 'setError'>,
  error: ApiError,
  prefixes: readonly string[],
  rename: (field: string) => string = (field) => field,
): void {
  for (const [field, message] of problemsOfApi(error, prefixes))
    form.setError(rename(field) as Path<Values>, { message });
  form.setError('root.form', { message: error.message });
}

/** Every problem on the form in one line, each named as a person knows the field: "Title: must not be empty". */
export function describeFormErrors(errors: FieldErrors): string {
  const lines: string[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (node === null || typeof node !== 'object') return;
    const { message } = node as { message?: unknown };
    if (typeof message === 'string' && path.length > 0) lines.push(`${labelOfPath(path)}: ${message}`);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'ref' && key !== 'message' && key !== 'type' && key !== 'types')
        walk(child, [...path, /^\d+$/.test(key) ? Number(key) : key]);
    }
  };
  walk(errors, []);
  return lines.join('; ');
}
