import { useState } from 'react';
import type { ApiResult } from '../../../../shared/api/contract';
import { formatPaperDate } from '../../../../shared/domain/boardPaperContent';
import { allPapers, paperDifferences } from '../../../../shared/domain/papers';
import { STATUS_LABELS } from '../../../../shared/model/action';
import type { BoardPaperRecord, PaperState } from '../../../../shared/model/boardPaper';
import type { PlanDelta } from '../../../../shared/domain/delta';
import type { PlanDocument } from '../../../../shared/model/plan';
import { TableHead } from '../../ui/TableHead';
import { Options } from '../../ui/Options';
import { usePlanApi } from '../../state/planContext';
import './papers.css';
import { whoRecordedIn } from '../../../../shared/domain/recordedBy';

const STATE_LABELS: Record<PaperState, string> = { draft: 'Draft', issued: 'Issued', withdrawn: 'Withdrawn' };

interface Props {
  doc: PlanDocument;
  /** Saves a change to the papers and shows the plan as saved. */
  onChange: (call: () => Promise<ApiResult<PlanDelta>>) => Promise<ApiResult<PlanDocument>>;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const fileName = (path: string) => path.split(/[\\/]/).at(-1) ?? path;
const paperLabel = (paper: BoardPaperRecord) => `${paper.board}, ${formatPaperDate(paper.meetingDate)}`;

/** Every paper made from the plan: what the board was sent, what was withdrawn and why, and what is still a draft. */
export function PapersHistory({ doc, onChange }: Props) {
  const api = usePlanApi();
  const papers = allPapers(doc);
  const issued = papers.filter((paper) => paper.state === 'issued');
  const [withdrawing, setWithdrawing] = useState<{ paperId: string; reason: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState(issued.at(-2)?.id ?? '');
  const [to, setTo] = useState(issued.at(-1)?.id ?? '');

  const withdraw = async () => {
    if (!withdrawing) return;
    const result = await onChange(() => api.withdrawPaper(withdrawing));
    if (result.ok) {
      setWithdrawing(null);
      setError(null);
    } else setError(result.error.message);
  };

  return (
    <div className="papers-history">
      <h2>Papers history</h2>
      {papers.length === 0 ? (
        <p className="hint">No board paper has been exported yet. Prepare one from the Board paper view.</p>
      ) : (
        <table className="papers-table">
          <caption className="visually-hidden">Every board paper, oldest meeting first</caption>
          <TableHead columns={['Board and meeting', 'State', 'Issued', 'Files', '']} />
          <tbody>
            {papers.map((paper) => (
              <tr key={paper.id} className={`paper-${paper.state}`}>
                <th scope="row">
                  {paper.board}
                  <br />
                  <span className="hint">{formatPaperDate(paper.meetingDate)}</span>
                </th>
                <td>
                  {STATE_LABELS[paper.state]}
                  {paper.withdrawal && (
                    <span className="hint">
                      {' '}
                      on {when(paper.withdrawal.at)} by {whoRecordedIn(paper.withdrawal.by)}: {paper.withdrawal.reason}
                    </span>
                  )}
                  {paper.state === 'draft' && <span className="hint"> exported {when(paper.producedAt)}</span>}
                </td>
                <td>
                  {paper.issuedAt
                    ? `${when(paper.issuedAt)}${paper.issuedBy ? ` by ${whoRecordedIn(paper.issuedBy)}` : ''}`
                    : 'Not issued'}
                </td>
                <td>
                  <ul className="paper-files">
                    {paper.files.map((file) => {
                      const checksum = paper.checksums.find((item) => item.path === file);
                      return (
                        <li key={file}>
                          <code title={file}>{fileName(file)}</code>
                          {checksum && (
                            <span className="hint checksum" title="SHA-256 of the file as exported">
                              {' '}
                              SHA-256 {checksum.sha256.slice(0, 12)}…
                            </span>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </td>
                <td>
                  {paper.state === 'issued' &&
                    (withdrawing?.paperId === paper.id ? (
                      <form
                        className="withdraw-form"
                        onSubmit={(event) => {
                          event.preventDefault();
                          void withdraw();
                        }}
                      >
                        <label>
                          Why is it withdrawn?
                          <input
                            value={withdrawing.reason}
                            onChange={(event) => setWithdrawing({ ...withdrawing, reason: event.target.value })}
                          />
                        </label>
                        <button type="submit" disabled={withdrawing.reason.trim() === ''}>
                          Withdraw paper
                        </button>
                        <button type="button" onClick={() => setWithdrawing(null)}>
                          Cancel
                        </button>
                      </form>
                    ) : (
                      <button type="button" onClick={() => setWithdrawing({ paperId: paper.id, reason: '' })}>
                        Withdraw…
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {issued.length >= 2 && (
        <section className="paper-compare" aria-label="What changed between two papers">
          <h3>What changed between two issued papers</h3>
          <label>
            From
            <select value={from} onChange={(event) => setFrom(event.target.value)}>
              <Options items={issued} value={(paper) => paper.id} label={paperLabel} />
            </select>
          </label>{' '}
          <label>
            to
            <select value={to} onChange={(event) => setTo(event.target.value)}>
              <Options items={issued} value={(paper) => paper.id} label={paperLabel} />
            </select>
          </label>
          <Differences
            doc={doc}
            from={issued.find((paper) => paper.id === from)}
            to={issued.find((paper) => paper.id === to)}
          />
        </section>
      )}
    </div>
  );
}

function Differences({
  doc,
  from,
  to,
}: {
  doc: PlanDocument;
  from: BoardPaperRecord | undefined;
  to: BoardPaperRecord | undefined;
}) {
  if (!from || !to) return null;
  const differences = paperDifferences(from, to);
  const areaName = (areaId: string) =>
    doc.matrix.areas.find((area) => area.id === areaId)?.name ?? 'An area since removed';
  const action = (actionId: string) => {
    const found = doc.actions.find((candidate) => candidate.id === actionId);
    return found ? `${found.number} ${found.description}` : 'An action since deleted';
  };
  const level = (value: number | null) => (value === null ? 'not assessed' : `level ${value}`);
  const status = (value: keyof typeof STATUS_LABELS | null) =>
    value === null ? 'not in the plan' : STATUS_LABELS[value];
  if (differences.levels.length + differences.statuses.length + differences.completed.length === 0)
    return <p className="hint">Nothing changed between these papers.</p>;
  return (
    <div className="differences">
      <h4>Matrix levels ({differences.levels.length})</h4>
      <ul>
        {differences.levels.map((move) => (
          <li key={move.areaId}>
            {areaName(move.areaId)}: {level(move.from)} → {level(move.to)}
          </li>
        ))}
      </ul>
      <h4>Completed ({differences.completed.length})</h4>
      <ul>
        {differences.completed.map((actionId) => (
          <li key={actionId}>{action(actionId)}</li>
        ))}
      </ul>
      <h4>Status changes ({differences.statuses.length})</h4>
      <ul>
        {differences.statuses.map((change) => (
          <li key={change.actionId}>
            <strong>
              {status(change.from)} → {status(change.to)}
            </strong>{' '}
            {action(change.actionId)}
          </li>
        ))}
      </ul>
    </div>
  );
}
