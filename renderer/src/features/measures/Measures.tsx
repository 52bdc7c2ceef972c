import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import type { ApiResult } from '../../../../shared/api/contract';
import { formatMeasureValue, summariseMeasure } from '../../../../shared/domain/measures';
import type { MeasureSummary } from '../../../../shared/domain/measures';
import { measureTrend } from '../../../../shared/domain/measureTrend';
import { sortActions } from '../../../../shared/domain/actionOrder';
import type { Action } from '../../../../shared/model/action';
import type {
  MeasureDraft,
  MeasurePointDraft,
  MeasureValueCorrection,
  MeasureValueWithdrawal,
} from '../../../../shared/model/drafts';
import {
  measureDraftSchema,
  measurePointDraftSchema,
  measureValueCorrectionSchema,
  measureValueWithdrawalSchema,
} from '../../../../shared/model/drafts';
import { isInForce } from '../../../../shared/model/correction';
import type { Measure, MeasurePoint } from '../../../../shared/model/measure';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { formatDate, formatDateTime } from '../../ui/format';
import { useFormFields } from '../../ui/FieldError';
import { FormFooter } from '../../ui/FormFooter';
import { showApiError, useDraftForm } from '../../ui/draftForm';
import { Sparkline } from '../../ui/Sparkline';
import { TableHead } from '../../ui/TableHead';

type Result = Promise<ApiResult<PlanDocument>>;

interface Props {
  doc: PlanDocument;
  today: IsoDate;
  onOpen: (action: Action) => void;
  onSave: (draft: MeasureDraft) => Result;
  onAddValue: (point: MeasurePointDraft) => Result;
  onCorrectValue: (correction: MeasureValueCorrection) => Result;
  onWithdrawValue: (withdrawal: MeasureValueWithdrawal) => Result;
  onDelete: (measure: Measure) => Result;
  onNotice: (text: string) => void;
}

const DIRECTION_WORDS = { maximise: 'Higher is better', minimise: 'Lower is better' } as const;
const UNIT_WORDS = { percent: 'Percentage', count: 'Count', number: 'Number' } as const;

/** A number typed in a form: blank stays blank (null), anything else must read as a number. */
function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

