// Accounts through the api: sign-up with a personal organization and trial credit, email
// verification and password reset through the dev mailbox, password sign-in with brute-force
// limits, and portal sessions that cannot be forged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import {
  sessionCookieFor,
  signUpUser,
  startPlatform,
  TEST_AUTH_SECRET,
  type GraphQLResponse,
  type Platform,
} from './platform-fixture.ts';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ signInAttempts: 3 });
});
afterAll(() => platform?.close());

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

async function mailbox(email: string): Promise<{ subject: string; text: string }[]> {
  const res = await platform.graphql(
    `query($email: String!) { devMailbox(email: $email) { subject text } }`,
    { email },
  );
  return res.data.devMailbox;
}

const tokenIn = (text: string) => /token=([\w-]+)/.exec(text)![1]!;

const VIEWER = `{ viewer { user { email emailVerified } role permissions
  organization { slug personal } organizations { role organization { slug } } balanceMicros } }`;

describe('sign-up', () => {
  it('creates the user, a personal organization they own with trial credit, and emails a link', async () => {
    const user = await signUpUser(platform, 'ada@example.com');
    const me = await platform.graphql(VIEWER, {}, { cookie: user.cookie });
    expect(me.errors).toBeUndefined();
    expect(me.data.viewer).toMatchObject({
      user: { email: 'ada@example.com', emailVerified: false },
      role: 'OWNER',
      organization: { slug: 'ada', personal: true },
      organizations: [{ role: 'OWNER', organization: { slug: 'ada' } }],
      balanceMicros: '25000000',
    });
    expect(me.data.viewer.permissions).toContain('keys.manage');

    const [mail] = await mailbox('ada@example.com');
    expect(mail!.subject).toMatch(/verify/i);
    const verify = `mutation($t: String!) { verifyEmail(token: $t) { user { emailVerified } } }`;
    const token = tokenIn(mail!.text);
    const verified = await platform.graphql(verify, { t: token });
    expect(verified.data.verifyEmail.user.emailVerified).toBe(true);
    const reused = await platform.graphql(verify, { t: token });
    expect(codeOf(reused)).toBe('BAD_USER_INPUT');
    expect(reused.errors![0]!.message).toMatch(/already been used/);
  });

  it.each([
    ['not-an-email', 'a long enough password', 'email'],
    ['short@example.com', 'short', 'password'],
  ])('refuses %s / %s with BAD_USER_INPUT on the field', async (email, password, field) => {
    const res = await platform.graphql(
      `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
      { input: { email, password } },
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions.field).toBe(field);
    expect(await platform.db.user.count({ where: { email } })).toBe(0);
  });

  it('refuses a second account for the same email with CONFLICT', async () => {
    await signUpUser(platform, 'twice@example.com');
    const res = await platform.graphql(
      `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
      { input: { email: 'TWICE@example.com', password: 'another long password' } },
    );
    expect(codeOf(res)).toBe('CONFLICT');
    expect(await platform.db.organization.count({ where: { slug: { startsWith: 'twice' } } })).toBe(
      1,
    );
  });
});

