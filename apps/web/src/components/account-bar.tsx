import { signOutAction } from '@/auth/auth-actions';
import { OrganizationSwitcher } from '@/components/organization-switcher';
import { getApiContext } from '@/lib/portal-api';

/** The signed-in part of the header: organization switcher, who is signed in, sign out. */
export async function AccountBar({ email }: { email: string }) {
  const { viewer, rejectedOrganization } = await getApiContext();
  return (
    <div className="account-bar">
      {viewer && viewer.organizations.length > 0 ? (
        <OrganizationSwitcher
          current={viewer.organization?.slug ?? ''}
          memberships={viewer.organizations}
          rejected={rejectedOrganization}
        />
      ) : null}
      <span className="account-bar__user" title={email}>
        {viewer?.user?.name ?? email}
      </span>
      <form action={signOutAction}>
        <button type="submit" className="button button--small button--secondary">
          Sign out
        </button>
      </form>
    </div>
  );
}
