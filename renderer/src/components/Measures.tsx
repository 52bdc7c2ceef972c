import { useId, useMemo, useState } from 'react';
import type { ApiResult } from '../../../shared/api/contract';
import { formatMeasureValue, latestValue, meetsTarget, trendOf, valuesInForce } from '../../../shared/domain/measures';
import type { Trend } from '../../../shared/domain/measures';
import { sortActions } from '../../../shared/domain/actionOrder';
import type { Action } from '../../../shared/model/action';
import type { MeasureDraft, MeasurePointDraft, MeasureValueCorrection, MeasureValueWithdrawal } from '../../../shared/model/drafts';
import { measureDraftSchema, measurePointDraftSchema, measureValueCorrectionSchema, measureValueWithdrawalSchema } from '../../../shared/model/drafts';
import { isInForce } from '../../../shared/model/correction';
import type { Measure, MeasurePoint } from '../../../shared/model/measure';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { formatDate, formatDateTime } from '../format';
import { FieldError, NO_PROBLEMS, errorProps, problemsOfApi, problemsOfZod } from './FieldError';
import type { Problems } from './FieldError';
import { Sparkline } from './Sparkline';

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

const TREND_WORDS: Record<Trend, string> = {
  improving: 'Improving',
  worsening: 'Getting worse',
  unchanged: 'No change',
  no_data: 'Not enough values yet',
};

const DIRECTION_WORDS = { maximise: 'Higher is better', minimise: 'Lower is better' } as const;
const UNIT_WORDS = { percent: 'Percentage', count: 'Count', number: 'Number' } as const;

/** A number typed in a form: blank stays blank (null), anything else must read as a number. */
function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

