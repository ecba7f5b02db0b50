import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FieldFrame } from './field-frame';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'children'>;

interface SelectFieldProps extends SelectProps {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  hint?: ReactNode;
  id?: string;
}

/** A labelled select with its hint and error (see FieldFrame); a select always has a value. */
export function SelectField({
  name,
  label,
  options,
  error,
  hint,
  id,
  ...select
}: SelectFieldProps) {
  return (
    <FieldFrame fieldId={id ?? `field-${name}`} label={label} hint={hint} error={error}>
      {(control) => (
        <select name={name} className="field__input field__input--select" {...control} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
