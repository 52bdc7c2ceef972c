import { useMemo, useState } from 'react';
import type { ReturnPreview } from '../../../../shared/api/contract';
import { defaultLeads, formatReturnDate, returnsTracker } from '../../../../shared/domain/dataCall';
import type { DataCall } from '../../../../shared/model/dataCall';
import type { PlanDocument } from '../../../../shared/model/plan';
import { usePlanApi } from '../../state/planContext';
import type { PlanHandle } from '../../state/usePlan';
import { TableHead } from '../../ui/TableHead';
import { ChangeRows, ProblemRows, fileAsBase64 } from '../../ui/workbookPreview';
import '../board-paper/boardPaper.css';
import './dataCall.css';

/**
 * The data call: ask the leads for their updates before a meeting (a workbook and an email draft each),
 * see who has sent theirs back, and merge the returns after seeing every change and settling conflicts.
 */
export function DataCallView({
  doc,
  today,
  onChanged,
  onEdit,
}: {
  doc: PlanDocument;
  today: string;
  onChanged: (document: PlanDocument) => void;
  onEdit: PlanHandle['mutate'];
}) {
  const latest = doc.dataCalls.at(-1);
  return (
    <section className="data-call-view" aria-labelledby="data-call-title">
      <h2 id="data-call-title">Data call</h2>
      <StartDataCall doc={doc} today={today} onStarted={onChanged} />
      {latest && <Returns key={latest.id} call={latest} today={today} onEdit={onEdit} />}
    </section>
  );
}

