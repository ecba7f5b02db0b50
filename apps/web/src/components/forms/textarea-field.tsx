import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './field-frame';

type TextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'children'>;

interface TextareaFieldProps extends TextareaProps {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  id?: string;
}

/** A labelled multi-line input with its hint and error (see FieldFrame). */
export function TextareaField({ name, label, error, hint, id, ...textarea }: TextareaFieldProps) {
  return (
    <FieldFrame
      fieldId={id ?? `field-${name}`}
      label={label}
      optional={!textarea.required}
      hint={hint}
      error={error}
    >
      {(control) => (
        <textarea
          name={name}
          className="field__input field__input--textarea"
          {...control}
          {...textarea}
        />
      )}
    </FieldFrame>
  );
}