function MeasureForm({
  doc,
  measure,
  onSave,
  onDone,
}: {
  doc: PlanDocument;
  measure: Measure | null;
  onSave: Props['onSave'];
  onDone: (saved: boolean) => void;
}) {
  const actionIds = useMemo(() => new Set(doc.actions.map((action) => action.id)), [doc]);
  const form = useDraftForm({
    schema: measureDraftSchema,
    defaultValues: {
      name: measure?.name ?? '',
      description: measure?.description ?? '',
      direction: measure?.direction ?? '',
      unit: measure?.unit ?? 'percent',
      target: measure?.target === null || measure?.target === undefined ? '' : String(measure.target),
      baseline: { date: measure?.baseline?.date ?? '', value: measure?.baseline ? String(measure.baseline.value) : '' },
      areaIds: measure?.areaIds ?? [],
      // Links to actions deleted since would make the measure impossible to save; they are dropped here.
      actionIds: (measure?.actionIds ?? []).filter((id) => actionIds.has(id)),
    },
    toDraft: ({ target, baseline, direction, ...rest }) => ({
      ...(measure ? { id: measure.id } : {}),
      ...rest,
      direction: direction as MeasureDraft['direction'],
      target: numberOrNull(target),
      baseline:
        baseline.date !== '' || baseline.value.trim() !== ''
          ? { date: baseline.date, value: numberOrNull(baseline.value) ?? Number.NaN }
          : null,
    }),
  });
  const { field, describedBy, error, formMessage } = useFormFields(form);

  const save = form.handleSubmit(async (draft) => {
    const result = await onSave(draft);
    if (result.ok) return onDone(true);
    showApiError(form, result.error, ['measure']);
  });

  return (
    <form
      className="measure-form"
      aria-label={measure ? `Edit measure ${measure.name}` : 'Add a measure'}
      noValidate
      onSubmit={(event) => void save(event)}
    >
      <h3 className="wide">{measure ? `Edit “${measure.name}”` : 'Add a measure'}</h3>
      <label className="wide" htmlFor={field('name').id}>
        Name
        <input placeholder="e.g. % of CAFs closed with outcomes met" {...field('name')} />
        {error('name')}
      </label>
      <label className="wide" htmlFor={field('description').id}>
        Description
        <textarea rows={2} {...field('description')} />
        {error('description')}
      </label>
      <label htmlFor={field('direction').id}>
        Aim
        <select {...field('direction')}>
          <option value="">Choose…</option>
          <option value="maximise">Maximise – higher is better</option>
          <option value="minimise">Minimise – lower is better</option>
        </select>
        {error('direction')}
      </label>
      <label htmlFor={field('unit').id}>
        Unit
        <select {...field('unit')}>
          {Object.entries(UNIT_WORDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {error('unit')}
      </label>
      <label htmlFor={field('target').id}>
        <span>
          Target <span className="hint">(optional)</span>
        </span>
        <input type="number" step="any" {...field('target')} />
        {error('target')}
      </label>
      <fieldset className="baseline">
        <legend>
          Baseline <span className="hint">(optional)</span>
        </legend>
        <label htmlFor={field('baseline.date').id}>
          Date
          <input type="date" {...field('baseline.date')} />
          {error('baseline.date')}
        </label>
        <label htmlFor={field('baseline.value').id}>
          Value
          <input type="number" step="any" {...field('baseline.value')} />
          {error('baseline.value')}
        </label>
      </fieldset>
      <fieldset className="wide link-list" aria-describedby={describedBy('areaIds')}>
        <legend>Matrix areas it shows progress in</legend>
        {doc.matrix.areas.map((area) => (
          <label key={area.id} className="checkbox">
            <input type="checkbox" value={area.id} {...form.register('areaIds')} />
            {area.name}
          </label>
        ))}
        {error('areaIds')}
      </fieldset>
      <fieldset className="wide link-list actions-list" aria-describedby={describedBy('actionIds')}>
        <legend>Actions that should move it</legend>
        {sortActions(doc.actions).map((action) => (
          <label key={action.id} className="checkbox" title={action.description}>
            <input type="checkbox" value={action.id} {...form.register('actionIds')} />
            <span className="truncate">
              <strong>{action.number}</strong> {action.description}
            </span>
          </label>
        ))}
        {error('actionIds')}
      </fieldset>
      <FormFooter
        submitLabel={measure ? 'Save measure' : 'Add measure'}
        onCancel={() => onDone(false)}
        message={formMessage}
      />
    </form>
  );
}

interface FigureFieldsProps {
  measure: Measure;
  field: (name: 'date' | 'value' | 'note') => ComponentProps<'input'> & { id: string };
  error: (name: string) => ReactNode;
  /** A new figure: the value gets the focus and the note is marked optional; a correction shows them as recorded. */
  adding: boolean;
}

/** A figure's date, value and note, as added or corrected. */
function FigureFields({ measure, field, error, adding }: FigureFieldsProps) {
  return (
    <>
      <label htmlFor={field('date').id}>
        Date
        <input type="date" {...field('date')} />
        {error('date')}
      </label>
      <label htmlFor={field('value').id}>
        Value{measure.unit === 'percent' ? ' (%)' : ''}
        <input autoFocus={adding} type="number" step="any" {...field('value')} />
        {error('value')}
      </label>
      <label htmlFor={field('note').id} className="grow">
        {adding ? (
          <span>
            Note <span className="hint">(optional)</span>
          </span>
        ) : (
          'Note'
        )}
        <input {...field('note')} />
        {error('note')}
      </label>
    </>
  );
}

function ValueForm({
  measure,
  today,
  onAddValue,
  onDone,
}: {
  measure: Measure;
  today: IsoDate;
  onAddValue: Props['onAddValue'];
  onDone: (saved: boolean) => void;
}) {
  const form = useDraftForm({
    schema: measurePointDraftSchema,
    defaultValues: { date: today, value: '', note: '' },
    toDraft: ({ date, value, note }) => ({
      measureId: measure.id,
      date,
      value: numberOrNull(value) ?? Number.NaN,
      note,
    }),
  });
  const { field, error, formMessage } = useFormFields(form);
  const date = form.watch('date');
  const taken = measure.values.find((point) => isInForce(point) && point.date === date);

  const save = form.handleSubmit(async (point) => {
    const result = await onAddValue(point);
    if (result.ok) return onDone(true);
    showApiError(form, result.error, ['point']);
  });

  return (
    <form
      className="value-form"
      aria-label={`Add a value to ${measure.name}`}
      noValidate
      onSubmit={(event) => void save(event)}
    >
      <FigureFields measure={measure} field={field} error={error} adding />
      <FormFooter compact submitLabel="Add value" onCancel={() => onDone(false)} message={formMessage}>
        {taken && (
          <p className="hint hint-warn full">
            {formatMeasureValue(measure, taken.value)} is already recorded for {formatDate(date)}: a measure has one
            value per date. To change it, use Correct on that value under “All values” and give a reason.
          </p>
        )}
      </FormFooter>
    </form>
  );
}

/** Correct a figure (new date, value or note) or withdraw it; either way the reason is kept with the old figure. */
function AmendValueForm({
  measure,
  point,
  mode,
  onCorrectValue,
  onWithdrawValue,
  onDone,
}: Pick<Props, 'onCorrectValue' | 'onWithdrawValue'> & {
  measure: Measure;
  point: MeasurePoint;
  mode: 'correct' | 'withdraw';
  onDone: (saved: boolean) => void;
}) {
  const form = useDraftForm({
    schema: mode === 'correct' ? measureValueCorrectionSchema : measureValueWithdrawalSchema,
    defaultValues: { date: point.date, value: String(point.value), note: point.note, reason: '' },
    toDraft: ({ date, value, note, reason }) => {
      const base = { measureId: measure.id, valueId: point.id, reason };
      return mode === 'correct' ? { ...base, date, value: numberOrNull(value) ?? Number.NaN, note } : base;
    },
  });
  const { field, error, formMessage } = useFormFields(form);
  const what = `the value of ${formatDate(point.date)}`;

  const save = form.handleSubmit(async (draft) => {
    const result =
      mode === 'correct' ? await onCorrectValue(draft as MeasureValueCorrection) : await onWithdrawValue(draft);
    if (result.ok) return onDone(true);
    showApiError(form, result.error, ['correction', 'withdrawal']);
  });

  return (
    <form
      className="value-form"
      aria-label={`${mode === 'correct' ? 'Correct' : 'Withdraw'} ${what}`}
      noValidate
      onSubmit={(event) => void save(event)}
    >
      {mode === 'correct' && <FigureFields measure={measure} field={field} error={error} adding={false} />}
      <label htmlFor={field('reason').id} className="grow">
        Reason for the {mode === 'correct' ? 'correction' : 'withdrawal'}
        <input autoFocus {...field('reason')} />
        {error('reason')}
      </label>
      <FormFooter
        compact
        submitLabel={mode === 'correct' ? 'Save correction' : 'Withdraw value'}
        onCancel={() => onDone(false)}
        message={formMessage}
      />
    </form>
  );
}

const SPARKLINE_WIDTH = 180;
const SPARKLINE_HEIGHT = 44;

/**
 * Its children once the box has come near the screen, an empty box of the same size until then: the
 * charts of cards far down the list are drawn when scrolled to, not all when the view opens.
 */
function WhenVisible({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  if (seen) return <>{children}</>;
  return <div ref={box} className="sparkline-pending" style={{ width, height }} aria-hidden="true" />;
}

function valueStatus(point: MeasurePoint): string {
  if (point.withdrawn)
    return `Withdrawn ${formatDateTime(point.withdrawn.at)} by ${point.withdrawn.by}: ${point.withdrawn.reason}`;
  if (point.supersededBy)
    return `Corrected ${formatDateTime(point.supersededBy.at)} by ${point.supersededBy.by}: ${point.supersededBy.reason}`;
  return point.corrects ? 'In force (a correction)' : 'In force';
}

function MeasureCard({
  doc,
  measure,
  summary,
  actionsById,
  today,
  onOpen,
  onEdit,
  onAddValue,
  onCorrectValue,
  onWithdrawValue,
  onDelete,
  onNotice,
}: Omit<Props, 'onSave'> & {
  measure: Measure;
  summary: MeasureSummary;
  actionsById: ReadonlyMap<string, Action>;
  onEdit: () => void;
}) {
  const [amending, setAmending] = useState<{ id: string; mode: 'correct' | 'withdraw' } | null>(null);
  const [adding, setAdding] = useState(false);
  const [valuesOpen, setValuesOpen] = useState(false);
  const { latest, met } = summary;
  const { trend, text: trendText, previous } = measureTrend(measure, summary);
  const areaNames = measure.areaIds.map((id) => doc.matrix.areas.find((area) => area.id === id)?.name ?? id);
  // Looked up by id: scanning every action for every measure grows with actions × measures.
  const actions = sortActions(
    measure.actionIds.flatMap((id) => {
      const action = actionsById.get(id);
      return action ? [action] : [];
    }),
  );
  const titleId = useId();
  const show = (value: number) => formatMeasureValue(measure, value);

  return (
    <article className="measure-card" aria-labelledby={titleId} data-measure-id={measure.id}>
      <header className="measure-head">
        <div>
          <h3 id={titleId}>{measure.name}</h3>
          <p className="hint">
            {DIRECTION_WORDS[measure.direction]} · {UNIT_WORDS[measure.unit]}
          </p>
        </div>
        <div className="row-buttons">
          <button
            type="button"
            className="secondary small"
            onClick={onEdit}
            aria-label={`Edit measure ${measure.name}`}
          >
            Edit
          </button>
          <button
            type="button"
            className="danger small"
            aria-label={`Delete measure ${measure.name}`}
            onClick={() => {
              if (!window.confirm(`Delete the measure “${measure.name}” and its ${measure.values.length} values?`))
                return;
              void onDelete(measure).then((result) =>
                onNotice(result.ok ? `Deleted the measure “${measure.name}”.` : result.error.message),
              );
            }}
          >
            Delete
          </button>
        </div>
      </header>
      {measure.description && <p className="measure-description">{measure.description}</p>}
      <div className="measure-body">
        <dl className="measure-figures">
          <div>
            <dt>Latest</dt>
            <dd data-testid="latest-value">
              {latest ? (
                <>
                  <strong>{show(latest.value)}</strong> <span className="hint">{formatDate(latest.date)}</span>
                </>
              ) : (
                <span className="hint">No values yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Target</dt>
            <dd>
              {measure.target === null ? <span className="hint">None set</span> : show(measure.target)}{' '}
              {met !== null && (
                <span className={met ? 'met-badge met' : 'met-badge not-met'}>{met ? 'Met' : 'Not met'}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Baseline</dt>
            <dd>
              {measure.baseline ? (
                <>
                  {show(measure.baseline.value)} <span className="hint">{formatDate(measure.baseline.date)}</span>
                </>
              ) : (
                <span className="hint">None</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Trend</dt>
            <dd className={`trend trend-${trend}`}>
              {trendText}
              {previous && <span className="hint"> from {show(previous.value)}</span>}
            </dd>
          </div>
        </dl>
        <WhenVisible width={SPARKLINE_WIDTH} height={SPARKLINE_HEIGHT}>
          <Sparkline measure={measure} />
        </WhenVisible>
      </div>
      <p className="measure-links">
        <span>
          <span className="label">Areas:</span>{' '}
          {areaNames.length > 0 ? areaNames.join(', ') : <span className="hint">none linked</span>}
        </span>
        <span>
          <span className="label">Actions:</span>{' '}
          {actions.length === 0 ? (
            <span className="hint">none linked</span>
          ) : (
            actions.map((action) => (
              <button
                key={action.id}
                type="button"
                className="chip"
                onClick={() => onOpen(action)}
                title={action.description}
                aria-label={`Edit action ${action.number}`}
              >
                {action.number}
              </button>
            ))
          )}
        </span>
      </p>
      {measure.values.length > 0 && (
        <details
          className="measure-values"
          open={valuesOpen}
          onToggle={(event) => setValuesOpen(event.currentTarget.open)}
        >
          <summary>All values ({measure.values.length})</summary>
          {/* Built only when opened: years of monthly figures on every card would make the view slow to open. */}
          {valuesOpen && (
            <table>
              <TableHead
                columns={['Date', 'Value', 'Note', 'Status', { title: 'Correct or withdraw', hidden: true }]}
              />
              <tbody>
                {measure.values.flatMap((point) => [
                  <tr key={point.id} className={isInForce(point) ? undefined : 'replaced'}>
                    <td>{formatDate(point.date)}</td>
                    <td>{isInForce(point) ? show(point.value) : <s>{show(point.value)}</s>}</td>
                    <td>{point.note}</td>
                    <td>{valueStatus(point)}</td>
                    <td>
                      {isInForce(point) && (
                        <span className="row-buttons">
                          <button
                            type="button"
                            className="secondary small"
                            aria-label={`Correct the value of ${formatDate(point.date)}`}
                            onClick={() => setAmending({ id: point.id, mode: 'correct' })}
                          >
                            Correct…
                          </button>
                          <button
                            type="button"
                            className="secondary small"
                            aria-label={`Withdraw the value of ${formatDate(point.date)}`}
                            onClick={() => setAmending({ id: point.id, mode: 'withdraw' })}
                          >
                            Withdraw…
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>,
                  amending?.id === point.id ? (
                    <tr key={`${point.id}-form`}>
                      <td colSpan={5}>
                        <AmendValueForm
                          measure={measure}
                          point={point}
                          mode={amending.mode}
                          onCorrectValue={onCorrectValue}
                          onWithdrawValue={onWithdrawValue}
                          onDone={(saved) => {
                            if (saved)
                              onNotice(
                                amending.mode === 'correct'
                                  ? `Corrected a value of “${measure.name}”.`
                                  : `Withdrew a value of “${measure.name}”.`,
                              );
                            setAmending(null);
                          }}
                        />
                      </td>
                    </tr>
                  ) : null,
                ])}
              </tbody>
            </table>
          )}
        </details>
      )}
      {adding ? (
        <ValueForm
          measure={measure}
          today={today}
          onAddValue={onAddValue}
          onDone={(saved) => {
            setAdding(false);
            if (saved) onNotice(`Added a value to “${measure.name}”.`);
          }}
        />
      ) : (
        <button
          type="button"
          className="secondary small add-value"
          onClick={() => setAdding(true)}
          aria-label={`Add a value to ${measure.name}`}
        >
          Add a value…
        </button>
      )}
    </article>
  );
}

/** Cards drawn at a time: a plan kept for years tracks hundreds of measures. */
const PAGE = 20;

/** The indicators the board tracks: latest figure against target, baseline, trend, and what they are linked to. */
export function Measures(props: Props) {
  const { doc, onSave, onNotice } = props;
  const [editing, setEditing] = useState<Measure | 'new' | null>(null);
  const [shown, setShown] = useState(PAGE);
  const summaries = useMemo(() => doc.measures.map(summariseMeasure), [doc.measures]);
  const actionsById = useMemo(() => new Map(doc.actions.map((action) => [action.id, action])), [doc.actions]);
  const met = summaries.filter((summary) => summary.met === true).length;
  const withTarget = summaries.filter((summary) => summary.met !== null).length;

  return (
    <section className="measures" aria-labelledby="measures-title">
      <div className="view-head">
        <div>
          <h2 id="measures-title">Measures</h2>
          <p className="hint">
            {doc.measures.length === 0
              ? 'No measures yet.'
              : `${doc.measures.length} measures · ${met} of ${withTarget} with a target and a value meet it`}
          </p>
        </div>
        {editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Add a measure
          </button>
        )}
      </div>
      {editing !== null && (
        <MeasureForm
          key={editing === 'new' ? 'new' : editing.id}
          doc={doc}
          measure={editing === 'new' ? null : editing}
          onSave={onSave}
          onDone={(saved) => {
            if (saved) onNotice(editing === 'new' ? 'Measure added.' : 'Measure saved.');
            setEditing(null);
          }}
        />
      )}
      <div className="measure-grid">
        {doc.measures.slice(0, shown).map((measure, index) => (
          <MeasureCard
            key={measure.id}
            {...props}
            measure={measure}
            summary={summaries[index]!}
            actionsById={actionsById}
            onEdit={() => setEditing(measure)}
          />
        ))}
      </div>
      {doc.measures.length > shown && (
        <button type="button" className="secondary show-more" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, doc.measures.length - shown)} more measures ({doc.measures.length - shown} not shown yet)
        </button>
      )}
    </section>
  );
}
