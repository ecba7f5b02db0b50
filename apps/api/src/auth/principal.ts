// Who a request acts as. API keys and signed-in users both become a principal with one
// organization and a set of permissions from the one permission table (@modelhub/identity),
// so every operation checks `requirePermission` the same way whoever calls.
import type { ApiKeyScope, Role } from '@modelhub/db';
import type { Permission } from '@modelhub/identity';
import { AppError } from '../app-error.ts';

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  apiKeyId: string;
  organizationId: string;
  scopes: ApiKeyScope[];
  permissions: ReadonlySet<Permission>;
  /** null: the platform default */
  rateLimitPerMinute: number | null;
}

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  /** null only for a user who belongs to no organization any more */
  organizationId: string | null;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
}

export type Principal = ApiKeyPrincipal | UserPrincipal;

/** The caller as an organization member or key allowed `permission`, or the typed error. */
export function requirePermission<P extends Principal>(
  principal: P | null,
  permission: Permission,
): P & { organizationId: string } {
  if (!principal) {
    throw new AppError(
      'UNAUTHENTICATED',
      'sign in or send an API key: "Authorization: Bearer mh_..."',
    );
  }
  if (!principal.organizationId || !principal.permissions.has(permission)) {
    const who =
      principal.kind === 'apiKey'
        ? `this API key's scopes (${principal.scopes.join(', ').toLowerCase()})`
        : `the ${principal.role ?? 'non-member'} role`;
    throw new AppError('FORBIDDEN', `${who} do not allow ${permission}`, { permission });
  }
  return principal as P & { organizationId: string };
}

export function requireUser(principal: Principal | null): UserPrincipal {
  if (principal?.kind === 'user') return principal;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'sign in first');
  throw new AppError('FORBIDDEN', 'this operation needs a signed-in user, not an API key');
}
