import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Controller, get, useFieldArray, useForm, useWatch } from 'react-hook-form';
import type { FieldErrors, Path, Resolver } from 'react-hook-form';
import type { ApiResult } from '../../../../shared/api/contract';
import type { Action } from '../../../../shared/model/action';
import { ACTION_FIELDS, draftKeyOf, typedValue } from '../../../../shared/model/actionFields';
import type { ActionFieldKey } from '../../../../shared/model/actionFields';
import type { ActionDraft } from '../../../../shared/model/drafts';
import { actionDraftSchema, nextStepDraftSchema } from '../../../../shared/model/drafts';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { FieldProblem } from '../../../../shared/model/validationIssues';
import { leadsFromText, leadsToText } from '../../../../shared/domain/leads';
import { ParsedDate } from '../../ui/ParsedDate';
import { suggestActionNumber } from '../../../../shared/domain/actionOrder';
import { allLeadNames } from '../../../../shared/domain/filters';
import { StatusSelect } from '../../ui/StatusSelect';
import { TextLimit } from '../../ui/TextLimit';
import { keepTabInDialog } from '../../ui/dialogFocus';

/** A step as the form holds it: leads as the words typed, read into leads when the draft is made. */
interface StepForm {
  id?: string;
  text: string;
  leadsText: string;
  timescaleText: string;
  done: boolean;
}

/** Fields the form holds as typed words or as a choice with "none" (0), and turns into the draft's values on save. */
type ShownOtherwise = 'leads' | 'nextSteps' | 'targetLevel';

/** The draft, except leads typed as words, a target level of 0 for none, and steps as the form holds them. */
type ActionForm = Omit<Required<ActionDraft>, ShownOtherwise> & {
  leadsText: string;
  targetLevel: number;
  nextSteps: StepForm[];
};

const SHOWN_AS_TYPED = (Object.keys(ACTION_FIELDS) as ActionFieldKey[]).filter(
  (key): key is Exclude<ActionFieldKey, ShownOtherwise> =>
    key !== 'leads' && key !== 'nextSteps' && key !== 'targetLevel',
);

/** The long text fields the registry leaves to the editor to draw on its own; the rest have their widgets below. */
type LongTextField = {
  [K in ActionFieldKey]: (typeof ACTION_FIELDS)[K] extends { editor: 'longText' } ? K : never;
}[ActionFieldKey];
const LONG_TEXT_FIELDS = (Object.keys(ACTION_FIELDS) as ActionFieldKey[]).filter(
  (key): key is LongTextField => (ACTION_FIELDS[key] as { editor?: string }).editor === 'longText',
);

/** The schema's own limits, so the counters and the save check can never disagree. */
const maxLength = (schema: { maxLength?: number | null }) => schema.maxLength ?? 0;
const STEP_TEXT_MAX = maxLength(nextStepDraftSchema.shape.text);

function formFromAction(action: Action): ActionForm {
  return {
    ...(Object.fromEntries(
      SHOWN_AS_TYPED.map((key) => [draftKeyOf(ACTION_FIELDS, key), typedValue(action, key)]),
    ) as Omit<ActionForm, ShownOtherwise>),
    leadsText: leadsToText(action.leads),
    targetLevel: action.targetLevel ?? 0,
    nextSteps: action.nextSteps.map((step) => ({
      id: step.id,
      text: step.text,
      leadsText: leadsToText(step.leads),
      timescaleText: step.timescale.text,
      done: step.done,
    })),
  };
}

function blankForm(doc: PlanDocument, areaId: string | undefined): ActionForm {
  const area = areaId ?? doc.matrix.areas[0]!.id;
  const blanks = SHOWN_AS_TYPED.map((key) => {
    const definition = ACTION_FIELDS[key] as { blank?: unknown };
    return [draftKeyOf(ACTION_FIELDS, key), 'blank' in definition ? definition.blank : ''];
  });
  return {
    ...(Object.fromEntries(blanks) as Omit<ActionForm, ShownOtherwise>),
    number: suggestActionNumber(doc.actions, area),
    areaId: area,
    leadsText: '',
    targetLevel: 0,
    nextSteps: [],
  };
}

function draftFromForm(form: ActionForm, doc: PlanDocument): ActionDraft {
  const { leadsText, targetLevel, nextSteps, ...typed } = form;
  return {
    ...typed,
    leads: leadsFromText(leadsText, doc.people),
    targetLevel: targetLevel === 0 ? null : targetLevel,
    nextSteps: nextSteps.map((step) => ({
      ...(step.id ? { id: step.id } : {}),
      text: step.text,
      leads: leadsFromText(step.leadsText, doc.people),
      timescaleText: step.timescaleText,
      done: step.done,
    })),
  };
}

/** Problems come back as "action.nextSteps[0].text" or "changes.status"; the form keys on the part after, dotted. */
function formPath(problem: FieldProblem): string {
  return problem.field.replace(/^(action|changes)\./, '').replace(/\[(\d+)\]/g, '.$1');
}

function FieldError({ message, id }: { message: string | undefined; id: string }) {
  return message ? (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  ) : null;
}

