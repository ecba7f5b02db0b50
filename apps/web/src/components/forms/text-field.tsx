import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'children'>;

interface TextFieldProps extends InputProps {
  name: string;
  label: string;
  /** The api's or the form's message about this field. */
  error?: string | undefined;
  /** Help shown under the label, e.g. the password rule. */
  hint?: ReactNode;
  /** Defaults to `field-<name>`; set it when a page has two forms with the same field name. */
  id?: string;
}

/**
 * A labelled input with its hint and error wired up for screen readers (`aria-describedby`,
 * `aria-invalid`). Works in server and client components alike.
 */
export function TextField({ name, label, error, hint, id, ...input }: TextFieldProps) {
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={fieldId} className="field__label">
        {label}
        {input.required ? null : <span className="field__optional"> (optional)</span>}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={fieldId}
        name={name}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
