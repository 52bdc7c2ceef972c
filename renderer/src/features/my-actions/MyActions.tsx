import { useId, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ApiResult } from '../../../../shared/api/contract';
import { actionsLedBy } from '../../../../shared/domain/beforeBoard';
import type { AssignedAction } from '../../../../shared/domain/beforeBoard';
import { allLeadNames } from '../../../../shared/domain/filters';
import { leadsToText } from '../../../../shared/domain/leads';
import { latestReview, unreviewedUpdates } from '../../../../shared/domain/reviews';
import { teamActions } from '../../../../shared/domain/team';
import type { Person } from '../../../../shared/model/people';
import { isStepOverdue } from '../../../../shared/domain/derived';
import type { Action } from '../../../../shared/model/action';
import type { ReviewDraft } from '../../../../shared/model/drafts';
import { reviewDraftSchema } from '../../../../shared/model/drafts';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { formatDate, formatDateTime } from '../../ui/format';
import { useFormFields } from '../../ui/FieldError';
import { showApiError, useDraftForm } from '../../ui/draftForm';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableHead } from '../../ui/TableHead';
import { Options } from '../../ui/Options';
import { ActionNumberLink } from '../../ui/ActionNumberLink';
import { SentBackNotice } from './SentBackNotice';
import { whoRecorded } from '../../../../shared/domain/recordedBy';

interface Props {
  doc: PlanDocument;
  today: IsoDate;
  myName: string | null;
  /** Who is editing: "My team" lists the people they manage. */
  me: Person | null;
  onChoose: (name: string | null) => void;
  onOpen: (action: Action) => void;
  onReview: (draft: ReviewDraft) => Promise<ApiResult<PlanDocument>>;
  /** Writes this person's list to a workbook; answers with where, for the notice. */
  onExport: (person: string) => Promise<ApiResult<{ files: string[] }>>;
}

/** The manager's comment when sending an action back; mounted only while it is being written. */
function SendBackForm({
  action,
  onReview,
  onDone,
}: {
  action: Action;
  onReview: Props['onReview'];
  onDone: () => void;
}) {
  const form = useDraftForm({
    schema: reviewDraftSchema,
    defaultValues: { comment: '' },
    toDraft: ({ comment }) => ({ actionId: action.id, outcome: 'sent_back' as const, comment }),
  });
  const { field, error, formMessage } = useFormFields(form);
  const sendBack = form.handleSubmit(async (draft) => {
    const result = await onReview(draft);
    if (!result.ok) return showApiError(form, result.error, ['review']);
    onDone();
  });

  return (
    <form
      className="send-back no-print"
      aria-label={`Send back action ${action.number}`}
      noValidate
      onSubmit={(event) => void sendBack(event)}
    >
      <label htmlFor={field('comment').id}>
        What needs changing?
        <textarea autoFocus rows={2} {...field('comment')} />
      </label>
      {error('comment')}
      <div className="row-buttons">
        <button type="submit" className="primary small">
          Send back
        </button>
        <button type="button" className="secondary small" onClick={onDone}>
          Cancel
        </button>
      </div>
      {formMessage && (
        <p className="field-error" role="alert">
          {formMessage}
        </p>
      )}
    </form>
  );
}

/**
 * An action's review state and buttons. The send-back form (a react-hook-form instance) is created only
 * when "Send back…" is pressed: a page of rows each holding an idle form made the view slow to open.
 */
