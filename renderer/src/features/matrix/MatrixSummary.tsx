import { useId, useState } from 'react';
import { format, parseISO } from 'date-fns';
import type { ApiResult } from '../../../../shared/api/contract';
import { assessmentHistory, currentLevels } from '../../../../shared/domain/derived';
import type { AssessmentCorrection, AssessmentDraft, AssessmentWithdrawal, DescriptorChange } from '../../../../shared/model/drafts';
import { assessmentCorrectionSchema, assessmentDraftSchema, assessmentWithdrawalSchema } from '../../../../shared/model/drafts';
import { isInForce } from '../../../../shared/model/correction';
import type { Area, Assessment } from '../../../../shared/model/matrix';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { formatDate, formatDateTime } from '../../ui/format';
import { FieldError, NO_PROBLEMS, errorProps, problemsOfApi, problemsOfZod } from '../../ui/FieldError';
import type { Problems } from '../../ui/FieldError';
import { LevelHistoryChart } from './LevelHistoryChart';

interface Props {
  doc: PlanDocument;
  today: IsoDate;
  user: string;
  onRecord: (draft: AssessmentDraft) => Promise<ApiResult<PlanDocument>>;
  onCorrect: (correction: AssessmentCorrection) => Promise<ApiResult<PlanDocument>>;
  onWithdraw: (withdrawal: AssessmentWithdrawal) => Promise<ApiResult<PlanDocument>>;
  onDescriptor: (change: DescriptorChange) => Promise<ApiResult<PlanDocument>>;
}

