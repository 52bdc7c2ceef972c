import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { Controller } from 'react-hook-form';
import type { ApiResult } from '../../../../shared/api/contract';
import { ATTENTION_LABELS, beforeBoardIndex, lastPaperAt } from '../../../../shared/domain/beforeBoard';
import type { AttentionItem, AttentionReason, LeadGroup } from '../../../../shared/domain/beforeBoard';
import { isStepOverdue } from '../../../../shared/domain/derived';
import { leadsToText } from '../../../../shared/domain/leads';
import { hasNewStep, newStepLeads, quickUpdateChanges } from '../../../../shared/domain/quickUpdate';
import type { Action } from '../../../../shared/model/action';
import type { Lead } from '../../../../shared/model/people';
import type { ActionChanges } from '../../../../shared/model/drafts';
import { actionChangesSchema, nextStepDraftSchema } from '../../../../shared/model/drafts';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { formatDate, formatDateTime } from '../../ui/format';
import { useFormFields } from '../../ui/FieldError';
import { ParsedDate } from '../../ui/ParsedDate';
import { StatusSelect } from '../../ui/StatusSelect';
import { showApiError, useDraftForm } from '../../ui/draftForm';
import { ActionNumberLink } from '../../ui/ActionNumberLink';
import { SentBackNotice } from '../my-actions/SentBackNotice';

export interface StepRef {
  actionId: string;
  stepId: string;
}

type Result = Promise<ApiResult<PlanDocument>>;

interface Props {
  doc: PlanDocument;
  today: IsoDate;
  onOpen: (action: Action) => void;
  onUpdate: (action: Action, changes: ActionChanges) => Result;
  onStepsDone: (steps: StepRef[]) => Result;
  onNotice: (text: string) => void;
}

const stepKey = (actionId: string, stepId: string) => `${actionId} ${stepId}`;

/**
 * Up to this many update forms are shown at once, every lead's; past it one lead's at a time, PAGE forms at a
 * time: thousands of forms took half a minute to draw and left clicks hanging.
 */
const ALL_AT_ONCE = 40;
const PAGE = 20;
/**
 * The forms a screen shows at once are drawn first, and the rest of the page just after that screen is up:
 * each form takes its share of the time the view takes to open.
 */
const FIRST_SCREEN = 4;

const REASON_CLASS: Record<AttentionReason, string> = {
  overdue: 'flag flag-overdue',
  due_before_board: 'flag flag-soon',
  stale: 'flag flag-stale',
};

/** The quick update as typed: only its achievement, status and new step are checked here, with the shared schemas. */
const quickUpdateFormSchema = actionChangesSchema
  .pick({ achievement: true, status: true })
  .extend({ newStep: nextStepDraftSchema.nullable() });

interface QuickUpdateProps {
  doc: PlanDocument;
  today: IsoDate;
  /** Who leads a step added here: the lead whose list it is added from. */
  stepLeads: Lead[];
  item: AttentionItem;
  ticked: ReadonlySet<string>;
  onTick: (step: StepRef, ticked: boolean) => void;
  onSaved: (action: Action, steps: StepRef[]) => void;
  onOpen: (action: Action) => void;
  onUpdate: Props['onUpdate'];
}

