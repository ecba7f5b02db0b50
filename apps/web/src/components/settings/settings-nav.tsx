import { NavLink } from '@/components/nav-link';
import type { Viewer } from '@/lib/identity-schemas';
import { can, Permission, roleLabel } from '@/lib/permissions';

export function SettingsNav({ viewer }: { viewer: Viewer }) {
  const organization = viewer.organization;
  return (
    <aside className="settings__aside" aria-label="Organization settings">
      {organization ? (
        <p className="settings__org">
          <strong>{organization.name}</strong>
          <span className="muted">
            {' '}
            <code>{organization.slug}</code>
            {viewer.role ? ` · ${roleLabel(viewer.role)}` : null}
          </span>
        </p>
      ) : null}
      <nav aria-label="Settings" className="settings-nav">
        <NavLink href="/settings">Overview</NavLink>
        {can(viewer, Permission.KeysRead) ? (
          <NavLink href="/settings/api-keys">API keys</NavLink>
        ) : null}
        {can(viewer, Permission.KeysManage) || can(viewer, Permission.PredictionsRun) ? (
          <NavLink href="/settings/webhooks">Webhooks</NavLink>
        ) : null}
        {can(viewer, Permission.MembersRead) ? (
          <NavLink href="/settings/members">Members</NavLink>
        ) : null}
        {can(viewer, Permission.BillingRead) || can(viewer, Permission.UsageRead) ? (
          <NavLink href="/settings/billing">Billing</NavLink>
        ) : null}
        {can(viewer, Permission.ModelsPublish) ? (
          <NavLink href="/settings/models">Models</NavLink>
        ) : null}
        {can(viewer, Permission.AuditRead) ? (
          <NavLink href="/settings/audit-log">Audit log</NavLink>
        ) : null}
        <NavLink href="/settings/organizations/new">New organization</NavLink>
      </nav>
    </aside>
  );
}
