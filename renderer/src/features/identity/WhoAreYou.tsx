import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ApiResult } from '../../../../shared/api/contract';
import type { PersonDraft } from '../../../../shared/model/drafts';
import { personDraftSchema } from '../../../../shared/model/drafts';
import type { Person } from '../../../../shared/model/people';
import type { PlanDocument } from '../../../../shared/model/plan';
import { useFormFields } from '../../ui/FieldError';
import { keepTabInDialog } from '../../ui/dialogFocus';
import { showApiError, useDraftForm } from '../../ui/draftForm';
import { Options } from '../../ui/Options';

interface Props {
  doc: PlanDocument;
  onChoose: (personId: string) => void;
  onAdd: (person: PersonDraft) => Promise<ApiResult<PlanDocument>>;
}

/** Adds the person using the app to People, then makes them the one editing. */
function AddMe({ onAdd, onChoose, onCancel }: Omit<Props, 'doc'> & { onCancel: (() => void) | null }) {
  const form = useDraftForm({
    schema: personDraftSchema,
    defaultValues: { name: '', role: '', organisation: '', email: '' },
    toDraft: (values) => values,
  });
  const { field, error, formMessage } = useFormFields(form);
  const add = form.handleSubmit(async (draft) => {
    const result = await onAdd(draft);
    if (!result.ok) return showApiError(form, result.error, ['person']);
    const added = result.value.people.find((person) => person.name.toLowerCase() === draft.name.toLowerCase());
    if (added) onChoose(added.id);
  });
  return (
    <form className="identity-add" aria-label="Add me to People" noValidate onSubmit={(event) => void add(event)}>
      <label htmlFor={field('name').id}>
        Your name
        <input {...field('name')} />
        {error('name')}
      </label>
      <label htmlFor={field('role').id}>
        Role
        <input {...field('role')} />
      </label>
      <label htmlFor={field('organisation').id}>
        Organisation
        <input {...field('organisation')} />
      </label>
      <label htmlFor={field('email').id}>
        Email
        <input type="email" autoComplete="email" {...field('email')} />
        {error('email')}
      </label>
      <div className="row-buttons">
        <button type="submit" className="primary">
          Add me
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Back to the list
          </button>
        )}
      </div>
      {formMessage && (
        <p className="field-error" role="alert">
          {formMessage}
        </p>
      )}
    </form>
  );
}

/** Escape closes other dialogs; this one stays until the user says who they are. */
function keepOpen(event: KeyboardEvent<HTMLElement>): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    return;
  }
  keepTabInDialog(event);
}

/**
 * Asked on first use of a plan, before anything can be changed: every change records who made it, so the
 * app needs to know which of the plan's People is at this computer, or every record would name the login.
 * The answer is remembered for this computer user and this plan.
 */
export function WhoAreYou({ doc, onChoose, onAdd }: Props) {
  const [picked, setPicked] = useState('');
  const [adding, setAdding] = useState(doc.people.length === 0);
  const titleId = useId();
  const textId = useId();
  const pickerId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [adding]);
  return (
    <div
      className="overlay"
      role="presentation"
      onMouseDown={(event) => event.target === event.currentTarget && event.preventDefault()}
    >
      <div
        ref={dialog}
        className="dialog identity-ask"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        onKeyDown={keepOpen}
      >
        <header className="dialog-header">
          <h2 id={titleId}>Who are you?</h2>
        </header>
        <div className="dialog-body">
          <p id={textId}>
            Changes you make to this plan record your name, so the board and managers can see who updated what. Choose
            yourself from the plan’s people, or add yourself. This computer remembers your answer for this plan.
          </p>
          {adding ? (
            <AddMe onAdd={onAdd} onChoose={onChoose} onCancel={doc.people.length > 0 ? () => setAdding(false) : null} />
          ) : (
            <form
              className="identity-pick"
              onSubmit={(event) => {
                event.preventDefault();
                if (picked) onChoose(picked);
              }}
            >
              <label htmlFor={pickerId}>
                I am
                <select id={pickerId} value={picked} onChange={(event) => setPicked(event.target.value)}>
                  <option value="">Choose your name…</option>
                  <Options items={doc.people} value={(person: Person) => person.id} label={(person) => person.name} />
                </select>
              </label>
              <button type="submit" className="primary" disabled={!picked}>
                Continue
              </button>
              <button type="button" className="link" onClick={() => setAdding(true)}>
                I am not listed: add me
              </button>
            </form>
          )}
        </div>
      </div>
    </div>
  );
}

/** The header's "Editing as": who changes are recorded as, and the way to switch to someone else. */
export function EditingAs({
  doc,
  personId,
  onChoose,
}: {
  doc: PlanDocument;
  personId: string | null;
  onChoose: (personId: string) => void;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className="inline-label editing-as">
      Editing as
      <select id={id} value={personId ?? ''} onChange={(event) => event.target.value && onChoose(event.target.value)}>
        {personId === null && <option value="">Choose who you are…</option>}
        <Options items={doc.people} value={(person: Person) => person.id} label={(person) => person.name} />
      </select>
    </label>
  );
}
