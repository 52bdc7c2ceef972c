import type { ReactNode } from 'react';

interface Props {
  submitLabel: string;
  onCancel: () => void;
  /** The API's message when it refused the edit. */
  message: string | undefined;
  /** A one-line form inside a table row or card: small buttons first, anything else (a hint) and the message after. */
  compact?: boolean;
  children?: ReactNode;
}

/** The end of an inline form: what went wrong if the edit was refused, Cancel and the submit button. */
export function FormFooter({ submitLabel, onCancel, message, compact = false, children }: Props) {
  const alert = message && (
    <p className={compact ? 'field-error full' : 'field-error wide'} role="alert">
      {message}
    </p>
  );
  if (compact) {
    return (
      <>
        <div className="row-buttons">
          <button type="submit" className="primary small">
            {submitLabel}
          </button>
          <button type="button" className="secondary small" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {children}
        {alert}
      </>
    );
  }
  return (
    <>
      {children}
      {alert}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </>
  );
}
