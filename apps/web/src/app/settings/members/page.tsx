import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer, type SignedInContext } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatDate } from '@/lib/format';
import type { Invitation, Member } from '@/lib/identity-schemas';
import { usesDevMailbox } from '@/lib/mail-mode';
import { can, Permission, roleLabel } from '@/lib/permissions';
import { getInvitations, getMembers } from '@/lib/queries/get-members';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { LeaveOrganizationForm, RemoveMemberForm } from './confirm-forms';
import { InviteMemberForm } from './invite-member-form';
import { MemberRoleForm } from './member-role-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Members' };

type Loaded<T> = { data: T } | { error: ApiError } | null;

async function load<T>(
  allowed: boolean,
  what: string,
  fetcher: () => Promise<T | null>,
): Promise<Loaded<T>> {
  if (!allowed) return null;
  try {
    const data = await fetcher();
    return data === null ? null : { data };
  } catch (error) {
    if (!isApiError(error)) throw error;
    console.error(`[members] ${what}: ${error.code}: ${error.message}`);
    return { error };
  }
}

function memberLabel(member: Member): string {
  return member.user.name ? `${member.user.name} (${member.user.email})` : member.user.email;
}

export default async function MembersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const context = await requireViewer('/settings/members');
  if ('error' in context) {
    return (
      <>
        <h1>Members</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  const canManage = can(viewer, Permission.MembersManage);
  const [members, invitations, devMailbox] = await Promise.all([
    load(can(viewer, Permission.MembersRead), 'members', () => getMembers(client)),
    load(canManage, 'invitations', () => getInvitations(client)),
    canManage ? usesDevMailbox() : Promise.resolve(false),
  ]);
  const removeId = firstParam(params, 'remove');
  const toRemove =
    removeId && members && 'data' in members
      ? members.data.find((member) => member.id === removeId)
      : undefined;
  const organization = viewer.organization;

  return (
    <>
      <div className="page-intro">
        <h1>Members</h1>
        <p className="lead">
          People in <strong>{organization.name}</strong> and their roles.
        </p>
      </div>
      {firstParam(params, 'removed') ? (
        <p className="form-alert form-alert--success" role="status">
          The member is removed.
        </p>
      ) : null}
      {removeId && canManage ? (
        <RemoveMemberForm
          membershipId={removeId}
          label={toRemove ? memberLabel(toRemove) : 'this member'}
        />
      ) : null}
      {firstParam(params, 'leave') && !organization.personal ? (
        <LeaveOrganizationForm organizationId={organization.id} name={organization.name} />
      ) : null}

      <section className="section section--first" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <MembersSection members={members} viewer={viewer} canManage={canManage} />
      </section>

      {canManage ? (
        <>
          <section className="section card">
            <InviteMemberForm devMailbox={devMailbox} />
          </section>
          <section className="section" aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">Pending invitations</h2>
            <InvitationsSection invitations={invitations} />
          </section>
        </>
      ) : (
        <p className="muted section">
          Your role in this organization cannot invite or remove members.
        </p>
      )}

      {organization.personal ? null : (
        <section className="section" aria-labelledby="leave-section-heading">
          <h2 id="leave-section-heading">Leave this organization</h2>
          <p>
            <Link href="/settings/members?leave=1">Leave {organization.name}</Link>
          </p>
        </section>
      )}
    </>
  );
}

function MembersSection({
  members,
  viewer,
  canManage,
}: {
  members: Loaded<Member[]>;
  viewer: SignedInContext['viewer'];
  canManage: boolean;
}) {
  if (members === null) return <p className="muted">Your role cannot see the member list.</p>;
  if ('error' in members) return <ApiErrorNotice error={members.error} action="load the members" />;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Members table">
      <table className="data-table">
        <caption className="visually-hidden">Members of {viewer.organization.name}</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            {canManage ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.data.map((member) => {
            const isMe = member.user.id === viewer.user?.id;
            return (
              <tr key={member.id}>
                <th scope="row">
                  {member.user.name ?? member.user.email}
                  {isMe ? <span className="badge badge--muted">you</span> : null}
                  {member.user.name ? (
                    <span className="muted data-table__sub">{member.user.email}</span>
                  ) : null}
                </th>
                <td>
                  {canManage ? (
                    <MemberRoleForm
                      membershipId={member.id}
                      role={member.role}
                      memberLabel={memberLabel(member)}
                    />
                  ) : (
                    roleLabel(member.role)
                  )}
                </td>
                <td>{formatDate(member.createdAt)}</td>
                {canManage ? (
                  <td>
                    {isMe ? null : (
                      <Link
                        href={`/settings/members?${new URLSearchParams({ remove: member.id }).toString()}`}
                        aria-label={`Remove ${memberLabel(member)}`}
                      >
                        Remove
                      </Link>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function InvitationsSection({ invitations }: { invitations: Loaded<Invitation[]> }) {
  if (invitations === null) return <p className="muted">No pending invitations.</p>;
  if ('error' in invitations)
    return <ApiErrorNotice error={invitations.error} action="load the invitations" />;
  if (invitations.data.length === 0) return <p className="muted">No pending invitations.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Invitations table">
      <table className="data-table">
        <caption className="visually-hidden">Pending invitations</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Sent</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {invitations.data.map((invitation) => (
            <tr key={invitation.id}>
              <th scope="row">{invitation.email}</th>
              <td>{roleLabel(invitation.role)}</td>
              <td>{formatDate(invitation.createdAt)}</td>
              <td>{formatDate(invitation.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
