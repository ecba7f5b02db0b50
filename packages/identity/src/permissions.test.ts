import { describe, expect, it } from 'vitest';
import {
  mayAssignRole,
  permissionsOfRole,
  permissionsOfScopes,
  PERMISSIONS,
} from './permissions.ts';

describe('the permission table', () => {
  it('gives owners and admins everything and developers no billing or member management', () => {
    expect([...permissionsOfRole('OWNER')].sort()).toEqual([...PERMISSIONS].sort());
    const developer = permissionsOfRole('DEVELOPER');
    expect(developer.has('keys.manage')).toBe(true);
    expect(developer.has('members.manage')).toBe(false);
    expect(developer.has('billing.manage')).toBe(false);
    expect(developer.has('audit.read')).toBe(false);
    const billing = permissionsOfRole('BILLING');
    expect(billing.has('billing.manage')).toBe(true);
    expect(billing.has('keys.manage')).toBe(false);
    expect(billing.has('predictions.run')).toBe(false);
  });

  it('never lets an API key manage keys, members or the organization', () => {
    const all = permissionsOfScopes(['PREDICT', 'READ', 'PUBLISH', 'BILLING']);
    for (const p of ['keys.manage', 'members.manage', 'organization.manage', 'audit.read'] as const)
      expect(all.has(p)).toBe(false);
    expect([...permissionsOfScopes(['PREDICT'])]).toEqual(['predictions.run']);
  });

  it('keeps owners the only ones who make or unmake owners', () => {
    expect(mayAssignRole('OWNER', 'DEVELOPER', 'OWNER')).toBe(true);
    expect(mayAssignRole('ADMIN', 'DEVELOPER', 'ADMIN')).toBe(true);
    expect(mayAssignRole('ADMIN', 'DEVELOPER', 'OWNER')).toBe(false);
    expect(mayAssignRole('ADMIN', 'OWNER', 'DEVELOPER')).toBe(false);
    expect(mayAssignRole('DEVELOPER', 'BILLING', 'DEVELOPER')).toBe(false);
  });
});
