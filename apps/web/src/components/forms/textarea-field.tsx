import type { ReactNode, TextareaHTMLAttributes } from 'react';

type TextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'children'>;

interface TextareaFieldProps extends TextareaProps {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  id?: string;
}

/** A labelled multi-line input with its hint and error wired up like TextField's. */
export function TextareaField({ name, label, error, hint, id, ...textarea }: TextareaFieldProps) {
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={fieldId} className="field__label">
        {label}
        {textarea.required ? null : <span className="field__optional"> (optional)</span>}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={fieldId}
        name={name}
        className="field__input field__input--textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
