// Platform administrators run Modelhub itself (not one tenant): the flag is on the user, set by
// an operator in the database. Everything under "platform admin" is refused to anyone else.
import { AppError } from '../app-error.ts';
import { requireUser, type Principal, type UserPrincipal } from '../auth/principal.ts';
import type { ApiServices } from '../context.ts';

/** Whether the caller is a signed-in platform administrator (API keys never are). */
export async function isPlatformAdmin(
  services: ApiServices,
  principal: Principal | null,
): Promise<boolean> {
  if (principal?.kind !== 'user') return false;
  const user = await services.db.user.findUnique({
    where: { id: principal.userId },
    select: { isPlatformAdmin: true },
  });
  return user?.isPlatformAdmin === true;
}

/** UNAUTHENTICATED when signed out, FORBIDDEN for API keys and everyone but administrators. */
export async function requirePlatformAdmin(
  services: ApiServices,
  principal: Principal | null,
): Promise<UserPrincipal> {
  const user = requireUser(principal);
  if (!(await isPlatformAdmin(services, user))) {
    throw new AppError('FORBIDDEN', 'only platform administrators see this');
  }
  return user;
}
