import { format } from 'date-fns';
import { useState } from 'react';
import type { ApiResult } from '../../../../shared/api/contract';
import type { PersonDraft, PlanInfoChanges } from '../../../../shared/model/drafts';
import { personDraftSchema, planInfoChangesSchema } from '../../../../shared/model/drafts';
import type { Person } from '../../../../shared/model/people';
import type { PlanDocument } from '../../../../shared/model/plan';
import { undatedTimescales } from '../../../../shared/domain/timescale';
import { describeFormErrors, useDraftForm } from '../../ui/draftForm';
import { Options } from '../../ui/Options';
import { TableHead } from '../../ui/TableHead';

const MONTH_NAMES = Array.from({ length: 12 }, (_, index) => format(new Date(2000, index, 1), 'MMMM'));

type Save<T> = (value: T) => Promise<ApiResult<PlanDocument>>;

function PlanInfoForm({ doc, onSave }: { doc: PlanDocument; onSave: Save<PlanInfoChanges> }) {
  const form = useDraftForm({
    schema: planInfoChangesSchema,
    defaultValues: {
      title: doc.plan.title,
      organisation: doc.plan.organisation,
      periodStart: doc.plan.periodStart,
      periodEnd: doc.plan.periodEnd,
      boards: doc.plan.boards.join('\n'),
      nextBoardDate: doc.plan.nextBoardDate ?? '',
      yearStartMonth: String(doc.plan.yearStartMonth),
    },
    toDraft: (values) => ({
      ...values,
      boards: values.boards
        .split('\n')
        .map((board) => board.trim())
        .filter(Boolean),
      nextBoardDate: values.nextBoardDate || null,
      yearStartMonth: Number(values.yearStartMonth),
    }),
  });
  const [message, setMessage] = useState<string | null>(null);

  const save = form.handleSubmit(
    async (changes) => {
      const result = await onSave(changes);
      setMessage(result.ok ? 'Plan details saved.' : result.error.message);
    },
    (errors) => setMessage(describeFormErrors(errors)),
  );

  return (
    <form className="settings-form" aria-label="Plan details" onSubmit={(event) => void save(event)}>
      <h2>Plan details</h2>
      <label className="wide">
        Title
        <input {...form.register('title')} />
      </label>
      <label className="wide">
        Organisation
        <input {...form.register('organisation')} />
      </label>
      <label>
        Period start
        <input type="date" {...form.register('periodStart')} />
      </label>
      <label>
        Period end
        <input type="date" {...form.register('periodEnd')} />
      </label>
      <label>
        Next board meeting
        <input type="date" {...form.register('nextBoardDate')} />
      </label>
      <label>
        Financial year starts in
        <select {...form.register('yearStartMonth')}>
          {MONTH_NAMES.map((name, index) => (
            <option key={name} value={index + 1}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        Boards (one a line)
        <textarea rows={3} {...form.register('boards')} />
      </label>
      {message && (
        <p className="form-note" role="status">
          {message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          Save plan details
        </button>
      </div>
    </form>
  );
}

function PersonForm({
  doc,
  person,
  onSave,
  onDone,
}: {
  doc: PlanDocument;
  person: Person | null;
  onSave: Save<PersonDraft>;
  onDone: () => void;
}) {
  const form = useDraftForm({
    schema: personDraftSchema,
    defaultValues: {
      name: person?.name ?? '',
      role: person?.role ?? '',
      organisation: person?.organisation ?? '',
      email: person?.email ?? '',
      managerId: person?.managerId ?? '',
    },
    // The select's "No line manager" is empty; the draft says so with null, which clears a manager set before.
    toDraft: ({ managerId, ...values }) => ({
      ...(person ? { id: person.id } : {}),
      ...values,
      managerId: managerId || null,
    }),
  });
  const managers = doc.people.filter((candidate) => candidate.id !== person?.id);
  const [message, setMessage] = useState<string | null>(null);
  const save = form.handleSubmit(
    async (draft) => {
      const result = await onSave(draft);
      if (result.ok) onDone();
      else setMessage(result.error.message);
    },
    (errors) => setMessage(describeFormErrors(errors)),
  );
  return (
    <form
      className="person-form"
      aria-label={person ? `Edit ${person.name}` : 'Add a person'}
      onSubmit={(event) => void save(event)}
    >
      <input aria-label="Name" placeholder="Name" {...form.register('name')} />
      <input aria-label="Role" placeholder="Role" {...form.register('role')} />
      <input aria-label="Organisation" placeholder="Organisation" {...form.register('organisation')} />
      <input aria-label="Email" type="email" placeholder="Email" {...form.register('email')} />
      <select aria-label="Line manager" {...form.register('managerId')}>
        <option value="">No line manager</option>
        <Options items={managers} value={(candidate) => candidate.id} label={(candidate) => candidate.name} />
      </select>
      <button type="submit" className="primary small">
        Save
      </button>
      <button type="button" className="secondary small" onClick={onDone}>
        Cancel
      </button>
      {message && (
        <span className="field-error" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}

/** The plan's own details and the people who lead its actions. */
export function PlanSettings({
  doc,
  onSavePlan,
  onSavePerson,
}: {
  doc: PlanDocument;
  onSavePlan: Save<PlanInfoChanges>;
  onSavePerson: Save<PersonDraft>;
}) {
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const people = [...doc.people].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return (
    <div className="settings">
      <PlanInfoForm doc={doc} onSave={onSavePlan} />
      <UndatedTimescales doc={doc} />
      <section className="people" aria-labelledby="people-title">
        <h2 id="people-title">People</h2>
        <p className="hint">
          Leads picked from this list are linked to the person; a lead can also be typed as free text. A line manager
          sees and reviews the actions of the people they manage under My actions, My team. A data call's email draft is
          addressed to the email given here.
        </p>
        <table className="people-table">
          <TableHead
            columns={['Name', 'Role', 'Organisation', 'Email', 'Line manager', { title: 'Edit', hidden: true }]}
          />
          <tbody>
            {people.map((person) =>
              editing !== 'new' && editing?.id === person.id ? (
                <tr key={person.id}>
                  <td colSpan={6}>
                    <PersonForm doc={doc} person={person} onSave={onSavePerson} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={person.id}>
                  <td>{person.name}</td>
                  <td>{person.role}</td>
                  <td>{person.organisation}</td>
                  <td>{person.email}</td>
                  <td>{doc.people.find((candidate) => candidate.id === person.managerId)?.name}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Edit ${person.name}`}
                      onClick={() => setEditing(person)}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        {editing === 'new' ? (
          <PersonForm doc={doc} person={null} onSave={onSavePerson} onDone={() => setEditing(null)} />
        ) : (
          <button type="button" className="secondary" onClick={() => setEditing('new')}>
            Add a person
          </button>
        )}
      </section>
    </div>
  );
}

const UNDATED_WORDS = {
  no_single_date: 'ongoing or recurring',
  no_date: 'no date recognised',
  empty: 'no timescale',
} as const;

/** Open work whose timescale gives no due date: it can never show as overdue, so it is listed here. */
function UndatedTimescales({ doc }: { doc: PlanDocument }) {
  const undated = undatedTimescales(doc);
  return (
    <section className="undated" aria-labelledby="undated-title">
      <h2 id="undated-title">Timescales without a date ({undated.length})</h2>
      {undated.length === 0 ? (
        <p>Every open action and next step has a due date.</p>
      ) : (
        <table>
          <TableHead columns={['Action', 'Next step', 'Timescale as written', 'Why there is no date']} />
          <tbody>
            {undated.map((item) => (
              <tr key={`${item.actionId}-${item.stepNo ?? 'action'}`}>
                <td>{item.actionNumber}</td>
                <td>{item.stepNo ?? '(the action itself)'}</td>
                <td>{item.text || '(blank)'}</td>
                <td>{UNDATED_WORDS[item.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
