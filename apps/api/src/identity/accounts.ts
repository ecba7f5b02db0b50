// Accounts: sign-up (with a personal organization and trial credit), password sign-in for the
// portal's next-auth, email verification and password reset by emailed single-use links.
import { randomUUID } from 'node:crypto';
import { TRIAL_CREDIT_MICROS, withTenant, type User } from '@modelhub/db';
import {
  createOneTimeToken,
  hashOneTimeToken,
  hashPassword,
  UNUSED_PASSWORD_HASH,
  verifyPassword,
} from '@modelhub/identity';
import { decode } from 'next-auth/jwt';
import { AppError } from '../app-error.ts';
import type { ApiServices, RequestOrigin } from '../context.ts';
import { recordAudit } from './audit-log.ts';
import { checkEmail, checkName, checkPassword } from './input-checks.ts';

const VERIFY_EMAIL = 'verify-email';
const RESET_PASSWORD = 'reset-password';
const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_PASSWORD_TTL_MS = 60 * 60 * 1000;

export interface SignUpInput {
  email: string;
  password: string;
  name?: string | null;
}

export async function signUp(services: ApiServices, input: SignUpInput): Promise<User> {
  const email = checkEmail(input.email);
  checkPassword(input.password);
  const name = checkName(input.name, 'name');
  if (await services.db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError('CONFLICT', 'an account with this email already exists; sign in instead', {
      field: 'email',
    });
  }
  const passwordHash = await hashPassword(input.password);
  const user = await createAccount(services, { email, name, passwordHash, emailVerified: null });
  await sendVerificationEmail(services, user.email);
  return user;
}

/** A user with their personal organization (OWNER) and its trial credit, in one transaction. */
async function createAccount(
  services: ApiServices,
  account: { email: string; name: string; passwordHash: string | null; emailVerified: Date | null },
): Promise<User> {
  // The organization's id is chosen here so the one transaction can act as that tenant.
  const organizationId = randomUUID();
  const slug = await freePersonalSlug(services, account.email);
  const { name, email } = account;
  return withTenant(services.db, organizationId, async (tx) => {
    const created = await tx.user.create({
      data: {
        email,
        name: name || null,
        passwordHash: account.passwordHash,
        emailVerified: account.emailVerified,
      },
    });
    await tx.organization.create({
      data: { id: organizationId, slug, name: name || email, personal: true },
    });
    await tx.membership.create({ data: { organizationId, userId: created.id, role: 'OWNER' } });
    await tx.ledgerEntry.create({
      data: {
        organizationId,
        kind: 'TRIAL_CREDIT',
        amountMicros: TRIAL_CREDIT_MICROS,
        description: 'Trial credit on sign-up',
      },
    });
    return created;
  });
}

/** What the portal asserts after a GitHub or Google sign-in (see signInWithOAuth). */
interface OAuthProfile {
  provider: 'github' | 'google';
  providerAccountId: string;
  email: string;
  /** whether the provider verified the address; only verified ones link to existing accounts */
  emailVerified: boolean;
  name?: string | null;
}

export const OAUTH_ASSERTION_MAX_AGE_SECONDS = 120;

/**
 * Signs in a GitHub or Google user. The portal runs the OAuth flow (next-auth) and sends the
 * profile as a short-lived assertion encrypted with the shared AUTH_SECRET, which proves the
 * portal made it. The account is found by provider id, else linked by verified email, else
 * created with a personal organization.
 */
export async function signInWithOAuth(
  services: ApiServices,
  assertion: string,
  authSecret: string | undefined,
): Promise<User> {
  const profile = await readOAuthAssertion(assertion, authSecret);
  const { db } = services;
  const linked = await db.account.findUnique({
    where: {
      provider_providerAccountId: {
        provider: profile.provider,
        providerAccountId: profile.providerAccountId,
      },
    },
    include: { user: true },
  });
  if (linked) return linked.user;
  const email = checkEmail(profile.email);
  let user = await db.user.findUnique({ where: { email } });
  if (user && !profile.emailVerified) {
    throw new AppError(
      'CONFLICT',
      `an account with ${email} exists; sign in with its password to link ${profile.provider}`,
    );
  }
  user ??= await createAccount(services, {
    email,
    name: checkName(profile.name, 'name'),
    passwordHash: null,
    emailVerified: profile.emailVerified ? new Date() : null,
  });
  await db.account.create({
    data: {
      userId: user.id,
      type: 'oauth',
      provider: profile.provider,
      providerAccountId: profile.providerAccountId,
    },
  });
  return user;
}

async function readOAuthAssertion(
  assertion: string,
  authSecret: string | undefined,
): Promise<OAuthProfile> {
  const refused = new AppError('UNAUTHENTICATED', 'invalid or expired sign-in assertion');
  if (!authSecret) throw refused;
  let payload: Record<string, unknown> | null = null;
  try {
    payload = await decode({ token: assertion, secret: authSecret });
  } catch {
    throw refused;
  }
  const oauth = payload?.oauth as Partial<OAuthProfile> | undefined;
  if (
    payload?.purpose !== 'oauth-sign-in' ||
    !oauth ||
    (oauth.provider !== 'github' && oauth.provider !== 'google') ||
    typeof oauth.providerAccountId !== 'string' ||
    typeof oauth.email !== 'string'
  ) {
    throw refused;
  }
  return {
    provider: oauth.provider,
    providerAccountId: oauth.providerAccountId,
    email: oauth.email,
    emailVerified: oauth.emailVerified === true,
    name: typeof oauth.name === 'string' ? oauth.name : null,
  };
}

