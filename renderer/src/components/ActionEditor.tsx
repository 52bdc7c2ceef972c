import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ApiResult } from '../../../shared/api/contract';
import type { Action, ActionStatus } from '../../../shared/model/action';
import type { ActionDraft } from '../../../shared/model/drafts';
import { actionDraftSchema } from '../../../shared/model/drafts';
import type { PlanDocument } from '../../../shared/model/plan';
import { fieldProblems } from '../../../shared/model/validationIssues';
import type { FieldProblem } from '../../../shared/model/validationIssues';
import { leadsFromText, leadsToText } from '../../../shared/domain/leads';
import { ParsedDate } from './ParsedDate';
import { suggestActionNumber } from '../../../shared/domain/actionOrder';
import { allLeadNames } from '../../../shared/domain/filters';
import { StatusSelect } from './StatusSelect';
import { TextLimit } from './TextLimit';
import { keepTabInDialog } from '../dialogFocus';
import { actionSchema, nextStepSchema } from '../../../shared/model/action';

interface StepForm {
  key: string;
  id?: string;
  text: string;
  leadsText: string;
  timescaleText: string;
  done: boolean;
}

interface ActionForm {
  number: string;
  areaId: string;
  description: string;
  achievement: string;
  leadsText: string;
  timescaleText: string;
  progressLevel: number;
  /** 0 while the action is not linked to a level of the matrix. */
  targetLevel: number;
  status: ActionStatus;
  steps: StepForm[];
}

let stepKeys = 0;
const newKey = () => `step-${(stepKeys += 1)}`;

function formFromAction(action: Action): ActionForm {
  return {
    number: action.number,
    areaId: action.areaId,
    description: action.description,
    achievement: action.achievement,
    leadsText: leadsToText(action.leads),
    timescaleText: action.timescale.text,
    progressLevel: action.progressLevel,
    targetLevel: action.targetLevel ?? 0,
    status: action.status,
    steps: action.nextSteps.map((step) => ({
      key: newKey(),
      id: step.id,
      text: step.text,
      leadsText: leadsToText(step.leads),
      timescaleText: step.timescale.text,
      done: step.done,
    })),
  };
}

/** The schema's own limits, so the counters and the save check can never disagree. */
const LIMITS = {
  description: actionSchema.shape.description.maxLength ?? 0,
  achievement: actionSchema.shape.achievement.maxLength ?? 0,
  stepText: nextStepSchema.shape.text.maxLength ?? 0,
};

function blankForm(doc: PlanDocument, areaId: string | undefined): ActionForm {
  const area = areaId ?? doc.matrix.areas[0]!.id;
  return {
    number: suggestActionNumber(doc.actions, area),
    areaId: area,
    description: '',
    achievement: '',
    leadsText: '',
    timescaleText: '',
    progressLevel: 1,
    targetLevel: 0,
    status: 'not_started',
    steps: [],
  };
}

function draftFromForm(form: ActionForm, doc: PlanDocument): ActionDraft {
  return {
    number: form.number,
    areaId: form.areaId,
    description: form.description,
    achievement: form.achievement,
    leads: leadsFromText(form.leadsText, doc.people),
    timescaleText: form.timescaleText,
    progressLevel: form.progressLevel,
    targetLevel: form.targetLevel === 0 ? null : form.targetLevel,
    status: form.status,
    nextSteps: form.steps.map((step) => ({
      ...(step.id ? { id: step.id } : {}),
      text: step.text,
      leads: leadsFromText(step.leadsText, doc.people),
      timescaleText: step.timescaleText,
      done: step.done,
    })),
  };
}

