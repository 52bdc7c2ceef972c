import { useState } from 'react';
import { format, parseISO } from 'date-fns';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import type { ApiResult } from '../../../../shared/api/contract';
import { currentLevels } from '../../../../shared/domain/derived';
import { areaHistories } from '../../../../shared/domain/levelChart';
import type {
  AssessmentCorrection,
  AssessmentDraft,
  AssessmentWithdrawal,
  DescriptorChange,
} from '../../../../shared/model/drafts';
import {
  assessmentCorrectionSchema,
  assessmentDraftSchema,
  assessmentWithdrawalSchema,
  descriptorChangeSchema,
} from '../../../../shared/model/drafts';
import { isInForce } from '../../../../shared/model/correction';
import type { Area, Assessment } from '../../../../shared/model/matrix';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { formatDate, formatDateTime } from '../../ui/format';
import { useFormFields } from '../../ui/FieldError';
import { FormFooter } from '../../ui/FormFooter';
import { showApiError, useDraftForm } from '../../ui/draftForm';
import { LevelHistoryChart } from './LevelHistoryChart';
import { RadarChart } from './RadarChart';
import { radarForPlan } from '../../../../shared/domain/radarChart';
import { whoAssessed } from '../../../../shared/domain/recordedBy';

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
}: Pick<Props, 'doc' | 'today' | 'user' | 'onRecord' | 'onCorrect'> & {
  area: Area;
  correcting?: Assessment;
  onDone: () => void;
}) {
  const current = currentLevels(doc)[area.id];
  const form = useDraftForm({
    schema: correcting ? assessmentCorrectionSchema : assessmentDraftSchema,
    defaultValues: {
      level: correcting?.level ?? current?.level ?? 1,
      date: correcting?.date ?? today,
      evidence: correcting?.evidence ?? '',
      assessedBy: correcting?.assessedBy ?? user,
      reason: '',
    },
    toDraft: ({ reason, ...fields }) =>
      correcting ? { ...fields, assessmentId: correcting.id, reason } : { ...fields, areaId: area.id },
  });
  const { field, error, formMessage } = useFormFields(form);
  const levelName = (value: number) => doc.matrix.levels[value - 1]?.name ?? '';

  const submit = form.handleSubmit(async (draft) => {
    const result = 'assessmentId' in draft ? await onCorrect(draft) : await onRecord(draft);
    if (result.ok) return onDone();
    showApiError(form, result.error, ['assessment', 'correction']);
  });

  return (
    <form
      className="assessment-form"
      aria-label={
        correcting
          ? `Correct the assessment of ${formatDate(correcting.date)} for ${area.name}`
          : `Record assessment for ${area.name}`
      }
      noValidate
      onSubmit={(event) => void submit(event)}
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
      <label htmlFor={field('level').id}>
        Level
        <select {...field('level', { valueAsNumber: true })}>
          {doc.matrix.levels.map((option) => (
            <option key={option.level} value={option.level}>
              {option.level} – {option.name}
            </option>
          ))}
        </select>
        {error('level')}
      </label>
      <label htmlFor={field('date').id}>
        Date of assessment
        <input type="date" {...field('date')} />
        {error('date')}
      </label>
      <label htmlFor={field('assessedBy').id}>
        Assessed by
        <input {...field('assessedBy')} />
        {error('assessedBy')}
      </label>
      <label className="wide" htmlFor={field('evidence').id}>
        Evidence
        <textarea
          rows={3}
          placeholder="What shows the area is at this level: what has been achieved, what is still missing."
          {...field('evidence')}
        />
        {error('evidence')}
      </label>
      {correcting && (
        <label className="wide" htmlFor={field('reason').id}>
          Reason for the correction
          <input {...field('reason')} />
          {error('reason')}
        </label>
      )}
      <FormFooter
        submitLabel={correcting ? 'Save correction' : 'Record assessment'}
        onCancel={onDone}
        message={formMessage}
      />
    </form>
  );
}

