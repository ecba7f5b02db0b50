import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { can, Permission, roleLabel } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Organization settings' };

export default async function SettingsPage() {
  const context = await requireViewer('/settings');
  if ('error' in context) {
    return (
      <>
        <h1>Organization settings</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, rejectedOrganization } = context;
  const organization = viewer.organization;
  return (
    <>
      <h1>{organization.name}</h1>
      {rejectedOrganization ? (
        <p className="notice" role="status">
          You are no longer a member of <code>{rejectedOrganization}</code>; showing your personal
          organization. Pick another one in the header.
        </p>
      ) : null}
      <dl className="facts facts--plain">
        <dt>Slug</dt>
        <dd>
          <code>{organization.slug}</code> (models are called as{' '}
          <code>{organization.slug}/model</code>)
        </dd>
        <dt>Kind</dt>
        <dd>{organization.personal ? 'Personal organization' : 'Team organization'}</dd>
        <dt>Your role</dt>
        <dd>{viewer.role ? roleLabel(viewer.role) : 'None'}</dd>
        {viewer.user ? (
          <>
            <dt>Signed in as</dt>
            <dd>
              {viewer.user.email}
              {viewer.user.emailVerified ? null : (
                <span className="badge badge--muted">Email not verified</span>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      <ul className="link-list">
        {can(viewer, Permission.KeysRead) ? (
          <li>
            <Link href="/settings/api-keys">API keys</Link>: create keys for your code to call
            models, revoke them.
          </li>
        ) : null}
        {can(viewer, Permission.MembersRead) ? (
          <li>
            <Link href="/settings/members">Members</Link>: who belongs to {organization.name} and
            with which role; invitations.
          </li>
        ) : null}
        {can(viewer, Permission.AuditRead) ? (
          <li>
            <Link href="/settings/audit-log">Audit log</Link>: security-relevant actions in this
            organization.
          </li>
        ) : null}
        <li>
          <Link href="/settings/organizations/new">Create an organization</Link> for a team.
        </li>
      </ul>
    </>
  );
}
