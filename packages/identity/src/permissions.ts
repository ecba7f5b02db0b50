// Who may do what: the one permission table. Every operation names the permission it needs;
// a member's role and an API key's scopes both map to sets of these.
import type { ApiKeyScope, Role } from '@modelhub/db';

export const PERMISSIONS = [
  'models.read', // private models of the organization
  'models.publish', // create models, upload and publish versions, set prices
  'predictions.run',
  'keys.read',
  'keys.manage',
  'members.read',
  'members.manage',
  'organization.manage',
  'billing.read',
  'billing.manage',
  'usage.read',
  'audit.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: ALL,
  ADMIN: ALL,
  DEVELOPER: [
    'models.read',
    'models.publish',
    'predictions.run',
    'keys.read',
    'keys.manage',
    'members.read',
    'usage.read',
  ],
  BILLING: ['models.read', 'members.read', 'billing.read', 'billing.manage', 'usage.read'],
};

/** What an API key may do: integrations act with their scopes, never manage people or keys. */
export const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  PREDICT: ['predictions.run'],
  READ: ['models.read', 'usage.read'],
  PUBLISH: ['models.read', 'models.publish'],
  BILLING: ['billing.read', 'usage.read'],
};

export function permissionsOfRole(role: Role): Set<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function permissionsOfScopes(scopes: readonly ApiKeyScope[]): Set<Permission> {
  return new Set(scopes.flatMap((scope) => SCOPE_PERMISSIONS[scope]));
}

/** Only owners make or unmake owners; admins manage everyone else. */
export function mayAssignRole(actor: Role, from: Role | null, to: Role): boolean {
  if (actor === 'OWNER') return true;
  if (actor === 'ADMIN') return from !== 'OWNER' && to !== 'OWNER';
  return false;
}