function WithdrawForm({
  area,
  assessment,
  onWithdraw,
  onDone,
}: Pick<Props, 'onWithdraw'> & { area: Area; assessment: Assessment; onDone: () => void }) {
  const form = useDraftForm({
    schema: assessmentWithdrawalSchema,
    defaultValues: { reason: '' },
    toDraft: ({ reason }) => ({ assessmentId: assessment.id, reason }),
  });
  const { field, error, formMessage } = useFormFields(form);
  const submit = form.handleSubmit(async (withdrawal) => {
    const result = await onWithdraw(withdrawal);
    if (result.ok) return onDone();
    showApiError(form, result.error, ['withdrawal']);
  });
  return (
    <form
      className="assessment-form"
      aria-label={`Withdraw the assessment of ${formatDate(assessment.date)} for ${area.name}`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <p className="wide guide">
        The assessment stays in the history, marked as withdrawn with your reason; it no longer counts towards the
        current level.
      </p>
      <label className="wide" htmlFor={field('reason').id}>
        Reason for the withdrawal
        <input {...field('reason')} />
        {error('reason')}
      </label>
      <FormFooter submitLabel="Withdraw assessment" onCancel={onDone} message={formMessage} />
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
function AssessmentHistory({
  area,
  doc,
  today,
  user,
  onRecord,
  onCorrect,
  onWithdraw,
  records,
}: Omit<Props, 'onDescriptor'> & { area: Area; records: readonly Assessment[] }) {
  const [amending, setAmending] = useState<{ id: string; mode: 'correct' | 'withdraw' } | null>(null);
  // Years of assessments are drawn only once the history is opened: hidden, they still cost the view its opening.
  const [open, setOpen] = useState(false);
  const levelName = (value: number) => doc.matrix.levels[value - 1]?.name ?? '';
  if (records.length === 0) return null;
  return (
    <details className="assessment-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Assessment history of {area.name} ({records.length})
      </summary>
      {open && (
        <ol>
          {records.map((assessment) => {
            const inForce = isInForce(assessment);
            return (
              <li key={assessment.id} className={inForce ? 'in-force' : 'replaced'} data-assessment-id={assessment.id}>
                <p>
                  <strong>{formatDate(assessment.date)}</strong> · Level {assessment.level} –{' '}
                  {levelName(assessment.level)} · assessed by {whoAssessed(assessment)}
                  {assessment.corrects && <span className="hint"> · a correction</span>}
                </p>
                {assessment.evidence ? (
                  <p className="evidence">{assessment.evidence}</p>
                ) : (
                  <p className="hint">No evidence recorded.</p>
                )}
                {inForce ? (
                  amending?.id === assessment.id ? (
                    amending.mode === 'correct' ? (
                      <AssessmentForm
                        area={area}
                        doc={doc}
                        today={today}
                        user={user}
                        correcting={assessment}
                        onRecord={onRecord}
                        onCorrect={onCorrect}
                        onDone={() => setAmending(null)}
                      />
                    ) : (
                      <WithdrawForm
                        area={area}
                        assessment={assessment}
                        onWithdraw={onWithdraw}
                        onDone={() => setAmending(null)}
                      />
                    )
                  ) : (
                    <p className="row-buttons">
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={`Correct the assessment of ${formatDate(assessment.date)} for ${area.name}`}
                        onClick={() => setAmending({ id: assessment.id, mode: 'correct' })}
                      >
                        Correct…
                      </button>
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={`Withdraw the assessment of ${formatDate(assessment.date)} for ${area.name}`}
                        onClick={() => setAmending({ id: assessment.id, mode: 'withdraw' })}
                      >
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
      )}
    </details>
  );
}

/** Every level's descriptor of one area, checked as the changes the API takes one at a time. */
const descriptorsFormSchema = z.object({ descriptors: z.array(descriptorChangeSchema) });

/** The four cells of one area: what each level looks like there, in the board's words. */
function DescriptorForm({
  area,
  doc,
  onDescriptor,
  onDone,
}: Pick<Props, 'doc' | 'onDescriptor'> & { area: Area; onDone: () => void }) {
  const form = useDraftForm({
    schema: descriptorsFormSchema,
    defaultValues: {
      descriptors: doc.matrix.levels.map((level) => ({ text: area.descriptors[level.level - 1] ?? '' })),
    },
    toDraft: ({ descriptors }) => ({
      descriptors: descriptors.map(({ text }, index) => ({ areaId: area.id, level: index + 1, text })),
    }),
  });
  const { fields } = useFieldArray({ control: form.control, name: 'descriptors' });
  const { field, error, formMessage } = useFormFields(form);
  const submit = form.handleSubmit(async ({ descriptors }) => {
    for (const [index, change] of descriptors.entries()) {
      if (change.text === area.descriptors[index]) continue;
      const result = await onDescriptor(change);
      if (!result.ok) {
        const level = doc.matrix.levels[index];
        return form.setError('root.form', {
          message: `${level?.name ?? ''}: ${result.error.problems[0]?.reason ?? result.error.message}`,
        });
      }
    }
    onDone();
  });
  return (
    <form
      className="assessment-form"
      aria-label={`What each level looks like for ${area.name}`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <p className="wide guide">
        Describe what {area.name} looks like at each level, so everyone assesses against the same words. The board paper
        prints them in its key.
      </p>
      {fields.map((item, index) => {
        const level = doc.matrix.levels[index]!;
        const name = `descriptors.${index}.text` as const;
        return (
          <label key={item.id} className="wide" htmlFor={field(name).id}>
            Level {level.level} – {level.name}
            <textarea rows={2} maxLength={1000} {...field(name)} />
            {error(name)}
          </label>
        );
      })}
      <FormFooter submitLabel="Save descriptors" onCancel={onDone} message={formMessage} />
    </form>
  );
}

/** The forms an area's row opens: its button's words and, with the area's name, its accessible name. */
const AREA_FORMS = [
  { what: 'record', label: 'Record…', name: 'Record assessment' },
  { what: 'descriptors', label: 'Describe levels…', name: 'Describe levels' },
] as const;

/** The seven areas against the four levels, as the plan's own matrix table shows them, with each area's evidence and history. */
export function MatrixSummary(props: Props) {
  const { doc, today, user, onRecord, onCorrect, onDescriptor } = props;
  const levels = currentLevels(doc);
  const histories = areaHistories(doc, today);
  const [editing, setEditing] = useState<{ areaId: string; what: 'record' | 'descriptors' } | null>(null);
  const isEditing = (areaId: string, what: 'record' | 'descriptors') =>
    editing?.areaId === areaId && editing.what === what;
  const toggle = (areaId: string, what: 'record' | 'descriptors') =>
    setEditing(isEditing(areaId, what) ? null : { areaId, what });
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
            const { history, records, chart, description } = histories.get(area.id)!;
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
                        <span
                          className="matrix-mark"
                          role="img"
                          aria-label={`Current level: ${level.level} ${level.name}`}
                        >
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
                        {formatDate(current.date)} · {whoAssessed(current)}
                      </span>
                      {current.evidence ? (
                        <p className="evidence">{current.evidence}</p>
                      ) : (
                        <p className="hint">No evidence recorded.</p>
                      )}
                    </>
                  ) : (
                    <span className="hint">Not assessed</span>
                  )}
                </td>
                <td className="col-history">
                  <LevelHistoryChart chart={chart} description={description} />
                  {history.length > 0 && (
                    <span className="chart-caption">
                      {history.length} {history.length === 1 ? 'assessment' : 'assessments'} since{' '}
                      {format(parseISO(history[0]!.date), 'MMM yyyy')}
                    </span>
                  )}
                </td>
                <td className="col-record">
                  {AREA_FORMS.map(({ what, label, name }) => (
                    <button
                      key={what}
                      type="button"
                      className="secondary small"
                      onClick={() => toggle(area.id, what)}
                      aria-expanded={isEditing(area.id, what)}
                      aria-label={`${name} for ${area.name}`}
                    >
                      {label}
                    </button>
                  ))}
                </td>
              </tr>,
              isEditing(area.id, 'record') ? (
                <tr key={`${area.id}-form`} className="form-row">
                  <td colSpan={columns}>
                    <AssessmentForm
                      area={area}
                      doc={doc}
                      today={today}
                      user={user}
                      onRecord={onRecord}
                      onCorrect={onCorrect}
                      onDone={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : null,
              isEditing(area.id, 'descriptors') ? (
                <tr key={`${area.id}-descriptors`} className="form-row">
                  <td colSpan={columns}>
                    <DescriptorForm
                      key={area.descriptors.join('|')}
                      area={area}
                      doc={doc}
                      onDescriptor={onDescriptor}
                      onDone={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : null,
              records.length > 0 ? (
                <tr key={`${area.id}-history`} className="history-row">
                  <td colSpan={columns}>
                    <AssessmentHistory {...props} area={area} records={records} />
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      <figure className="matrix-figure" aria-labelledby="matrix-radar-title">
        <h3 id="matrix-radar-title">The areas at a glance</h3>
        <RadarChart data={radarForPlan(doc, today)} />
        <figcaption className="hint">
          The solid shape is each area&apos;s level now; the dashed shape is the level in the last paper the board
          received. Each area&apos;s levels are also written under its name.
        </figcaption>
      </figure>
    </section>
  );
}
