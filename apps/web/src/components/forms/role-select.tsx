import { ROLES } from '@/lib/permissions';

interface RoleSelectProps {
  id: string;
  name?: string;
  defaultValue: string;
  describedBy?: string | undefined;
  invalid?: boolean;
}

/** The four roles as a select; the label is the caller's (visible or visually hidden). */
export function RoleSelect({
  id,
  name = 'role',
  defaultValue,
  describedBy,
  invalid,
}: RoleSelectProps) {
  return (
    <select
      id={id}
      name={name}
      className="field__input field__input--select"
      defaultValue={defaultValue}
      aria-describedby={describedBy}
      aria-invalid={invalid ? true : undefined}
    >
      {ROLES.map((role) => (
        <option key={role.value} value={role.value}>
          {role.label}: {role.description}
        </option>
      ))}
    </select>
  );
}