describe('password sign-in', () => {
  const SIGN_IN = `mutation($input: SignInInput!) { signInWithPassword(input: $input) { user { email } } }`;

  it('accepts the right password and refuses a wrong one without saying which part was wrong', async () => {
    await signUpUser(platform, 'grace@example.com', 'grace password 1');
    const ok = await platform.graphql(SIGN_IN, {
      input: { email: 'grace@example.com', password: 'grace password 1' },
    });
    expect(ok.data.signInWithPassword.user.email).toBe('grace@example.com');
    for (const input of [
      { email: 'grace@example.com', password: 'wrong password!' },
      { email: 'nobody@example.com', password: 'grace password 1' },
    ]) {
      const res = await platform.graphql(SIGN_IN, { input });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0]!.message).toBe('wrong email or password');
    }
  });

  it('audits a sign-in from a new device once', async () => {
    const user = await signUpUser(platform, 'device@example.com', 'device password');
    const signIn = (agent: string) =>
      platform.graphql(
        SIGN_IN,
        { input: { email: 'device@example.com', password: 'device password' } },
        { headers: { 'user-agent': agent } },
      );
    await signIn('Laptop/1.0');
    await signIn('Laptop/1.0');
    await signIn('Phone/2.0');
    const log = await platform.graphql(
      `{ viewer { organization { auditLog(first: 10) { edges { node { action userAgent actor } } } } } }`,
      {},
      { cookie: user.cookie },
    );
    const entries = log.data.viewer.organization.auditLog.edges.map((e: any) => e.node);
    expect(entries.filter((e: any) => e.action === 'auth.signIn.newDevice')).toEqual([
      { action: 'auth.signIn.newDevice', userAgent: 'Phone/2.0', actor: 'device@example.com' },
      { action: 'auth.signIn.newDevice', userAgent: 'Laptop/1.0', actor: 'device@example.com' },
    ]);
  });

  it('rate limits password guessing per account (RATE_LIMITED, HTTP 429, Retry-After)', async () => {
    await signUpUser(platform, 'target@example.com', 'the real password');
    for (let i = 0; i < 3; i++) {
      const res = await platform.graphql(SIGN_IN, {
        input: { email: 'target@example.com', password: `guess number ${i}` },
      });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    // Even the right password is refused until the window passes.
    const blocked = await platform.graphql(SIGN_IN, {
      input: { email: 'target@example.com', password: 'the real password' },
    });
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('password reset', () => {
  it('sets a new password with the emailed single-use link, and answers unknown emails the same', async () => {
    await signUpUser(platform, 'reset@example.com', 'old password 123');
    const request = `mutation($e: String!) { requestPasswordReset(email: $e) { ok } }`;
    expect((await platform.graphql(request, { e: 'reset@example.com' })).data).toEqual({
      requestPasswordReset: { ok: true },
    });
    expect((await platform.graphql(request, { e: 'ghost@example.com' })).data).toEqual({
      requestPasswordReset: { ok: true },
    });
    expect(await mailbox('ghost@example.com')).toEqual([]);

    const mail = (await mailbox('reset@example.com')).find((m) => /reset/i.test(m.subject))!;
    const token = tokenIn(mail.text);
    const reset = `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { ok } }`;
    expect(codeOf(await platform.graphql(reset, { t: token, p: 'short' }))).toBe('BAD_USER_INPUT');
    expect(
      (await platform.graphql(reset, { t: token, p: 'new password 456' })).errors,
    ).toBeUndefined();
    expect(codeOf(await platform.graphql(reset, { t: token, p: 'third password 789' }))).toBe(
      'BAD_USER_INPUT',
    );
    const signIn = (password: string) =>
      platform.graphql(
        `mutation($input: SignInInput!) { signInWithPassword(input: $input) { user { email } } }`,
        { input: { email: 'reset@example.com', password } },
      );
    expect(codeOf(await signIn('old password 123'))).toBe('UNAUTHENTICATED');
    expect((await signIn('new password 456')).errors).toBeUndefined();
  });
});

describe('sessions', () => {
  it('refuses tampered, foreign-secret and expired session cookies with UNAUTHENTICATED', async () => {
    const user = await signUpUser(platform, 'session@example.com');
    const value = user.cookie.split('=')[1]!;
    const tampered = `next-auth.session-token=${value.slice(0, -4)}${value.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const foreign = await sessionCookieFor(user.userId, {
      secret: 'another-secret-another-secret-another-secret',
    });
    const expired = await sessionCookieFor(user.userId, { maxAgeSeconds: -60 });
    for (const cookie of [tampered, foreign, expired]) {
      const res = await platform.graphql(VIEWER, {}, { cookie });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.status).toBe(401);
    }
  });

  it('acts in an organization the user belongs to only', async () => {
    const user = await signUpUser(platform, 'switch@example.com');
    const res = await platform.graphql(
      VIEWER,
      {},
      { cookie: user.cookie, organization: 'modelhub' },
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});

describe('GitHub and Google sign-in', () => {
  const SIGN_IN = `mutation($a: String!) { signInWithOAuth(assertion: $a) { user { id email emailVerified } } }`;
  const assertion = (oauth: Record<string, unknown>, secret = TEST_AUTH_SECRET) =>
    encode({ token: { purpose: 'oauth-sign-in', oauth }, secret, maxAge: 60 });

  it('creates the account with a personal organization once, then finds it by provider id', async () => {
    const profile = {
      provider: 'github',
      providerAccountId: '4242',
      email: 'octo@example.com',
      emailVerified: true,
      name: 'Octo',
    };
    const first = await platform.graphql(SIGN_IN, { a: await assertion(profile) });
    expect(first.data.signInWithOAuth.user).toMatchObject({
      email: 'octo@example.com',
      emailVerified: true,
    });
    const again = await platform.graphql(SIGN_IN, {
      a: await assertion({ ...profile, email: 'changed@example.com' }),
    });
    expect(again.data.signInWithOAuth.user.id).toBe(first.data.signInWithOAuth.user.id);
    const user = await platform.db.user.findUniqueOrThrow({
      where: { email: 'octo@example.com' },
      include: { memberships: { include: { organization: true } }, accounts: true },
    });
    expect(user.passwordHash).toBeNull();
    expect(user.accounts.map((a) => [a.provider, a.providerAccountId])).toEqual([
      ['github', '4242'],
    ]);
    expect(user.memberships.map((m) => [m.role, m.organization.personal])).toEqual([
      ['OWNER', true],
    ]);
  });

  it('links a verified email to an existing account, and refuses an unverified one', async () => {
    await signUpUser(platform, 'both@example.com');
    const unverified = await platform.graphql(SIGN_IN, {
      a: await assertion({
        provider: 'google',
        providerAccountId: 'g-1',
        email: 'both@example.com',
        emailVerified: false,
      }),
    });
    expect(codeOf(unverified)).toBe('CONFLICT');
    const verified = await platform.graphql(SIGN_IN, {
      a: await assertion({
        provider: 'google',
        providerAccountId: 'g-1',
        email: 'both@example.com',
        emailVerified: true,
      }),
    });
    expect(verified.data.signInWithOAuth.user.email).toBe('both@example.com');
  });

  it('refuses assertions not made with the portal’s secret, or for another purpose', async () => {
    const profile = {
      provider: 'github',
      providerAccountId: '1',
      email: 'x@example.com',
      emailVerified: true,
    };
    const forged = await platform.graphql(SIGN_IN, {
      a: await assertion(profile, 'not-the-portal-secret-not-the-portal-secret'),
    });
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
    const session = await sessionCookieFor('someone');
    const reused = await platform.graphql(SIGN_IN, { a: session.split('=')[1] });
    expect(codeOf(reused)).toBe('UNAUTHENTICATED');
    expect(await platform.db.user.count({ where: { email: 'x@example.com' } })).toBe(0);
  });
});
