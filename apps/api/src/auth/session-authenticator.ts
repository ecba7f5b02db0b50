// Authenticates the portal's session: the JWT that next-auth issues (encrypted with the shared
// AUTH_SECRET), read from the session cookie or from `Authorization: Bearer <jwt>`. The user
// acts in the organization named by `x-modelhub-organization` (its slug), if a member of it,
// else in their personal organization.
import { withTenant, type Db, type Role } from '@modelhub/db';
import { permissionsOfRole } from '@modelhub/identity';
import { decode } from 'next-auth/jwt';
import { AppError } from '../app-error.ts';
import type { UserPrincipal } from './principal.ts';

export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** The session token in a Cookie header, if any. */
export function sessionTokenFromCookies(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (SESSION_COOKIES.includes(name)) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export class SessionAuthenticator {
  constructor(
    private readonly db: Db,
    /** without a secret the api accepts API keys only */
    private readonly secret: string | undefined,
  ) {}

  async authenticate(token: string, organizationSlug: string | undefined): Promise<UserPrincipal> {
    if (!this.secret) {
      throw new AppError('UNAUTHENTICATED', 'this api accepts API keys only (no AUTH_SECRET)');
    }
    let userId: string | undefined;
    try {
      const payload = await decode({ token, secret: this.secret });
      userId = typeof payload?.sub === 'string' ? payload.sub : undefined;
    } catch {
      // tampered, expired or signed with another secret: all the same to the caller
    }
    if (!userId) throw new AppError('UNAUTHENTICATED', 'invalid or expired session; sign in again');

    const memberships = await withTenant(
      this.db,
      null,
      (tx) =>
        tx.membership.findMany({
          where: { userId },
          select: {
            role: true,
            organization: { select: { id: true, slug: true, personal: true } },
          },
          orderBy: { createdAt: 'asc' },
        }),
      { userId },
    );
    const user = await this.db.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError('UNAUTHENTICATED', 'invalid or expired session; sign in again');

    let chosen: { role: Role; organization: { id: string } } | undefined;
    if (organizationSlug) {
      chosen = memberships.find((m) => m.organization.slug === organizationSlug);
      if (!chosen) {
        // Raised while the request is authenticated, before any resolver: the status is set
        // here, as for UNAUTHENTICATED.
        throw new AppError('FORBIDDEN', `you are not a member of '${organizationSlug}'`, {
          http: { status: 403 },
        });
      }
    } else {
      chosen = memberships.find((m) => m.organization.personal) ?? memberships[0];
    }
    return {
      kind: 'user',
      userId,
      organizationId: chosen?.organization.id ?? null,
      role: chosen?.role ?? null,
      permissions: chosen ? permissionsOfRole(chosen.role) : new Set(),
    };
  }
}
