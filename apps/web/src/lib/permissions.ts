import type { Role } from '@/lib/generated/graphql';

/**
 * The permission names the portal looks for in `viewer.permissions` to hide what a role cannot
 * do. The api's permission table decides (and enforces); these only shape the UI.
 */
export const Permission = {
  KeysRead: 'keys.read',
  KeysManage: 'keys.manage',
  MembersRead: 'members.read',
  MembersManage: 'members.manage',
  AuditRead: 'audit.read',
  BillingRead: 'billing.read',
  BillingManage: 'billing.manage',
  UsageRead: 'usage.read',
  PredictionsRun: 'predictions.run',
  ModelsPublish: 'models.publish',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

export function can(viewer: { permissions: readonly string[] }, permission: Permission): boolean {
  return viewer.permissions.includes(permission);
}

export const ROLES = [
  { value: 'OWNER', label: 'Owner', description: 'everything, including who is an owner' },
  { value: 'ADMIN', label: 'Admin', description: 'everything except making or removing owners' },
  { value: 'DEVELOPER', label: 'Developer', description: 'models, API keys and usage' },
  { value: 'BILLING', label: 'Billing', description: 'balance, payments and usage' },
] as const;

const ROLE_VALUES: ReadonlySet<string> = new Set(ROLES.map((role) => role.value));

export function isRole(value: string): value is Role {
  return ROLE_VALUES.has(value);
}

export function roleLabel(value: string): string {
  return ROLES.find((role) => role.value === value)?.label ?? value;
}