function MeasureForm({ doc, measure, onSave, onDone }: { doc: PlanDocument; measure: Measure | null; onSave: Props['onSave']; onDone: (saved: boolean) => void }) {
  const actionIds = useMemo(() => new Set(doc.actions.map((action) => action.id)), [doc]);
  const [form, setForm] = useState({
    name: measure?.name ?? '',
    description: measure?.description ?? '',
    direction: measure?.direction ?? '',
    unit: measure?.unit ?? 'percent',
    target: measure?.target === null || measure?.target === undefined ? '' : String(measure.target),
    baselineDate: measure?.baseline?.date ?? '',
    baselineValue: measure?.baseline ? String(measure.baseline.value) : '',
    areaIds: measure?.areaIds ?? [],
    // Links to actions deleted since would make the measure impossible to save; they are dropped here.
    actionIds: (measure?.actionIds ?? []).filter((id) => actionIds.has(id)),
  });
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [message, setMessage] = useState<string | null>(null);
  const idBase = useId();
  const fieldId = (name: string) => `${idBase}-${name}`;
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((candidate) => candidate !== id));

  const save = async () => {
    setMessage(null);
    const hasBaseline = form.baselineDate !== '' || form.baselineValue.trim() !== '';
    const draft: MeasureDraft = {
      ...(measure ? { id: measure.id } : {}),
      name: form.name,
      description: form.description,
      direction: form.direction as MeasureDraft['direction'],
      unit: form.unit,
      target: numberOrNull(form.target),
      baseline: hasBaseline ? { date: form.baselineDate, value: numberOrNull(form.baselineValue) ?? Number.NaN } : null,
      areaIds: form.areaIds,
      actionIds: form.actionIds,
    };
    const checked = measureDraftSchema.safeParse(draft);
    if (!checked.success) return setProblems(problemsOfZod(checked.error));
    setProblems(NO_PROBLEMS);
    const result = await onSave(draft);
    if (result.ok) return onDone(true);
    setProblems(problemsOfApi(result.error, ['measure']));
    setMessage(result.error.message);
  };

  const field = (name: string) => errorProps(problems, name, fieldId(name));
  const error = (name: string) => <FieldError id={`${fieldId(name)}-error`} message={problems.get(name)} />;

  return (
    <form
      className="measure-form"
      aria-label={measure ? `Edit measure ${measure.name}` : 'Add a measure'}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 className="wide">{measure ? `Edit “${measure.name}”` : 'Add a measure'}</h3>
      <label className="wide" htmlFor={fieldId('name')}>
        Name
        <input id={fieldId('name')} value={form.name} placeholder="e.g. % of CAFs closed with outcomes met" onChange={(event) => set({ name: event.target.value })} {...field('name')} />
        {error('name')}
      </label>
      <label className="wide" htmlFor={fieldId('description')}>
        Description
        <textarea id={fieldId('description')} rows={2} value={form.description} onChange={(event) => set({ description: event.target.value })} {...field('description')} />
        {error('description')}
      </label>
      <label htmlFor={fieldId('direction')}>
        Aim
        <select id={fieldId('direction')} value={form.direction} onChange={(event) => set({ direction: event.target.value })} {...field('direction')}>
          <option value="">Choose…</option>
          <option value="maximise">Maximise – higher is better</option>
          <option value="minimise">Minimise – lower is better</option>
        </select>
        {error('direction')}
      </label>
      <label htmlFor={fieldId('unit')}>
        Unit
        <select id={fieldId('unit')} value={form.unit} onChange={(event) => set({ unit: event.target.value as typeof form.unit })} {...field('unit')}>
          {Object.entries(UNIT_WORDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {error('unit')}
      </label>
      <label htmlFor={fieldId('target')}>
        <span>
          Target <span className="hint">(optional)</span>
        </span>
        <input id={fieldId('target')} type="number" step="any" value={form.target} onChange={(event) => set({ target: event.target.value })} {...field('target')} />
        {error('target')}
      </label>
      <fieldset className="baseline">
        <legend>
          Baseline <span className="hint">(optional)</span>
        </legend>
        <label htmlFor={fieldId('baseline.date')}>
          Date
          <input id={fieldId('baseline.date')} type="date" value={form.baselineDate} onChange={(event) => set({ baselineDate: event.target.value })} {...field('baseline.date')} />
          {error('baseline.date')}
        </label>
        <label htmlFor={fieldId('baseline.value')}>
          Value
          <input
            id={fieldId('baseline.value')}
            type="number"
            step="any"
            value={form.baselineValue}
            onChange={(event) => set({ baselineValue: event.target.value })}
            {...field('baseline.value')}
          />
          {error('baseline.value')}
        </label>
      </fieldset>
      <fieldset className="wide link-list" aria-describedby={problems.has('areaIds') ? `${fieldId('areaIds')}-error` : undefined}>
        <legend>Matrix areas it shows progress in</legend>
        {doc.matrix.areas.map((area) => (
          <label key={area.id} className="checkbox">
            <input type="checkbox" checked={form.areaIds.includes(area.id)} onChange={(event) => set({ areaIds: toggle(form.areaIds, area.id, event.target.checked) })} />
            {area.name}
          </label>
        ))}
        {error('areaIds')}
      </fieldset>
      <fieldset className="wide link-list actions-list" aria-describedby={problems.has('actionIds') ? `${fieldId('actionIds')}-error` : undefined}>
        <legend>Actions that should move it</legend>
        {sortActions(doc.actions).map((action) => (
          <label key={action.id} className="checkbox" title={action.description}>
            <input
              type="checkbox"
              checked={form.actionIds.includes(action.id)}
              onChange={(event) => set({ actionIds: toggle(form.actionIds, action.id, event.target.checked) })}
            />
            <span className="truncate">
              <strong>{action.number}</strong> {action.description}
            </span>
          </label>
        ))}
        {error('actionIds')}
      </fieldset>
      {message && (
        <p className="field-error wide" role="alert">
          {message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {measure ? 'Save measure' : 'Add measure'}
        </button>
      </div>
    </form>
  );
}

function ValueForm({ measure, today, onAddValue, onDone }: { measure: Measure; today: IsoDate; onAddValue: Props['onAddValue']; onDone: (saved: boolean) => void }) {
  const [date, setDate] = useState<string>(today);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [message, setMessage] = useState<string | null>(null);
  const idBase = useId();
  const fieldId = (name: string) => `${idBase}-${name}`;
  const taken = measure.values.find((point) => isInForce(point) && point.date === date);

  const save = async () => {
    const point: MeasurePointDraft = { measureId: measure.id, date, value: numberOrNull(value) ?? Number.NaN, note };
    const checked = measurePointDraftSchema.safeParse(point);
    if (!checked.success) return setProblems(problemsOfZod(checked.error));
    setProblems(NO_PROBLEMS);
    const result = await onAddValue(point);
    if (result.ok) return onDone(true);
    setProblems(problemsOfApi(result.error, ['point']));
    setMessage(result.error.message);
  };

  return (
    <form
      className="value-form"
      aria-label={`Add a value to ${measure.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor={fieldId('date')}>
        Date
        <input id={fieldId('date')} type="date" value={date} onChange={(event) => setDate(event.target.value)} {...errorProps(problems, 'date', fieldId('date'))} />
        <FieldError id={`${fieldId('date')}-error`} message={problems.get('date')} />
      </label>
      <label htmlFor={fieldId('value')}>
        Value{measure.unit === 'percent' ? ' (%)' : ''}
        <input id={fieldId('value')} autoFocus type="number" step="any" value={value} onChange={(event) => setValue(event.target.value)} {...errorProps(problems, 'value', fieldId('value'))} />
        <FieldError id={`${fieldId('value')}-error`} message={problems.get('value')} />
      </label>
      <label htmlFor={fieldId('note')} className="grow">
        <span>
          Note <span className="hint">(optional)</span>
        </span>
        <input id={fieldId('note')} value={note} onChange={(event) => setNote(event.target.value)} {...errorProps(problems, 'note', fieldId('note'))} />
        <FieldError id={`${fieldId('note')}-error`} message={problems.get('note')} />
      </label>
      <div className="row-buttons">
        <button type="submit" className="primary small">
          Add value
        </button>
        <button type="button" className="secondary small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      {taken && (
        <p className="hint hint-warn full">
          {formatMeasureValue(measure, taken.value)} is already recorded for {formatDate(date)}: a measure has one value per date. To change it, use
          Correct on that value under “All values” and give a reason.
        </p>
      )}
      {message && (
        <p className="field-error full" role="alert">
          {message}
        </p>
      )}
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
}: Pick<Props, 'onCorrectValue' | 'onWithdrawValue'> & { measure: Measure; point: MeasurePoint; mode: 'correct' | 'withdraw'; onDone: (saved: boolean) => void }) {
  const [date, setDate] = useState<string>(point.date);
  const [value, setValue] = useState(String(point.value));
  const [note, setNote] = useState(point.note);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [message, setMessage] = useState<string | null>(null);
  const idBase = useId();
  const fieldId = (name: string) => `${idBase}-${name}`;
  const what = `the value of ${formatDate(point.date)}`;

  const save = async () => {
    const base = { measureId: measure.id, valueId: point.id, reason };
    const draft = mode === 'correct' ? { ...base, date, value: numberOrNull(value) ?? Number.NaN, note } : base;
    const checked = (mode === 'correct' ? measureValueCorrectionSchema : measureValueWithdrawalSchema).safeParse(draft);
    if (!checked.success) return setProblems(problemsOfZod(checked.error));
    setProblems(NO_PROBLEMS);
    const result = mode === 'correct' ? await onCorrectValue(draft as MeasureValueCorrection) : await onWithdrawValue(draft);
    if (result.ok) return onDone(true);
    setProblems(problemsOfApi(result.error, ['correction', 'withdrawal']));
    setMessage(result.error.message);
  };

  return (
    <form
      className="value-form"
      aria-label={`${mode === 'correct' ? 'Correct' : 'Withdraw'} ${what}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {mode === 'correct' && (
        <>
          <label htmlFor={fieldId('date')}>
            Date
            <input id={fieldId('date')} type="date" value={date} onChange={(event) => setDate(event.target.value)} {...errorProps(problems, 'date', fieldId('date'))} />
            <FieldError id={`${fieldId('date')}-error`} message={problems.get('date')} />
          </label>
          <label htmlFor={fieldId('value')}>
            Value{measure.unit === 'percent' ? ' (%)' : ''}
            <input id={fieldId('value')} type="number" step="any" value={value} onChange={(event) => setValue(event.target.value)} {...errorProps(problems, 'value', fieldId('value'))} />
            <FieldError id={`${fieldId('value')}-error`} message={problems.get('value')} />
          </label>
          <label htmlFor={fieldId('note')} className="grow">
            Note
            <input id={fieldId('note')} value={note} onChange={(event) => setNote(event.target.value)} {...errorProps(problems, 'note', fieldId('note'))} />
            <FieldError id={`${fieldId('note')}-error`} message={problems.get('note')} />
          </label>
        </>
      )}
      <label htmlFor={fieldId('reason')} className="grow">
        Reason for the {mode === 'correct' ? 'correction' : 'withdrawal'}
        <input id={fieldId('reason')} autoFocus value={reason} onChange={(event) => setReason(event.target.value)} {...errorProps(problems, 'reason', fieldId('reason'))} />
        <FieldError id={`${fieldId('reason')}-error`} message={problems.get('reason')} />
      </label>
      <div className="row-buttons">
        <button type="submit" className="primary small">
          {mode === 'correct' ? 'Save correction' : 'Withdraw value'}
        </button>
        <button type="button" className="secondary small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      {message && (
        <p className="field-error full" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}

function valueStatus(point: MeasurePoint): string {
  if (point.withdrawn) return `Withdrawn ${formatDateTime(point.withdrawn.at)} by ${point.withdrawn.by}: ${point.withdrawn.reason}`;
  if (point.supersededBy) return `Corrected ${formatDateTime(point.supersededBy.at)} by ${point.supersededBy.by}: ${point.supersededBy.reason}`;
  return point.corrects ? 'In force (a correction)' : 'In force';
}

function MeasureCard({
  doc,
  measure,
  today,
  onOpen,
  onEdit,
  onAddValue,
  onCorrectValue,
  onWithdrawValue,
  onDelete,
  onNotice,
}: Omit<Props, 'onSave'> & { measure: Measure; onEdit: () => void }) {
  const [amending, setAmending] = useState<{ id: string; mode: 'correct' | 'withdraw' } | null>(null);
  const [adding, setAdding] = useState(false);
  const latest = latestValue(measure);
  const met = meetsTarget(measure);
  const trend = trendOf(measure);
  const previous = valuesInForce(measure).at(-2) ?? null;
  const areaNames = measure.areaIds.map((id) => doc.matrix.areas.find((area) => area.id === id)?.name ?? id);
  const actions = sortActions(doc.actions.filter((action) => measure.actionIds.includes(action.id)));
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
          <button type="button" className="secondary small" onClick={onEdit} aria-label={`Edit measure ${measure.name}`}>
            Edit
          </button>
          <button
            type="button"
            className="danger small"
            aria-label={`Delete measure ${measure.name}`}
            onClick={() => {
              if (!window.confirm(`Delete the measure “${measure.name}” and its ${measure.values.length} values?`)) return;
              void onDelete(measure).then((result) => onNotice(result.ok ? `Deleted the measure “${measure.name}”.` : result.error.message));
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
              {met !== null && <span className={met ? 'met-badge met' : 'met-badge not-met'}>{met ? 'Met' : 'Not met'}</span>}
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
              {TREND_WORDS[trend]}
              {previous && trend !== 'no_data' && <span className="hint"> from {show(previous.value)}</span>}
            </dd>
          </div>
        </dl>
        <Sparkline measure={measure} />
      </div>
      <p className="measure-links">
        <span>
          <span className="label">Areas:</span> {areaNames.length > 0 ? areaNames.join(', ') : <span className="hint">none linked</span>}
        </span>
        <span>
          <span className="label">Actions:</span>{' '}
          {actions.length === 0 ? (
            <span className="hint">none linked</span>
          ) : (
            actions.map((action) => (
              <button key={action.id} type="button" className="chip" onClick={() => onOpen(action)} title={action.description} aria-label={`Edit action ${action.number}`}>
                {action.number}
              </button>
            ))
          )}
        </span>
      </p>
      {measure.values.length > 0 && (
        <details className="measure-values">
          <summary>All values ({measure.values.length})</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Value</th>
                <th scope="col">Note</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Correct or withdraw</span>
                </th>
              </tr>
            </thead>
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
                        <button type="button" className="secondary small" aria-label={`Correct the value of ${formatDate(point.date)}`} onClick={() => setAmending({ id: point.id, mode: 'correct' })}>
                          Correct…
                        </button>
                        <button type="button" className="secondary small" aria-label={`Withdraw the value of ${formatDate(point.date)}`} onClick={() => setAmending({ id: point.id, mode: 'withdraw' })}>
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
                          if (saved) onNotice(amending.mode === 'correct' ? `Corrected a value of “${measure.name}”.` : `Withdrew a value of “${measure.name}”.`);
                          setAmending(null);
                        }}
                      />
                    </td>
                  </tr>
                ) : null,
              ])}
            </tbody>
          </table>
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
        <button type="button" className="secondary small add-value" onClick={() => setAdding(true)} aria-label={`Add a value to ${measure.name}`}>
          Add a value…
        </button>
      )}
    </article>
  );
}

/** The indicators the board tracks: latest figure against target, baseline, trend, and what they are linked to. */
export function Measures(props: Props) {
  const { doc, onSave, onNotice } = props;
  const [editing, setEditing] = useState<Measure | 'new' | null>(null);
  const met = doc.measures.filter((measure) => meetsTarget(measure) === true).length;
  const withTarget = doc.measures.filter((measure) => meetsTarget(measure) !== null).length;

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
        {doc.measures.map((measure) => (
          <MeasureCard key={measure.id} {...props} measure={measure} onEdit={() => setEditing(measure)} />
        ))}
      </div>
    </section>
  );
}