function ReviewControls({ doc, action, onReview }: { doc: PlanDocument; action: Action; onReview: Props['onReview'] }) {
  const pending = unreviewedUpdates(doc, action.id).length;
  const last = latestReview(doc, action.id);
  const [sending, setSending] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  const markReviewed = async () => {
    const result = await onReview({ actionId: action.id, outcome: 'reviewed' });
    setRefused(result.ok ? null : result.error.message);
  };

  return (
    <div className="review">
      <p className="review-state">
        <span className={pending > 0 ? 'flag flag-soon' : 'flag flag-quiet'}>
          {pending === 0 ? 'No updates to review' : `${pending} ${pending === 1 ? 'update' : 'updates'} to review`}
        </span>
        {last && (
          <span className="review-last">
            {last.outcome === 'reviewed' ? 'Reviewed' : 'Sent back'} {formatDateTime(last.at)} by {whoRecorded(last)}
            {last.comment && <>: “{last.comment}”</>}
          </span>
        )}
      </p>
      {sending ? (
        <SendBackForm action={action} onReview={onReview} onDone={() => setSending(false)} />
      ) : (
        <div className="row-buttons no-print">
          <button
            type="button"
            className="secondary small"
            disabled={pending === 0}
            title={pending === 0 ? 'Nothing new since the last review' : undefined}
            aria-label={`Mark reviewed: action ${action.number}`}
            onClick={() => void markReviewed()}
          >
            Mark reviewed
          </button>
          <button
            type="button"
            className="secondary small"
            aria-label={`Send back action ${action.number}`}
            onClick={() => {
              setRefused(null);
              setSending(true);
            }}
          >
            Send back…
          </button>
        </div>
      )}
      {refused && (
        <p className="field-error" role="alert">
          {refused}
        </p>
      )}
    </div>
  );
}