function StartDataCall({
  doc,
  today,
  onStarted,
}: {
  doc: PlanDocument;
  today: string;
  onStarted: (document: PlanDocument) => void;
}) {
  const api = usePlanApi();
  const candidates = useMemo(() => defaultLeads(doc, today), [doc, today]);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [meetingDate, setMeetingDate] = useState('');
  const [returnBy, setReturnBy] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<string[]>([]);
  const keyOf = (lead: { name: string; personId?: string }) => lead.personId ?? `name:${lead.name}`;
  const chosen = candidates.filter((lead) => !unticked.has(keyOf(lead)));

  const start = async () => {
    setError(null);
    setBusy(true);
    const result = await api.startDataCall({
      meetingDate,
      returnBy,
      message,
      leads: chosen.map((lead) => ({
        name: lead.name,
        ...(lead.personId !== undefined && { personId: lead.personId }),
      })),
    });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error.message);
      return;
    }
    setFiles(result.value.files);
    onStarted(result.value.document);
  };

  return (
    <form
      className="data-call-start"
      aria-labelledby="start-title"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <h3 id="start-title">Ask the leads for their updates</h3>
      <div className="data-call-dates">
        <label>
          Meeting date
          <input type="date" required value={meetingDate} onChange={(event) => setMeetingDate(event.target.value)} />
        </label>
        <label>
          Return by
          <input type="date" required value={returnBy} onChange={(event) => setReturnBy(event.target.value)} />
        </label>
      </div>
      <label className="data-call-message">
        Message to the leads
        <textarea rows={3} maxLength={4000} value={message} onChange={(event) => setMessage(event.target.value)} />
      </label>
      <fieldset>
        <legend>
          Leads ({chosen.length} of {candidates.length} chosen)
        </legend>
        <ul className="data-call-leads">
          {candidates.map((lead) => (
            <li key={keyOf(lead)}>
              <label>
                <input
                  type="checkbox"
                  checked={!unticked.has(keyOf(lead))}
                  onChange={(event) => {
                    const next = new Set(unticked);
                    if (event.target.checked) next.delete(keyOf(lead));
                    else next.add(keyOf(lead));
                    setUnticked(next);
                  }}
                />
                {lead.name}
              </label>
              <span className="hint">
                {lead.openActions} open action{lead.openActions === 1 ? '' : 's'}
                {lead.overdue > 0 ? `, ${lead.overdue} overdue` : ''}
                {lead.email ? ` · ${lead.email}` : ' · no email in People'}
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {files.length > 0 && (
        <div role="status" className="exported">
          <p>Written {files.length} files: a workbook and an email draft for each lead. Open each draft to send it.</p>
          <ul>
            {files.map((file) => (
              <li key={file}>
                {file}{' '}
                <button type="button" className="link" onClick={() => void api.revealFile({ path: file })}>
                  Show in folder
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || chosen.length === 0}>
          {busy
            ? 'Writing workbooks…'
            : `Write workbooks and email drafts for ${chosen.length} lead${chosen.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </form>
  );
}

interface Upload {
  preview: ReturnPreview;
  base64: string;
  choices: Record<string, 'app' | 'lead'>;
  applied: boolean;
  error: string | null;
}

function Returns({ call, today, onEdit }: { call: DataCall; today: string; onEdit: PlanHandle['mutate'] }) {
  const api = usePlanApi();
  const tracker = returnsTracker(call, today);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [chased, setChased] = useState<string[]>([]);

  const read = async (files: File[]) => {
    setError(null);
    setReading(true);
    const encoded = await Promise.all(
      files.map(async (file) => ({ fileName: file.name, base64: await fileAsBase64(file) })),
    );
    const result = await api.previewReturns({ files: encoded });
    setReading(false);
    if (!result.ok) return setError(result.error.message);
    setUploads(
      result.value.map((preview, index) => ({
        preview,
        base64: encoded[index]!.base64,
        choices: {},
        applied: false,
        error: null,
      })),
    );
  };

  const update = (index: number, change: Partial<Upload>) =>
    setUploads((current) => current.map((upload, at) => (at === index ? { ...upload, ...change } : upload)));

  const apply = async (index: number) => {
    const upload = uploads[index]!;
    const result = await onEdit(() =>
      api.applyReturn({
        dataCallId: upload.preview.dataCallId ?? call.id,
        fileName: upload.preview.fileName,
        base64: upload.base64,
        choices: upload.choices,
      }),
    );
    if (!result.ok) return update(index, { error: result.error.message });
    update(index, { applied: true, error: null });
  };

  const chase = async () => {
    setError(null);
    const result = await api.chaseDrafts({ dataCallId: call.id });
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error.message);
      return;
    }
    setChased(result.value.files);
  };

  const group = (title: string, leads: typeof call.leads, note: (lead: (typeof call.leads)[number]) => string) => (
    <div className="returns-group">
      <h4>
        {title} ({leads.length})
      </h4>
      {leads.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul>
          {leads.map((lead) => (
            <li key={lead.fileName}>
              {lead.name} <span className="hint">{note(lead)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <div className="data-call-returns" aria-labelledby="returns-title">
      <h3 id="returns-title">
        Returns for the {call.board}, {formatReturnDate(call.meetingDate)}
      </h3>
      <p className="hint">Asked for by {formatReturnDate(call.returnBy)}.</p>
      <div className="returns-tracker">
        {group('Returned', tracker.returned, (lead) => `on ${lead.returnedAt?.slice(0, 10) ?? ''}`)}
        {group('Not yet', tracker.notYet, () => 'not due yet')}
        {group('Late', tracker.late, () => 'return date passed')}
      </div>
      <div className="form-actions">
        <label className="file-picker">
          Import returns… (several .xlsx files)
          <input
            type="file"
            multiple
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              if (files.length > 0) void read(files);
            }}
          />
        </label>
        <button type="button" className="secondary" disabled={tracker.late.length === 0} onClick={() => void chase()}>
          Chase drafts for late leads
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {reading && <p role="status">Reading the returns…</p>}
      {chased.length > 0 && (
        <p role="status" className="exported">
          Written {chased.length} reminder draft{chased.length === 1 ? '' : 's'}: {chased.join(', ')}
        </p>
      )}
      {uploads.map((upload, index) => (
        <ReturnCard
          key={upload.preview.fileName}
          upload={upload}
          onChoose={(key, side) => update(index, { choices: { ...upload.choices, [key]: side } })}
          onApply={() => void apply(index)}
        />
      ))}
    </div>
  );
}

function ReturnCard({
  upload,
  onChoose,
  onApply,
}: {
  upload: Upload;
  onChoose: (key: string, side: 'app' | 'lead') => void;
  onApply: () => void;
}) {
  const { preview } = upload;
  const blocked = preview.problems.length > 0;
  const unsettled = preview.conflicts.filter((conflict) => upload.choices[conflict.key] === undefined).length;
  const count = preview.changes.length + preview.conflicts.length + preview.measureValues.length;
  return (
    <article className="import-preview return-card" aria-label={`Return ${preview.fileName}`}>
      <h4>
        {preview.lead ?? 'Unknown lead'} — {preview.fileName}
      </h4>
      {blocked && (
        <>
          <p className="field-error" role="alert">
            {preview.problems.length + preview.moreProblems} problem
            {preview.problems.length + preview.moreProblems === 1 ? '' : 's'}: nothing from this workbook can be
            applied.
          </p>
          <table className="problems" aria-label={`Problems in ${preview.fileName}`}>
            <TableHead columns={['Where', 'Problem']} />
            <ProblemRows problems={preview.problems} />
          </table>
        </>
      )}
      {!blocked && preview.changes.length > 0 && (
        <table className="problems import-changes" aria-label={`Changes from ${preview.lead ?? preview.fileName}`}>
          <TableHead columns={['Action', 'Field', 'Now', 'Becomes']} />
          <ChangeRows changes={preview.changes} />
        </table>
      )}
      {!blocked && preview.conflicts.length > 0 && (
        <fieldset className="return-conflicts">
          <legend>Changed in the app since the call too: choose which to keep</legend>
          {preview.conflicts.map((conflict) => (
            <div
              key={conflict.key}
              className="conflict"
              role="radiogroup"
              aria-label={`Action ${conflict.actionNumber} ${conflict.field}`}
            >
              <p>
                <strong>
                  Action {conflict.actionNumber}
                  {conflict.stepNo ? `, step ${conflict.stepNo}` : ''}: {conflict.field}
                </strong>
              </p>
              <div className="conflict-sides">
                <label>
                  <input
                    type="radio"
                    name={`${preview.fileName}-${conflict.key}`}
                    checked={upload.choices[conflict.key] === 'app'}
                    onChange={() => onChoose(conflict.key, 'app')}
                  />
                  Keep the app’s value ({conflict.changedBy}, {conflict.changedAt.slice(0, 10)}):
                  <span className="conflict-value">{conflict.app || '—'}</span>
                </label>
                <label>
                  <input
                    type="radio"
                    name={`${preview.fileName}-${conflict.key}`}
                    checked={upload.choices[conflict.key] === 'lead'}
                    onChange={() => onChoose(conflict.key, 'lead')}
                  />
                  Take {preview.lead ?? 'the lead'}’s:
                  <span className="conflict-value">{conflict.lead || '—'}</span>
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {!blocked && preview.measureValues.length > 0 && (
        <table className="problems" aria-label={`New figures from ${preview.lead ?? preview.fileName}`}>
          <TableHead columns={['Measure', 'Date', 'Value', 'Note']} />
          <tbody>
            {preview.measureValues.map((point, index) => (
              <tr key={index}>
                <td>{point.measure}</td>
                <td>{point.date}</td>
                <td>{point.value}</td>
                <td>{point.note || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!blocked && count === 0 && <p>This workbook holds no changes.</p>}
      {upload.error && (
        <p className="field-error" role="alert">
          {upload.error}
        </p>
      )}
      {upload.applied ? (
        <p role="status" className="exported">
          Applied. Each change is in the update log under {preview.lead}.
        </p>
      ) : (
        <div className="form-actions">
          <button type="button" className="primary" disabled={blocked || unsettled > 0} onClick={onApply}>
            {unsettled > 0
              ? `Choose for ${unsettled} conflict${unsettled === 1 ? '' : 's'} first`
              : `Apply ${preview.lead ?? ''}’s return`}
          </button>
        </div>
      )}
    </article>
  );
}
