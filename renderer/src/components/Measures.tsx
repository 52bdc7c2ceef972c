import { useId, useMemo, useState } from 'react';
import type { ApiResult } from '../../../shared/api/contract';
import { formatMeasureValue, latestValue, meetsTarget, trendOf } from '../../../shared/domain/measures';
import type { Trend } from '../../../shared/domain/measures';
import { sortActions } from '../../../shared/domain/actionOrder';
import type { Action } from '../../../shared/model/action';
import type { MeasureDraft, MeasurePointDraft } from '../../../shared/model/drafts';
import { measureDraftSchema, measurePointDraftSchema } from '../../../shared/model/drafts';
import type { Measure } from '../../../shared/model/measure';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { formatDate } from '../format';
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
        <select id={fieldId('direction')} value={form.direction} onChange={(event) => set({ direction: event.target.value as typeof form.direction })} {...field('direction')}>
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
  const replaces = measure.values.find((point) => point.date === date);

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
      {replaces && (
        <p className="hint hint-warn full">
          Replaces the {formatMeasureValue(measure, replaces.value)} already recorded for {formatDate(date)}: a measure has one value per date.
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

function MeasureCard({ doc, measure, today, onOpen, onEdit, onAddValue, onDelete, onNotice }: Omit<Props, 'onSave'> & { measure: Measure; onEdit: () => void }) {
  const [adding, setAdding] = useState(false);
  const latest = latestValue(measure);
  const met = meetsTarget(measure);
  const trend = trendOf(measure);
  const previous = measure.values.length >= 2 ? [...measure.values].sort((a, b) => a.date.localeCompare(b.date)).at(-2)! : null;
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
              </tr>
            </thead>
            <tbody>
              {measure.values.map((point) => (
                <tr key={point.date}>
                  <td>{formatDate(point.date)}</td>
                  <td>{show(point.value)}</td>
                  <td>{point.note}</td>
                </tr>
              ))}
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