interface Props {
  doc: PlanDocument;
  action: Action | null;
  defaultAreaId?: string;
  onSave: (draft: ActionDraft) => Promise<ApiResult<PlanDocument>>;
  onDelete: (action: Action) => Promise<ApiResult<PlanDocument>>;
  onClose: () => void;
}

export function ActionEditor({ doc, action, defaultAreaId, onSave, onDelete, onClose }: Props) {
  const resolver = useMemo<Resolver<ActionForm, unknown, ActionDraft>>(() => {
    const check = zodResolver(actionDraftSchema);
    return async (values, context, options) => await check(draftFromForm(values, doc), context, options as never);
  }, [doc]);
  const { register, control, handleSubmit, getValues, setValue, setError, formState } = useForm<
    ActionForm,
    unknown,
    ActionDraft
  >({
    defaultValues: action ? formFromAction(action) : blankForm(doc, defaultAreaId),
    resolver,
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const steps = useFieldArray({ control, name: 'nextSteps', keyName: 'key' });
  const [message, setMessage] = useState<string | null>(null);
  const saving = formState.isSubmitting;
  const idBase = useId();
  const firstField = useRef<HTMLInputElement | null>(null);
  const leadOptions = useMemo(() => allLeadNames(doc), [doc]);

  // Held in a ref so a parent passing a new callback does not move the focus back to the first field.
  const closeRef = useRef(onClose);
  useLayoutEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    // Keyboard users go back to where they opened the editor from, not to the top of the page.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    firstField.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // useWatch, unlike watch(), lets the React compiler keep memoising this component.
  const form = useWatch({ control }) as ActionForm;
  const fieldId = (name: string) => `${idBase}-${name}`;
  // Errors are keyed by the draft's paths ("leads", "nextSteps.0.text"), which the API's problems use too.
  const errorOf = (path: string): string | undefined =>
    (get<FieldErrors>(formState.errors, path) as { message?: string } | undefined)?.message;
  const describedBy = (path: string, id: string) => (errorOf(path) ? `${fieldId(id)}-error` : undefined);
  const numberField = register('number');

  const save = handleSubmit(
    async (draft) => {
      const result = await onSave(draft);
      if (result.ok) return onClose();
      const shown = new Set<string>();
      for (const problem of result.error.problems) {
        const path = formPath(problem);
        if (shown.has(path)) continue;
        shown.add(path);
        setError(path as Path<ActionForm>, { message: problem.reason });
      }
      setMessage(result.error.message);
    },
    () => setMessage('Please correct the highlighted fields.'),
  );

  const remove = async () => {
    if (!action || !window.confirm(`Delete action ${action.number}? The update log keeps a record of it.`)) return;
    const result = await onDelete(action);
    if (result.ok) onClose();
    else setMessage(result.error.message);
  };

  return (
    <div
      className="overlay"
      role="presentation"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={fieldId('title')}
        onKeyDown={keepTabInDialog}
      >
        <form
          onSubmit={(event) => void save(event)}
          onKeyDown={(event) => {
            // Ctrl+Enter (Cmd+Enter on a Mac) saves from any field, as in mail and chat tools.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              if (!saving) void save();
            }
          }}
          noValidate
        >
          <header className="dialog-header">
            <h2 id={fieldId('title')}>{action ? `Action ${action.number}` : 'New action'}</h2>
            <button type="button" className="icon" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog-body">
            <div className="form-grid">
              <label htmlFor={fieldId('number')}>
                {ACTION_FIELDS.number.label}
                <input
                  {...numberField}
                  ref={(element) => {
                    numberField.ref(element);
                    firstField.current = element;
                  }}
                  id={fieldId('number')}
                  aria-invalid={errorOf('number') !== undefined}
                  aria-describedby={describedBy('number', 'number')}
                />
                <FieldError message={errorOf('number')} id={`${fieldId('number')}-error`} />
              </label>
              <label htmlFor={fieldId('area')}>
                {ACTION_FIELDS.areaId.label}
                <Controller
                  control={control}
                  name="areaId"
                  render={({ field }) => (
                    <select
                      id={fieldId('area')}
                      name={field.name}
                      ref={field.ref}
                      value={field.value}
                      onBlur={field.onBlur}
                      onChange={(event) => {
                        // A new action's suggested number follows its area until the person types a number of their own.
                        if (!action && getValues('number') === suggestActionNumber(doc.actions, field.value)) {
                          setValue('number', suggestActionNumber(doc.actions, event.target.value));
                        }
                        field.onChange(event.target.value);
                      }}
                    >
                      {doc.matrix.areas.map((area) => (
                        <option key={area.id} value={area.id}>
                          {area.name}
                        </option>
                      ))}
                    </select>
                  )}
                />
                <FieldError message={errorOf('areaId')} id={`${fieldId('areaId')}-error`} />
              </label>
              <label htmlFor={fieldId('level')}>
                {ACTION_FIELDS.progressLevel.label}
                <select id={fieldId('level')} {...register('progressLevel', { valueAsNumber: true })}>
                  {doc.matrix.levels.map((level) => (
                    <option key={level.level} value={level.level}>
                      {level.level} – {level.name}
                    </option>
                  ))}
                </select>
              </label>
              <label htmlFor={fieldId('targetLevel')}>
                {ACTION_FIELDS.targetLevel.label}
                <select
                  id={fieldId('targetLevel')}
                  aria-describedby={`${fieldId('targetLevel')}-cell`}
                  {...register('targetLevel', { valueAsNumber: true })}
                >
                  <option value={0}>No level chosen</option>
                  {doc.matrix.levels.map((level) => (
                    <option key={level.level} value={level.level}>
                      {level.level} – {level.name}
                    </option>
                  ))}
                </select>
                <span className="hint" id={`${fieldId('targetLevel')}-cell`}>
                  {doc.matrix.areas.find((area) => area.id === form.areaId)?.descriptors[form.targetLevel - 1] ?? ''}
                </span>
              </label>
              <label htmlFor={fieldId('status')}>
                {ACTION_FIELDS.status.label}
                <Controller
                  control={control}
                  name="status"
                  render={({ field }) => (
                    <StatusSelect
                      id={fieldId('status')}
                      value={field.value}
                      label={ACTION_FIELDS.status.label}
                      onChange={field.onChange}
                    />
                  )}
                />
              </label>
            </div>
            {LONG_TEXT_FIELDS.map((key) => {
              const max = maxLength(ACTION_FIELDS[key].schema);
              return (
                <label key={key} htmlFor={fieldId(key)}>
                  {ACTION_FIELDS[key].label}
                  <textarea
                    id={fieldId(key)}
                    rows={3}
                    {...register(key)}
                    aria-invalid={errorOf(key) !== undefined}
                    aria-describedby={describedBy(key, key)}
                    maxLength={max}
                  />
                  <TextLimit value={form[key]} max={max} />
                  <FieldError message={errorOf(key)} id={`${fieldId(key)}-error`} />
                </label>
              );
            })}
            <div className="form-grid two">
              <label htmlFor={fieldId('leads')}>
                {ACTION_FIELDS.leads.label} <span className="hint">separate names with ;</span>
                <input id={fieldId('leads')} list={fieldId('people')} {...register('leadsText')} />
                <FieldError message={errorOf('leads')} id={`${fieldId('leads')}-error`} />
              </label>
              <label htmlFor={fieldId('timescale')}>
                {ACTION_FIELDS.timescale.label}
                <input id={fieldId('timescale')} placeholder="e.g. End of May 27" {...register('timescaleText')} />
                <ParsedDate text={form.timescaleText} yearStartMonth={doc.plan.yearStartMonth} />
              </label>
            </div>
            <datalist id={fieldId('people')}>
              {leadOptions.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>

            <fieldset className="steps-editor">
              <legend>{ACTION_FIELDS.nextSteps.label}</legend>
              {steps.fields.length === 0 && <p className="hint">No next steps yet.</p>}
              {steps.fields.map((row, index) => {
                const step = form.nextSteps[index] ?? row;
                return (
                  <div className="step-row" key={row.key}>
                    <label className="checkbox step-done">
                      <input
                        type="checkbox"
                        aria-label={`Done: ${step.text.trim() || `next step ${index + 1}`}`}
                        {...register(`nextSteps.${index}.done`)}
                      />
                      Done
                    </label>
                    <label className="step-text-field">
                      <span className="visually-hidden">Next step {index + 1}</span>
                      <textarea
                        rows={2}
                        aria-label={`Next step ${index + 1}`}
                        {...register(`nextSteps.${index}.text`)}
                        aria-invalid={errorOf(`nextSteps.${index}.text`) !== undefined}
                        maxLength={STEP_TEXT_MAX}
                      />
                      <TextLimit value={step.text} max={STEP_TEXT_MAX} />
                      <FieldError
                        message={errorOf(`nextSteps.${index}.text`)}
                        id={`${fieldId(`step-${index}`)}-error`}
                      />
                    </label>
                    <label>
                      Lead(s)
                      <input
                        list={fieldId('people')}
                        aria-label={`Lead(s) of next step ${index + 1}`}
                        {...register(`nextSteps.${index}.leadsText`)}
                      />
                    </label>
                    <label>
                      Timescale
                      <input
                        aria-label={`Timescale of next step ${index + 1}`}
                        {...register(`nextSteps.${index}.timescaleText`)}
                      />
                      <ParsedDate text={step.timescaleText} yearStartMonth={doc.plan.yearStartMonth} />
                    </label>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Remove next step ${index + 1}`}
                      onClick={() => steps.remove(index)}
                    >
                      Remove
                    </button>
                  </div>
                );
              })}
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  steps.append({ text: '', leadsText: '', timescaleText: '', done: false }, { shouldFocus: false })
                }
              >
                Add next step
              </button>
            </fieldset>
          </div>
          <footer className="dialog-footer">
            {message && (
              <p className="form-message" role="alert">
                {message}
              </p>
            )}
            {action && (
              <button type="button" className="danger" onClick={() => void remove()}>
                Delete action
              </button>
            )}
            <span className="spacer" />
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save action'}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