/** One action's update on one screen: what was achieved, its status, its open steps and a new step. */
function QuickUpdate({ doc, today, stepLeads, item, ticked, onTick, onSaved, onOpen, onUpdate }: QuickUpdateProps) {
  const { action, reasons, due } = item;
  const form = useDraftForm({
    schema: quickUpdateFormSchema,
    defaultValues: { achievement: action.achievement, status: action.status, newStep: { text: '', timescaleText: '' } },
    toDraft: ({ achievement, status, newStep }) => ({
      achievement,
      status,
      newStep: hasNewStep(newStep) ? { ...newStep, leads: stepLeads } : null,
    }),
  });
  const { id, field, error, formMessage } = useFormFields(form);
  const [saving, setSaving] = useState(false);
  // When the action changes underneath (saved here, a bulk "mark done", undo), fields not edited here follow it;
  // anything typed but not yet saved is kept.
  const base = useRef(action);
  useEffect(() => {
    const before = base.current;
    base.current = action;
    if (form.getValues('achievement') === before.achievement) form.setValue('achievement', action.achievement);
    if (form.getValues('status') === before.status) form.setValue('status', action.status);
  }, [action, form]);
  const openSteps = action.nextSteps.filter((step) => !step.done);
  const [newText, newTimescale] = form.watch(['newStep.text', 'newStep.timescaleText']);

  const save = form.handleSubmit(async ({ achievement, status, newStep }) => {
    const tickedHere = openSteps.filter((step) => ticked.has(stepKey(action.id, step.id)));
    const changes = quickUpdateChanges(action, {
      achievement: achievement ?? action.achievement,
      status: status ?? action.status,
      doneStepIds: tickedHere.map((step) => step.id),
      newStep: newStep ?? { text: '', timescaleText: '', leads: [] },
    });
    if (Object.keys(changes).length === 0)
      return form.setError('root.form', { message: 'Nothing to save: change the achievement, status or steps first.' });
    setSaving(true);
    const result = await onUpdate(action, changes);
    setSaving(false);
    if (!result.ok)
      return showApiError(form, result.error, ['changes'], (field) => renameNewStep(field, action.nextSteps.length));
    form.resetField('newStep.text', { defaultValue: '' });
    form.resetField('newStep.timescaleText', { defaultValue: '' });
    onSaved(
      action,
      tickedHere.map((step) => ({ actionId: action.id, stepId: step.id })),
    );
  });

  return (
    <article className="bb-item" aria-labelledby={id('title')} data-action-id={action.id}>
      <header className="bb-item-head">
        <ActionNumberLink action={action} onOpen={onOpen} />
        <h4 id={id('title')} className="bb-description" title={action.description}>
          <span className="visually-hidden">Action {action.number}: </span>
          {action.description}
        </h4>
        <div className="bb-reasons">
          {reasons.map((reason) => (
            <span key={reason} className={REASON_CLASS[reason]}>
              {ATTENTION_LABELS[reason]}
            </span>
          ))}
          <span className="bb-due">{due ? `Due ${formatDate(due)}` : 'No due date'}</span>
        </div>
      </header>
      <SentBackNotice doc={doc} actionId={action.id} />
      <form
        className="bb-form"
        aria-label={`Update action ${action.number}`}
        noValidate
        onSubmit={(event) => void save(event)}
      >
        <label className="bb-achievement" htmlFor={field('achievement').id}>
          Achievement to date
          <textarea rows={5} {...field('achievement')} />
          {error('achievement')}
        </label>
        <fieldset className="bb-steps">
          <legend>
            Open next steps{openSteps.length > 0 && <span className="hint"> – tick the ones that are done</span>}
          </legend>
          {openSteps.length === 0 ? (
            <p className="hint">No open next steps.</p>
          ) : (
            <ul>
              {openSteps.map((step) => (
                <li key={step.id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={ticked.has(stepKey(action.id, step.id))}
                      onChange={(event) => onTick({ actionId: action.id, stepId: step.id }, event.target.checked)}
                    />
                    <span className="bb-step-text">{step.text}</span>
                  </label>
                  <span className="step-meta">
                    {leadsToText(step.leads) || 'No lead'}
                    {step.timescale.text && <> · {step.timescale.text}</>}
                    {isStepOverdue(action, step, today) && <span className="flag flag-overdue">Overdue</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <div className="bb-new-step">
            <label htmlFor={field('newStep.text').id}>
              Add a next step
              <input {...field('newStep.text')} />
              {error('newStep.text')}
            </label>
            <label htmlFor={field('newStep.timescaleText').id}>
              Timescale
              <input placeholder="e.g. March 27" {...field('newStep.timescaleText')} />
              <ParsedDate text={newTimescale} yearStartMonth={doc.plan.yearStartMonth} />
              {error('newStep.timescaleText')}
            </label>
          </div>
          {stepLeads.length > 0 && (newText || newTimescale) && (
            <p className="hint">The new step will be led by {leadsToText(stepLeads)}.</p>
          )}
        </fieldset>
        <div className="bb-side">
          <label htmlFor={id('status')}>
            Status
            <Controller
              control={form.control}
              name="status"
              render={({ field: status }) => (
                <StatusSelect
                  id={id('status')}
                  value={status.value}
                  label={`Status of action ${action.number}`}
                  onChange={status.onChange}
                />
              )}
            />
          </label>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : `Save action ${action.number}`}
          </button>
          <span className="hint">Last updated {formatDateTime(action.updatedAt)}</span>
          {formMessage && (
            <p className="form-message" role="alert">
              {formMessage}
            </p>
          )}
        </div>
      </form>
    </article>
  );
}

/** Errors on the step appended after the existing ones belong to the "Add a next step" fields. */
function renameNewStep(field: string, existing: number): string {
  const prefix = `nextSteps[${existing}].`;
  return field.startsWith(prefix) ? `newStep.${field.slice(prefix.length)}` : field;
}

/**
 * "Before the board": every open action a lead should update before the next meeting, grouped by lead,
 * each with a quick-update form; ticked steps can also be marked done all at once.
 */
export function BeforeBoard({ doc, today, onOpen, onUpdate, onStepsDone, onNotice }: Props) {
  const { groups, count } = useMemo(() => beforeBoardIndex(doc, today), [doc, today]);
  const [settled, setSettled] = useState(false);
  useEffect(() => startTransition(() => setSettled(true)), []);
  const [tickedKeys, setTickedKeys] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [bulkError, setBulkError] = useState<string | null>(null);
  const since = lastPaperAt(doc);
  const [chosenLead, setChosenLead] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const paged = groups.reduce((total, group) => total + group.items.length, 0) > ALL_AT_ONCE;
  const chosen = groups.find((group) => group.lead === chosenLead) ?? groups[0];
  const chooseLead = (lead: string) => {
    setChosenLead(lead);
    setShown(PAGE);
  };

  // Only steps still open on screen count: a step done elsewhere drops out of the selection. The open steps
  // are gathered only once something is ticked: the view opens with nothing ticked.
  const ticked = useMemo(() => {
    if (tickedKeys.size === 0) return tickedKeys;
    const openKeys = new Set(
      groups.flatMap((group) =>
        group.items.flatMap(({ action }) =>
          action.nextSteps.filter((step) => !step.done).map((step) => stepKey(action.id, step.id)),
        ),
      ),
    );
    return new Set([...tickedKeys].filter((key) => openKeys.has(key)));
  }, [tickedKeys, groups]);

  const tick = (step: StepRef, on: boolean) =>
    setTickedKeys((current) => {
      const next = new Set(current);
      if (on) next.add(stepKey(step.actionId, step.stepId));
      else next.delete(stepKey(step.actionId, step.stepId));
      return next;
    });
  const untick = (steps: StepRef[]) =>
    setTickedKeys(
      (current) =>
        new Set([...current].filter((key) => !steps.some((step) => stepKey(step.actionId, step.stepId) === key))),
    );

  const markDone = async () => {
    const steps = [...ticked].map((key) => {
      const [actionId, stepId] = key.split(' ') as [string, string];
      return { actionId, stepId };
    });
    if (steps.length === 0) return;
    setBusy(true);
    setBulkError(null);
    const result = await onStepsDone(steps);
    setBusy(false);
    if (!result.ok) return setBulkError(result.error.message);
    untick(steps);
    onNotice(`Marked ${steps.length} next ${steps.length === 1 ? 'step' : 'steps'} done.`);
  };

  // Until the first screen is up, only the forms it shows are drawn.
  let budget = settled ? Infinity : FIRST_SCREEN;
  const shownGroups: { group: LeadGroup<AttentionItem>; index: number; items: AttentionItem[] }[] = [];
  for (const [index, group] of groups.entries()) {
    if (paged && group !== chosen) continue;
    const items = (paged ? group.items.slice(0, shown) : group.items).slice(0, budget);
    budget -= items.length;
    shownGroups.push({ group, index, items });
  }

  return (
    <section className="before-board" aria-labelledby="before-board-title">
      <div className="view-head">
        <div>
          <h2 id="before-board-title">Before the board</h2>
          <p className="hint">
            {count === 0
              ? 'No action needs an update'
              : `${count} ${count === 1 ? 'action needs' : 'actions need'} an update`}
            {doc.plan.nextBoardDate
              ? ` before the board on ${formatDate(doc.plan.nextBoardDate)}`
              : ' before the next board'}
            {count > 0 &&
              (since
                ? ` – overdue, due before the meeting, or not updated since the last paper (${formatDate(since.slice(0, 10))}).`
                : ' – overdue or due before the meeting.')}
            {count === 0 && '.'}
          </p>
        </div>
        <div className="bulk-bar" role="group" aria-label="Selected next steps">
          <span aria-live="polite">
            {ticked.size === 0
              ? 'Tick next steps to mark several done at once.'
              : `${ticked.size} next ${ticked.size === 1 ? 'step' : 'steps'} ticked (not saved yet)`}
          </span>
          {ticked.size > 0 && (
            <button type="button" className="link" onClick={() => setTickedKeys(new Set())}>
              Clear
            </button>
          )}
          <button
            type="button"
            className="primary"
            disabled={ticked.size === 0 || busy}
            onClick={() => void markDone()}
          >
            Mark selected steps done
          </button>
          {bulkError && (
            <span className="field-error" role="alert">
              {bulkError}
            </span>
          )}
        </div>
      </div>
      {groups.length > 0 && (
        <nav className="lead-index" aria-label="Leads">
          {groups.map((group, index) =>
            paged ? (
              <button
                key={group.lead}
                type="button"
                aria-pressed={group === chosen}
                onClick={() => chooseLead(group.lead)}
              >
                {group.lead} <span className="count">{group.items.length}</span>
              </button>
            ) : (
              <a key={group.lead} href={`#lead-${index}`}>
                {group.lead} <span className="count">{group.items.length}</span>
              </a>
            ),
          )}
        </nav>
      )}
      {shownGroups.map(({ group, index, items }) => {
        const stepLeads = newStepLeads(doc, group.lead);
        return (
          <section key={group.lead} className="lead-group" aria-labelledby={`lead-${index}`}>
            <h3 id={`lead-${index}`} tabIndex={-1}>
              {group.lead} <span className="area-count">({group.items.length})</span>
            </h3>
            {items.map((item) => (
              <QuickUpdate
                key={item.action.id}
                doc={doc}
                today={today}
                stepLeads={stepLeads}
                item={item}
                ticked={ticked}
                onTick={tick}
                onOpen={onOpen}
                onUpdate={onUpdate}
                onSaved={(action, steps) => {
                  untick(steps);
                  onNotice(`Saved action ${action.number}.`);
                }}
              />
            ))}
            {paged && group.items.length > shown && (
              <button type="button" className="secondary show-more" onClick={() => setShown(shown + PAGE)}>
                Show {Math.min(PAGE, group.items.length - shown)} more of {group.lead}’s actions (
                {group.items.length - shown} not shown yet)
              </button>
            )}
          </section>
        );
      })}
    </section>
  );
}
