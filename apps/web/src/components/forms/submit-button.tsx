'use client';

import { useFormStatus } from 'react-dom';

interface SubmitButtonProps {
  label: string;
  /** Shown while the form is being submitted, e.g. `Signing in…`. */
  pendingLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
  small?: boolean;
  /** Submits this value under `name`, for forms with more than one submit button. */
  name?: string;
  value?: string;
}

/** A submit button that says what is happening and cannot be pressed twice while it happens. */
export function SubmitButton({
  label,
  pendingLabel,
  variant = 'primary',
  small = false,
  name,
  value,
}: SubmitButtonProps) {
  const { pending } = useFormStatus();
  const classes = ['button'];
  if (variant !== 'primary') classes.push(`button--${variant}`);
  if (small) classes.push('button--small');
  return (
    <button
      type="submit"
      className={classes.join(' ')}
      disabled={pending}
      aria-disabled={pending}
      name={name}
      value={value}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