async function freePersonalSlug(services: ApiServices, email: string): Promise<string> {
  const base =
    email
      .split('@')[0]!
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'user';
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomUUID().slice(0, 6)}`;
    const taken = await services.db.organization.findUnique({
      where: { slug },
      select: { id: true },
    });
    if (!taken) return slug;
  }
}

async function issueToken(services: ApiServices, purpose: string, email: string, ttlMs: number) {
  const { token, tokenHash } = createOneTimeToken();
  await services.db.verificationToken.create({
    data: {
      identifier: `${purpose}:${email}`,
      token: tokenHash,
      expires: new Date(Date.now() + ttlMs),
    },
  });
  return token;
}

/** The email a valid, unexpired token of `purpose` was issued to; the token is used up. */
async function redeemToken(services: ApiServices, purpose: string, token: string): Promise<string> {
  const row = await services.db.verificationToken.findUnique({
    where: { token: hashOneTimeToken(token) },
  });
  if (!row || !row.identifier.startsWith(`${purpose}:`)) {
    throw new AppError('BAD_USER_INPUT', 'this link is invalid or has already been used', {
      field: 'token',
    });
  }
  await services.db.verificationToken.delete({ where: { token: row.token } });
  if (row.expires.getTime() <= Date.now()) {
    throw new AppError('BAD_USER_INPUT', 'this link has expired; ask for a new one', {
      field: 'token',
    });
  }
  return row.identifier.slice(purpose.length + 1);
}

export async function sendVerificationEmail(services: ApiServices, email: string): Promise<void> {
  const token = await issueToken(services, VERIFY_EMAIL, email, VERIFY_EMAIL_TTL_MS);
  await services.mailer.send({
    to: email,
    subject: 'Verify your Modelhub email address',
    text: `Welcome to Modelhub. Confirm your address by opening this link within 24 hours:\n\n${services.portalUrl}/verify-email?token=${token}\n`,
  });
}

export async function verifyEmail(services: ApiServices, token: string): Promise<User> {
  const email = await redeemToken(services, VERIFY_EMAIL, token);
  return services.db.user.update({ where: { email }, data: { emailVerified: new Date() } });
}

export async function signInWithPassword(
  services: ApiServices,
  input: { email: string; password: string },
  origin: RequestOrigin,
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  await services.rateLimits.assertSignInAllowed(email);
  const user = await services.db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(
    user?.passwordHash ?? (await UNUSED_PASSWORD_HASH),
    input.password,
  );
  if (!user || !user.passwordHash || !valid) {
    await services.rateLimits.recordFailedSignIn(email);
    throw new AppError('UNAUTHENTICATED', 'wrong email or password');
  }
  await auditNewDevice(services, user, origin);
  return user;
}

/** A sign-in from a device (user agent) the user has not signed in from before is audited in
 * their personal organization. */
async function auditNewDevice(services: ApiServices, user: User, origin: RequestOrigin) {
  const personal = await withTenant(
    services.db,
    null,
    (tx) =>
      tx.membership.findFirst({
        where: { userId: user.id, organization: { personal: true } },
        select: { organizationId: true },
      }),
    { userId: user.id },
  );
  if (!personal) return;
  const device = origin.userAgent ?? 'unknown';
  await withTenant(services.db, personal.organizationId, async (tx) => {
    const seen = await tx.auditLog.findFirst({
      where: {
        actorUserId: user.id,
        action: 'auth.signIn.newDevice',
        userAgent: device,
      },
      select: { id: true },
    });
    if (seen) return;
    await recordAudit(
      tx,
      {
        principal: {
          kind: 'user',
          userId: user.id,
          organizationId: personal.organizationId,
          role: null,
          permissions: new Set(),
        },
        origin: { ...origin, userAgent: device },
      },
      { organizationId: personal.organizationId, action: 'auth.signIn.newDevice' },
    );
  });
}

export async function requestPasswordReset(services: ApiServices, rawEmail: string): Promise<void> {
  const email = checkEmail(rawEmail);
  const user = await services.db.user.findUnique({ where: { email }, select: { id: true } });
  // The same answer either way: the response must not tell which emails have accounts.
  if (!user) return;
  const token = await issueToken(services, RESET_PASSWORD, email, RESET_PASSWORD_TTL_MS);
  await services.mailer.send({
    to: email,
    subject: 'Reset your Modelhub password',
    text: `Someone asked to reset the password of your Modelhub account. If it was you, open this link within an hour:\n\n${services.portalUrl}/reset-password?token=${token}\n\nIf it was not, ignore this email; your password stays as it is.\n`,
  });
}

export async function resetPassword(
  services: ApiServices,
  token: string,
  password: string,
  origin: RequestOrigin,
): Promise<void> {
  checkPassword(password);
  const email = await redeemToken(services, RESET_PASSWORD, token);
  const passwordHash = await hashPassword(password);
  const user = await services.db.user.update({
    where: { email },
    // Following the link proves the address, too.
    data: { passwordHash, emailVerified: new Date() },
  });
  await services.db.verificationToken.deleteMany({
    where: { identifier: `${RESET_PASSWORD}:${email}` },
  });
  const personal = await withTenant(
    services.db,
    null,
    (tx) =>
      tx.membership.findFirst({
        where: { userId: user.id, organization: { personal: true } },
        select: { organizationId: true },
      }),
    { userId: user.id },
  );
  if (personal) {
    await withTenant(services.db, personal.organizationId, (tx) =>
      recordAudit(
        tx,
        { principal: null, origin },
        {
          organizationId: personal.organizationId,
          action: 'auth.password.reset',
          target: { type: 'User', id: user.id },
        },
      ),
    );
  }
}