function Row({
  item,
  doc,
  today,
  onOpen,
  onReview,
}: {
  item: AssignedAction;
  doc: PlanDocument;
  today: IsoDate;
  onOpen: Props['onOpen'];
  onReview: Props['onReview'];
}) {
  const { action, steps, due, overdue } = item;
  return (
    <tr data-action-id={action.id} className={overdue ? 'row-overdue' : undefined}>
      <td className="col-number">
        <ActionNumberLink action={action} onOpen={onOpen} />
      </td>
      <td>
        <p className="my-description" title={action.description}>
          {action.description}
        </p>
        <SentBackNotice doc={doc} actionId={action.id} />
        {steps.length > 0 && (
          <ul className="steps">
            {steps.map((step) => (
              <li key={step.id}>
                <span className="step-text">{step.text}</span>
                <span className="step-meta">
                  {leadsToText(step.leads)}
                  {step.leads.length > 0 && step.timescale.text ? ' · ' : ''}
                  {step.timescale.text}
                  {isStepOverdue(action, step, today) && <span className="flag flag-overdue">Overdue</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="col-due">
        {due ? formatDate(due) : <span className="hint">No date</span>}
        {overdue && <span className="flag flag-overdue">Overdue</span>}
      </td>
      <td className="col-status-badge">
        <StatusBadge status={action.status} />
      </td>
      <td className="col-review no-print">
        <ReviewControls doc={doc} action={action} onReview={onReview} />
      </td>
    </tr>
  );
}

/** Rows drawn at a time: a lead of a large plan has hundreds of actions, each with its review controls. */
const PAGE = 50;

/** A lead's (or their manager's) list: what one person leads, overdue first, with review controls and a print view. */
/** A manager's view: each person they manage, with the open work that person leads, to review. */
function MyTeam({
  doc,
  today,
  me,
  onOpen,
  onReview,
}: Pick<Props, 'doc' | 'today' | 'onOpen' | 'onReview'> & { me: Person }) {
  const team = useMemo(() => teamActions(doc, me.id, today), [doc, me.id, today]);
  if (team.length === 0)
    return (
      <p className="empty">
        Nobody in People has {me.name} as their line manager, or the people {me.name} manages lead no open actions. Line
        managers are set in Plan &amp; people.
      </p>
    );
  return team.map(({ person, items }) => (
    <section key={person.id} className="team-member" aria-label={`Actions led by ${person.name}`}>
      <h3>
        {person.name}
        <span className="count-badge">
          {items.length}
          <span className="visually-hidden"> actions</span>
        </span>
      </h3>
      <table className="my-table">
        <TableHead
          columns={[
            { title: 'No.', className: 'col-number' },
            'Action and open next steps',
            { title: 'Due', className: 'col-due' },
            { title: 'Status', className: 'col-status-badge' },
            { title: 'Review', className: 'col-review no-print' },
          ]}
        />
        <tbody>
          {items.map((item) => (
            <Row key={item.action.id} item={item} doc={doc} today={today} onOpen={onOpen} onReview={onReview} />
          ))}
        </tbody>
      </table>
    </section>
  ));
}

export function MyActions({ doc, today, myName, me, onChoose, onOpen, onReview, onExport }: Props) {
  const [teamView, setTeamView] = useState(false);
  const names = useMemo(() => {
    const all = allLeadNames(doc);
    return myName && !all.includes(myName) ? [myName, ...all] : all;
  }, [doc, myName]);
  const items = useMemo(() => (myName ? actionsLedBy(doc, myName, today) : []), [doc, myName, today]);
  const overdue = items.filter((item) => item.overdue).length;
  const [shown, setShown] = useState(PAGE);
  const pickerId = useId();

  return (
    <section className="my-actions" aria-labelledby="my-actions-title">
      <div className="view-head">
        <div>
          <h2 id="my-actions-title">
            {teamView && me ? <>{me.name}’s team</> : myName ? <>Actions led by {myName}</> : 'My actions'}
            {myName && !teamView && (
              <span className="count-badge">
                {items.length}
                <span className="visually-hidden"> actions</span>
                {overdue > 0 && <span className="count-overdue"> · {overdue} overdue</span>}
              </span>
            )}
          </h2>
          <p className="hint print-only">
            Printed {formatDate(today)} from {doc.plan.title}
          </p>
        </div>
        <div className="view-tools no-print">
          <button
            type="button"
            className="secondary"
            aria-pressed={teamView}
            disabled={me === null}
            title={me === null ? 'Choose who you are (Editing as, at the top) to see the people you manage' : undefined}
            onClick={() => setTeamView(!teamView)}
          >
            My team
          </button>
          {!teamView && (
            <>
              <label htmlFor={pickerId} className="inline-label">
                Person
                <select
                  id={pickerId}
                  value={myName ?? ''}
                  onChange={(event) => {
                    setShown(PAGE);
                    onChoose(event.target.value || null);
                  }}
                >
                  <option value="">Choose a person…</option>
                  <Options items={names} value={(name) => name} label={(name) => name} />
                </select>
              </label>
              <button
                type="button"
                className="secondary"
                disabled={!myName}
                onClick={() => {
                  // The printed list is the whole list, not the rows drawn so far.
                  flushSync(() => setShown(items.length));
                  window.print();
                }}
              >
                Print
              </button>
              <button
                type="button"
                className="secondary"
                disabled={!myName}
                onClick={() => myName && void onExport(myName)}
              >
                Export to Excel…
              </button>
            </>
          )}
        </div>
      </div>
      {teamView && me ? (
        <MyTeam doc={doc} today={today} me={me} onOpen={onOpen} onReview={onReview} />
      ) : !myName ? (
        <p className="empty">
          Choose a person to see the actions and next steps they lead. The choice is remembered on this computer.
        </p>
      ) : items.length === 0 ? (
        <p className="empty">{myName} leads no open actions or next steps.</p>
      ) : (
        <table className="my-table">
          <TableHead
            columns={[
              { title: 'No.', className: 'col-number' },
              'Action and open next steps',
              { title: 'Due', className: 'col-due' },
              { title: 'Status', className: 'col-status-badge' },
              { title: 'Review', className: 'col-review no-print' },
            ]}
          />
          <tbody>
            {items.slice(0, shown).map((item) => (
              <Row key={item.action.id} item={item} doc={doc} today={today} onOpen={onOpen} onReview={onReview} />
            ))}
          </tbody>
        </table>
      )}
      {!teamView && myName && items.length > shown && (
        <button type="button" className="secondary show-more no-print" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, items.length - shown)} more of {myName}’s actions ({items.length - shown} not shown yet)
        </button>
      )}
    </section>
  );
}