/** Problems come back as "action.nextSteps[0].text" or "changes.status"; the form keys on the part after. */
function problemsByField(problems: readonly FieldProblem[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const problem of problems) {
    const field = problem.field.replace(/^(action|changes)\./, '');
    if (!map.has(field)) map.set(field, problem.reason);
  }
  return map;
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
  const [form, setForm] = useState<ActionForm>(() => (action ? formFromAction(action) : blankForm(doc, defaultAreaId)));
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const idBase = useId();
  const firstField = useRef<HTMLInputElement>(null);
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

  const set = (patch: Partial<ActionForm>) => setForm((current) => ({ ...current, ...patch }));
  const setStep = (key: string, patch: Partial<StepForm>) =>
    setForm((current) => ({ ...current, steps: current.steps.map((step) => (step.key === key ? { ...step, ...patch } : step)) }));
  const fieldId = (name: string) => `${idBase}-${name}`;
  const errorOf = (name: string) => problems.get(name);
  const describedBy = (name: string) => (problems.has(name) ? `${fieldId(name)}-error` : undefined);

  // A new action's suggested number follows its area until the person types a number of their own.
  const changeArea = (areaId: string) =>
    set(
      !action && form.number === suggestActionNumber(doc.actions, form.areaId)
        ? { areaId, number: suggestActionNumber(doc.actions, areaId) }
        : { areaId },
    );

  const save = async () => {
    const draft = draftFromForm(form, doc);
    const checked = actionDraftSchema.safeParse(draft);
    if (!checked.success) {
      setProblems(problemsByField(fieldProblems(checked.error)));
      setMessage('Please correct the highlighted fields.');
      return;
    }
    setSaving(true);
    const result = await onSave(draft);
    setSaving(false);
    if (result.ok) return onClose();
    setProblems(problemsByField(result.error.problems));
    setMessage(result.error.message);
  };

  const remove = async () => {
    if (!action || !window.confirm(`Delete action ${action.number}? The update log keeps a record of it.`)) return;
    const result = await onDelete(action);
    if (result.ok) onClose();
    else setMessage(result.error.message);
  };

  return (
    <div className="overlay" role="presentation" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={fieldId('title')} onKeyDown={keepTabInDialog}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
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
                Action no.
                <input
                  ref={firstField}
                  id={fieldId('number')}
                  value={form.number}
                  onChange={(event) => set({ number: event.target.value })}
                  aria-invalid={problems.has('number')}
                  aria-describedby={describedBy('number')}
                />
                <FieldError message={errorOf('number')} id={`${fieldId('number')}-error`} />
              </label>
              <label htmlFor={fieldId('area')}>
                Matrix area
                <select id={fieldId('area')} value={form.areaId} onChange={(event) => changeArea(event.target.value)}>
                  {doc.matrix.areas.map((area) => (
                    <option key={area.id} value={area.id}>
                      {area.name}
                    </option>
                  ))}
                </select>
                <FieldError message={errorOf('areaId')} id={`${fieldId('areaId')}-error`} />
              </label>
              <label htmlFor={fieldId('level')}>
                Progress level
                <select
                  id={fieldId('level')}
                  value={form.progressLevel}
                  onChange={(event) => set({ progressLevel: Number(event.target.value) })}
                >
                  {doc.matrix.levels.map((level) => (
                    <option key={level.level} value={level.level}>
                      {level.level} – {level.name}
                    </option>
                  ))}
                </select>
              </label>
              <label htmlFor={fieldId('targetLevel')}>
                Aims to bring the area to
                <select
                  id={fieldId('targetLevel')}
                  value={form.targetLevel}
                  aria-describedby={`${fieldId('targetLevel')}-cell`}
                  onChange={(event) => set({ targetLevel: Number(event.target.value) })}
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
                Status
                <StatusSelect id={fieldId('status')} value={form.status} label="Status" onChange={(status) => set({ status })} />
              </label>
            </div>
            <label htmlFor={fieldId('description')}>
              Description
              <textarea
                id={fieldId('description')}
                rows={3}
                value={form.description}
                onChange={(event) => set({ description: event.target.value })}
                aria-invalid={problems.has('description')}
                aria-describedby={describedBy('description')}
                maxLength={LIMITS.description}
              />
              <TextLimit value={form.description} max={LIMITS.description} />
              <FieldError message={errorOf('description')} id={`${fieldId('description')}-error`} />
            </label>
            <label htmlFor={fieldId('achievement')}>
              Achievement to date
              <textarea
                id={fieldId('achievement')}
                rows={3}
                value={form.achievement}
                onChange={(event) => set({ achievement: event.target.value })}
                maxLength={LIMITS.achievement}
              />
              <TextLimit value={form.achievement} max={LIMITS.achievement} />
              <FieldError message={errorOf('achievement')} id={`${fieldId('achievement')}-error`} />
            </label>
            <div className="form-grid two">
              <label htmlFor={fieldId('leads')}>
                Lead(s) <span className="hint">separate names with ;</span>
                <input
                  id={fieldId('leads')}
                  list={fieldId('people')}
                  value={form.leadsText}
                  onChange={(event) => set({ leadsText: event.target.value })}
                />
                <FieldError message={errorOf('leads')} id={`${fieldId('leads')}-error`} />
              </label>
              <label htmlFor={fieldId('timescale')}>
                Timescale
                <input
                  id={fieldId('timescale')}
                  value={form.timescaleText}
                  placeholder="e.g. End of May 27"
                  onChange={(event) => set({ timescaleText: event.target.value })}
                />
                <ParsedDate text={form.timescaleText} yearStartMonth={doc.plan.yearStartMonth} />
              </label>
            </div>
            <datalist id={fieldId('people')}>
              {leadOptions.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>

            <fieldset className="steps-editor">
              <legend>Next steps</legend>
              {form.steps.length === 0 && <p className="hint">No next steps yet.</p>}
              {form.steps.map((step, index) => (
                <div className="step-row" key={step.key}>
                  <label className="checkbox step-done">
                    <input
                      type="checkbox"
                      checked={step.done}
                      aria-label={`Done: ${step.text.trim() || `next step ${index + 1}`}`}
                      onChange={(event) => setStep(step.key, { done: event.target.checked })}
                    />
                    Done
                  </label>
                  <label className="step-text-field">
                    <span className="visually-hidden">Next step {index + 1}</span>
                    <textarea
                      rows={2}
                      value={step.text}
                      aria-label={`Next step ${index + 1}`}
                      onChange={(event) => setStep(step.key, { text: event.target.value })}
                      aria-invalid={problems.has(`nextSteps[${index}].text`)}
                      maxLength={LIMITS.stepText}
                    />
                    <TextLimit value={step.text} max={LIMITS.stepText} />
                    <FieldError message={errorOf(`nextSteps[${index}].text`)} id={`${fieldId(`step-${index}`)}-error`} />
                  </label>
                  <label>
                    Lead(s)
                    <input
                      list={fieldId('people')}
                      value={step.leadsText}
                      aria-label={`Lead(s) of next step ${index + 1}`}
                      onChange={(event) => setStep(step.key, { leadsText: event.target.value })}
                    />
                  </label>
                  <label>
                    Timescale
                    <input
                      value={step.timescaleText}
                      aria-label={`Timescale of next step ${index + 1}`}
                      onChange={(event) => setStep(step.key, { timescaleText: event.target.value })}
                    />
                    <ParsedDate text={step.timescaleText} yearStartMonth={doc.plan.yearStartMonth} />
                  </label>
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={`Remove next step ${index + 1}`}
                    onClick={() => set({ steps: form.steps.filter((candidate) => candidate.key !== step.key) })}
                  >
                    Remove
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="secondary"
                onClick={() => set({ steps: [...form.steps, { key: newKey(), text: '', leadsText: '', timescaleText: '', done: false }] })}
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
