import type { ReactNode } from 'react';

/** What a labelled control needs to point screen readers at its hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldFrameProps {
  fieldId: string;
  label: string;
  /** Marks the label "(optional)". */
  optional?: boolean;
  /** Help shown under the label. */
  hint?: ReactNode;
  /** The api's or the form's message about this field. */
  error?: string | undefined;
  /** The control, given the ids and aria attributes that tie it to its label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * The label, hint and error around one form control (input, textarea, select), wired up for
 * screen readers (`aria-describedby`, `aria-invalid`). Works in server and client components.
 */
export function FieldFrame({ fieldId, label, optional, hint, error, children }: FieldFrameProps) {
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={fieldId} className="field__label">
        {label}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({
        id: fieldId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