/** Records a new assessment, or, given `correcting`, replaces that one with a corrected record and a reason. */
function AssessmentForm({
  area,
  doc,
  today,
  user,
  correcting,
  onRecord,
  onCorrect,
  onDone,
}: Pick<Props, 'doc' | 'today' | 'user' | 'onRecord' | 'onCorrect'> & { area: Area; correcting?: Assessment; onDone: () => void }) {
  const current = currentLevels(doc)[area.id];
  const [level, setLevel] = useState<number>(correcting?.level ?? current?.level ?? 1);
  const [date, setDate] = useState<string>(correcting?.date ?? today);
  const [evidence, setEvidence] = useState(correcting?.evidence ?? '');
  const [assessedBy, setAssessedBy] = useState(correcting?.assessedBy ?? user);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [message, setMessage] = useState<string | null>(null);
  const idBase = useId();
  const fieldId = (name: string) => `${idBase}-${name}`;
  const levelName = (value: number) => doc.matrix.levels[value - 1]?.name ?? '';

  const submit = async () => {
    const fields = { level, date, evidence, assessedBy };
    const checked = correcting
      ? assessmentCorrectionSchema.safeParse({ ...fields, assessmentId: correcting.id, reason })
      : assessmentDraftSchema.safeParse({ ...fields, areaId: area.id });
    if (!checked.success) return setProblems(problemsOfZod(checked.error));
    setProblems(NO_PROBLEMS);
    const result = correcting
      ? await onCorrect({ ...fields, assessmentId: correcting.id, reason })
      : await onRecord({ ...fields, areaId: area.id });
    if (result.ok) return onDone();
    setProblems(problemsOfApi(result.error, ['assessment', 'correction']));
    setMessage(result.error.message);
  };

  return (
    <form
      className="assessment-form"
      aria-label={correcting ? `Correct the assessment of ${formatDate(correcting.date)} for ${area.name}` : `Record assessment for ${area.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="wide guide">
        {correcting
          ? `Correct what was recorded on ${formatDate(correcting.date)}. The record as it was stays in the history, marked as corrected, with your reason.`
          : `${
              current
                ? `${area.name} is at level ${current.level} – ${levelName(current.level)} since ${formatDate(current.date)}. `
                : `${area.name} has not been assessed yet. `
            }Choose the level the evidence supports now; earlier assessments are kept as history.`}
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
      {correcting && (
        <label className="wide" htmlFor={fieldId('reason')}>
          Reason for the correction
          <input id={fieldId('reason')} value={reason} onChange={(event) => setReason(event.target.value)} {...errorProps(problems, 'reason', fieldId('reason'))} />
          <FieldError id={`${fieldId('reason')}-error`} message={problems.get('reason')} />
        </label>
      )}
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
          {correcting ? 'Save correction' : 'Record assessment'}
        </button>
      </div>
    </form>
  );
}

function WithdrawForm({ area, assessment, onWithdraw, onDone }: Pick<Props, 'onWithdraw'> & { area: Area; assessment: Assessment; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [message, setMessage] = useState<string | null>(null);
  const fieldId = `${useId()}-reason`;
  const submit = async () => {
    const withdrawal = { assessmentId: assessment.id, reason };
    const checked = assessmentWithdrawalSchema.safeParse(withdrawal);
    if (!checked.success) return setProblems(problemsOfZod(checked.error));
    setProblems(NO_PROBLEMS);
    const result = await onWithdraw(withdrawal);
    if (result.ok) return onDone();
    setProblems(problemsOfApi(result.error, ['withdrawal']));
    setMessage(result.error.message);
  };
  return (
    <form
      className="assessment-form"
      aria-label={`Withdraw the assessment of ${formatDate(assessment.date)} for ${area.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="wide guide">The assessment stays in the history, marked as withdrawn with your reason; it no longer counts towards the current level.</p>
      <label className="wide" htmlFor={fieldId}>
        Reason for the withdrawal
        <input id={fieldId} value={reason} onChange={(event) => setReason(event.target.value)} {...errorProps(problems, 'reason', fieldId)} />
        <FieldError id={`${fieldId}-error`} message={problems.get('reason')} />
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
          Withdraw assessment
        </button>
      </div>
    </form>
  );
}

function amendmentText(assessment: Assessment): string {
  if (assessment.withdrawn) {
    const { at, by, reason } = assessment.withdrawn;
    return `Withdrawn ${formatDateTime(at)} by ${by}. Reason: ${reason}`;
  }
  if (assessment.supersededBy) {
    const { at, by, reason } = assessment.supersededBy;
    return `Corrected ${formatDateTime(at)} by ${by}. Reason: ${reason}`;
  }
  return '';
}

/** Every assessment of the area in words, newest first, corrected and withdrawn ones included and marked. */
function AssessmentHistory({ area, doc, today, user, onRecord, onCorrect, onWithdraw }: Omit<Props, 'onDescriptor'> & { area: Area }) {
  const [amending, setAmending] = useState<{ id: string; mode: 'correct' | 'withdraw' } | null>(null);
  const records = assessmentHistory(doc, area.id, { withReplaced: true }).reverse();
  const levelName = (value: number) => doc.matrix.levels[value - 1]?.name ?? '';
  if (records.length === 0) return null;
  return (
    <details className="assessment-history">
      <summary>
        Assessment history of {area.name} ({records.length})
      </summary>
      <ol>
        {records.map((assessment) => {
          const inForce = isInForce(assessment);
          return (
            <li key={assessment.id} className={inForce ? 'in-force' : 'replaced'} data-assessment-id={assessment.id}>
              <p>
                <strong>{formatDate(assessment.date)}</strong> · Level {assessment.level} – {levelName(assessment.level)} · assessed by {assessment.assessedBy}
                {assessment.corrects && <span className="hint"> · a correction</span>}
              </p>
              {assessment.evidence ? <p className="evidence">{assessment.evidence}</p> : <p className="hint">No evidence recorded.</p>}
              {inForce ? (
                amending?.id === assessment.id ? (
                  amending.mode === 'correct' ? (
                    <AssessmentForm area={area} doc={doc} today={today} user={user} correcting={assessment} onRecord={onRecord} onCorrect={onCorrect} onDone={() => setAmending(null)} />
                  ) : (
                    <WithdrawForm area={area} assessment={assessment} onWithdraw={onWithdraw} onDone={() => setAmending(null)} />
                  )
                ) : (
                  <p className="row-buttons">
                    <button type="button" className="secondary small" aria-label={`Correct the assessment of ${formatDate(assessment.date)} for ${area.name}`} onClick={() => setAmending({ id: assessment.id, mode: 'correct' })}>
                      Correct…
                    </button>
                    <button type="button" className="secondary small" aria-label={`Withdraw the assessment of ${formatDate(assessment.date)} for ${area.name}`} onClick={() => setAmending({ id: assessment.id, mode: 'withdraw' })}>
                      Withdraw…
                    </button>
                  </p>
                )
              ) : (
                <p className="amendment">{amendmentText(assessment)}</p>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

/** The four cells of one area: what each level looks like there, in the board's words. */
function DescriptorForm({ area, doc, onDescriptor, onDone }: Pick<Props, 'doc' | 'onDescriptor'> & { area: Area; onDone: () => void }) {
  const [texts, setTexts] = useState<string[]>([...area.descriptors]);
  const [message, setMessage] = useState<string | null>(null);
  const idBase = useId();
  const submit = async () => {
    for (const level of doc.matrix.levels) {
      const text = texts[level.level - 1] ?? '';
      if (text === area.descriptors[level.level - 1]) continue;
      const result = await onDescriptor({ areaId: area.id, level: level.level, text });
      if (!result.ok) return setMessage(`${level.name}: ${result.error.problems[0]?.reason ?? result.error.message}`);
    }
    onDone();
  };
  return (
    <form
      className="assessment-form"
      aria-label={`What each level looks like for ${area.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="wide guide">Describe what {area.name} looks like at each level, so everyone assesses against the same words. The board paper prints them in its key.</p>
      {doc.matrix.levels.map((level) => (
        <label key={level.level} className="wide" htmlFor={`${idBase}-${level.level}`}>
          Level {level.level} – {level.name}
          <textarea
            id={`${idBase}-${level.level}`}
            rows={2}
            maxLength={1000}
            value={texts[level.level - 1] ?? ''}
            onChange={(event) => setTexts(texts.map((text, index) => (index === level.level - 1 ? event.target.value : text)))}
          />
        </label>
      ))}
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
          Save descriptors
        </button>
      </div>
    </form>
  );
}

/** The seven areas against the four levels, as the plan's own matrix table shows them, with each area's evidence and history. */
export function MatrixSummary(props: Props) {
  const { doc, today, user, onRecord, onCorrect, onDescriptor } = props;
  const levels = currentLevels(doc);
  const [editing, setEditing] = useState<{ areaId: string; what: 'record' | 'descriptors' } | null>(null);
  const isEditing = (areaId: string, what: 'record' | 'descriptors') => editing?.areaId === areaId && editing.what === what;
  const toggle = (areaId: string, what: 'record' | 'descriptors') => setEditing(isEditing(areaId, what) ? null : { areaId, what });
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
                  const descriptor = area.descriptors[level.level - 1];
                  return (
                    <td key={level.level} className={isCurrent ? 'matrix-cell current' : 'matrix-cell'}>
                      {isCurrent && (
                        <span className="matrix-mark" role="img" aria-label={`Current level: ${level.level} ${level.name}`}>
                          ● {level.level}
                        </span>
                      )}
                      {descriptor && <span className="descriptor">{descriptor}</span>}
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
                    onClick={() => toggle(area.id, 'record')}
                    aria-expanded={isEditing(area.id, 'record')}
                    aria-label={`Record assessment for ${area.name}`}
                  >
                    Record…
                  </button>
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => toggle(area.id, 'descriptors')}
                    aria-expanded={isEditing(area.id, 'descriptors')}
                    aria-label={`Describe levels for ${area.name}`}
                  >
                    Describe levels…
                  </button>
                </td>
              </tr>,
              isEditing(area.id, 'record') ? (
                <tr key={`${area.id}-form`} className="form-row">
                  <td colSpan={columns}>
                    <AssessmentForm area={area} doc={doc} today={today} user={user} onRecord={onRecord} onCorrect={onCorrect} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : null,
              isEditing(area.id, 'descriptors') ? (
                <tr key={`${area.id}-descriptors`} className="form-row">
                  <td colSpan={columns}>
                    <DescriptorForm key={area.descriptors.join('|')} area={area} doc={doc} onDescriptor={onDescriptor} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : null,
              assessmentHistory(doc, area.id, { withReplaced: true }).length > 0 ? (
                <tr key={`${area.id}-history`} className="history-row">
                  <td colSpan={columns}>
                    <AssessmentHistory {...props} area={area} />
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
