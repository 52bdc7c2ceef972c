import { useId, useState } from 'react';
import { format, parseISO } from 'date-fns';
import type { ApiResult } from '../../../shared/api/contract';
import { assessmentHistory, currentLevels } from '../../../shared/domain/derived';
import type { AssessmentDraft } from '../../../shared/model/drafts';
import { assessmentDraftSchema } from '../../../shared/model/drafts';
import type { Area } from '../../../shared/model/matrix';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { formatDate } from '../format';
import { FieldError, NO_PROBLEMS, errorProps, problemsOfApi, problemsOfZod } from './FieldError';
import type { Problems } from './FieldError';
import { LevelHistoryChart } from './LevelHistoryChart';

interface Props {
  doc: PlanDocument;
  today: IsoDate;
  user: string;
  onRecord: (draft: AssessmentDraft) => Promise<ApiResult<PlanDocument>>;
}

function AssessmentForm({ area, doc, today, user, onRecord, onDone }: Omit<Props, 'doc'> & { area: Area; doc: PlanDocument; onDone: () => void }) {
  const current = currentLevels(doc)[area.id];
  const [level, setLevel] = useState<number>(current?.level ?? 1);
  const [date, setDate] = useState<string>(today);
  const [evidence, setEvidence] = useState('');
  const [assessedBy, setAssessedBy] = useState(user);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [message, setMessage] = useState<string | null>(null);
  const idBase = useId();
  const fieldId = (name: string) => `${idBase}-${name}`;
  const levelName = (value: number) => doc.matrix.levels[value - 1]?.name ?? '';

  const submit = async () => {
    const draft = { areaId: area.id, level, date, evidence, assessedBy };
    const checked = assessmentDraftSchema.safeParse(draft);
    if (!checked.success) return setProblems(problemsOfZod(checked.error));
    setProblems(NO_PROBLEMS);
    const result = await onRecord(draft);
    if (result.ok) return onDone();
    setProblems(problemsOfApi(result.error, ['assessment']));
    setMessage(result.error.message);
  };

  return (
    <form
      className="assessment-form"
      aria-label={`Record assessment for ${area.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="wide guide">
        {current
          ? `${area.name} is at level ${current.level} – ${levelName(current.level)} since ${formatDate(current.date)}. `
          : `${area.name} has not been assessed yet. `}
        Choose the level the evidence supports now; earlier assessments are kept as history.
      </p>
      <label htmlFor={fieldId('level')}>
        Level
        <select id={fieldId('level')} value={level} onChange={(event) => setLevel(Number(event.target.value))} {...errorProps(problems, 'level', fieldId('level'))}>
          {doc.matrix.levels.map((option) => (
            <option key={option.level} value={option.level}>
              {option.level} – {option.name}
            </option>
          ))}
        </select>
        <FieldError id={`${fieldId('level')}-error`} message={problems.get('level')} />
      </label>
      <label htmlFor={fieldId('date')}>
        Date of assessment
        <input id={fieldId('date')} type="date" value={date} onChange={(event) => setDate(event.target.value)} {...errorProps(problems, 'date', fieldId('date'))} />
        <FieldError id={`${fieldId('date')}-error`} message={problems.get('date')} />
      </label>
      <label htmlFor={fieldId('by')}>
        Assessed by
        <input id={fieldId('by')} value={assessedBy} onChange={(event) => setAssessedBy(event.target.value)} {...errorProps(problems, 'assessedBy', fieldId('by'))} />
        <FieldError id={`${fieldId('by')}-error`} message={problems.get('assessedBy')} />
      </label>
      <label className="wide" htmlFor={fieldId('evidence')}>
        Evidence
        <textarea
          id={fieldId('evidence')}
          rows={3}
          value={evidence}
          placeholder="What shows the area is at this level: what has been achieved, what is still missing."
          onChange={(event) => setEvidence(event.target.value)}
          {...errorProps(problems, 'evidence', fieldId('evidence'))}
        />
        <FieldError id={`${fieldId('evidence')}-error`} message={problems.get('evidence')} />
      </label>
      {message && (
        <p className="field-error wide" role="alert">
          {message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Record assessment
        </button>
      </div>
    </form>
  );
}

/** The seven areas against the four levels, as the plan's own matrix table shows them, with each area's evidence and history. */
export function MatrixSummary({ doc, today, user, onRecord }: Props) {
  const levels = currentLevels(doc);
  const [editing, setEditing] = useState<string | null>(null);
  const columns = doc.matrix.levels.length + 4;
  return (
    <section className="matrix" aria-labelledby="matrix-title">
      <h2 id="matrix-title">Maturity matrix</h2>
      <table className="matrix-table">
        <thead>
          <tr>
            <th scope="col" className="col-area">
              Area
            </th>
            {doc.matrix.levels.map((level) => (
              <th scope="col" key={level.level} className="matrix-cell">
                {level.level} <span className="level-name">{level.name}</span>
              </th>
            ))}
            <th scope="col" className="col-evidence">
              Current assessment and evidence
            </th>
            <th scope="col" className="col-history">
              History
            </th>
            <th scope="col" className="col-record">
              <span className="visually-hidden">Record</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.matrix.areas.map((area) => {
            const current = levels[area.id] ?? null;
            const history = assessmentHistory(doc, area.id);
            return [
              <tr key={area.id} data-area-id={area.id}>
                <th scope="row" className="col-area">
                  {area.name}
                </th>
                {doc.matrix.levels.map((level) => {
                  const isCurrent = current?.level === level.level;
                  return (
                    <td key={level.level} className={isCurrent ? 'matrix-cell current' : 'matrix-cell'}>
                      {isCurrent && (
                        <span className="matrix-mark" role="img" aria-label={`Current level: ${level.level} ${level.name}`}>
                          ● {level.level}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="col-evidence">
                  {current ? (
                    <>
                      <span className="assessed">
                        {formatDate(current.date)} · {current.assessedBy}
                      </span>
                      {current.evidence ? <p className="evidence">{current.evidence}</p> : <p className="hint">No evidence recorded.</p>}
                    </>
                  ) : (
                    <span className="hint">Not assessed</span>
                  )}
                </td>
                <td className="col-history">
                  <LevelHistoryChart history={history} today={today} areaName={area.name} />
                  {history.length > 0 && (
                    <span className="chart-caption">
                      {history.length} {history.length === 1 ? 'assessment' : 'assessments'} since {format(parseISO(history[0]!.date), 'MMM yyyy')}
                    </span>
                  )}
                </td>
                <td className="col-record">
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => setEditing(editing === area.id ? null : area.id)}
                    aria-expanded={editing === area.id}
                    aria-label={`Record assessment for ${area.name}`}
                  >
                    Record…
                  </button>
                </td>
              </tr>,
              editing === area.id ? (
                <tr key={`${area.id}-form`} className="form-row">
                  <td colSpan={columns}>
                    <AssessmentForm area={area} doc={doc} today={today} user={user} onRecord={onRecord} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </section>
  );
}
