import { switchOrganizationAction } from '@/auth/auth-actions';
import type { ViewerMembership } from '@/lib/identity-schemas';

interface OrganizationSwitcherProps {
  /** Slug of the organization the portal acts in now. */
  current: string;
  memberships: readonly ViewerMembership[];
  /** An organization the api refused (membership ended); the person should pick another. */
  rejected?: string | undefined;
}

/**
 * Chooses the organization every api call acts in (cookie `mh_org`, sent as the
 * `x-modelhub-organization` header). A plain form: a select and a button, so it works without
 * JavaScript and changing the selection with the keyboard does not navigate by surprise.
 */
export function OrganizationSwitcher({
  current,
  memberships,
  rejected,
}: OrganizationSwitcherProps) {
  return (
    <form action={switchOrganizationAction} className="org-switcher">
      <label htmlFor="org-switcher" className="org-switcher__label">
        Organization
      </label>
      <select
        key={current}
        id="org-switcher"
        name="organization"
        className="org-switcher__select"
        defaultValue={current}
        aria-describedby={rejected ? 'org-switcher-rejected' : undefined}
      >
        {memberships.map((membership) => (
          <option key={membership.organization.slug} value={membership.organization.slug}>
            {membership.organization.personal
              ? `${membership.organization.name} (personal)`
              : membership.organization.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small button--secondary">
        Switch
      </button>
      {rejected ? (
        <span id="org-switcher-rejected" className="org-switcher__note" role="status">
          You are no longer a member of {rejected}.
        </span>
      ) : null}
    </form>
  );
}
