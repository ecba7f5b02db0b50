import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldFrame } from './field-frame';

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

/** A labelled input with its hint and error (see FieldFrame). */
export function TextField({ name, label, error, hint, id, ...input }: TextFieldProps) {
  return (
    <FieldFrame
      fieldId={id ?? `field-${name}`}
      label={label}
      optional={!input.required}
      hint={hint}
      error={error}
    >
      {(control) => <input name={name} className="field__input" {...control} {...input} />}
    </FieldFrame>
  );
}
