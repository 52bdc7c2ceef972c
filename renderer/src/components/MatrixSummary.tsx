import { useState } from 'react';
import type { ApiResult } from '../../../shared/api/contract';
import { currentLevels } from '../../../shared/domain/derived';
import type { AssessmentDraft } from '../../../shared/model/drafts';
import { assessmentDraftSchema } from '../../../shared/model/drafts';
import type { Area } from '../../../shared/model/matrix';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { fieldProblems } from '../../../shared/model/validationIssues';
import { formatDate } from '../format';

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
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const draft = { areaId: area.id, level, date, evidence, assessedBy };
    const checked = assessmentDraftSchema.safeParse(draft);
    if (!checked.success) {
      setError(fieldProblems(checked.error).map((problem) => `${problem.field}: ${problem.reason}`).join('; '));
      return;
    }
    const result = await onRecord(draft);
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  return (
    <form
      className="assessment-form"
      aria-label={`Record assessment for ${area.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label>
        Level
        <select value={level} onChange={(event) => setLevel(Number(event.target.value))}>
          {doc.matrix.levels.map((option) => (
            <option key={option.level} value={option.level}>
              {option.level} – {option.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Date
        <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      </label>
      <label>
        Assessed by
        <input value={assessedBy} onChange={(event) => setAssessedBy(event.target.value)} />
      </label>
      <label className="wide">
        Evidence
        <textarea rows={2} value={evidence} onChange={(event) => setEvidence(event.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
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

/** The seven areas against the four levels, as the plan's own matrix table shows them. */
export function MatrixSummary({ doc, today, user, onRecord }: Props) {
  const levels = currentLevels(doc);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="matrix" aria-labelledby="matrix-title">
      <h2 id="matrix-title">Maturity matrix</h2>
      <table className="matrix-table">
        <thead>
          <tr>
            <th scope="col">Area</th>
            {doc.matrix.levels.map((level) => (
              <th scope="col" key={level.level}>
                {level.level} <span className="level-name">{level.name}</span>
              </th>
            ))}
            <th scope="col">Last assessed</th>
            <th scope="col">
              <span className="visually-hidden">Record</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.matrix.areas.map((area) => {
            const current = levels[area.id] ?? null;
            return [
              <tr key={area.id} data-area-id={area.id}>
                <th scope="row">{area.name}</th>
                {doc.matrix.levels.map((level) => {
                  const isCurrent = current?.level === level.level;
                  return (
                    <td key={level.level} className={isCurrent ? 'matrix-cell current' : 'matrix-cell'}>
                      {isCurrent && (
                        <span className="matrix-mark" aria-label={`Current level: ${level.level} ${level.name}`}>
                          ● {level.level}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="assessed">
                  {current ? (
                    <span title={current.evidence}>
                      {formatDate(current.date)} · {current.assessedBy}
                    </span>
                  ) : (
                    'Not assessed'
                  )}
                </td>
                <td>
                  <button type="button" className="secondary small" onClick={() => setEditing(area.id)} aria-label={`Record assessment for ${area.name}`}>
                    Record…
                  </button>
                </td>
              </tr>,
              editing === area.id ? (
                <tr key={`${area.id}-form`} className="form-row">
                  <td colSpan={doc.matrix.levels.length + 3}>
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
