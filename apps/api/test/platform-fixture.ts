// A whole platform for a test file: its own database with the demo seed, a real runner and a
// real api on free ports, and helpers to call GraphQL over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import {
  generateApiKey,
  seedBaseData,
  type ApiKeyScope,
  type BaseSeed,
  type Db,
} from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { seedDemoModels } from '@modelhub/models';
import { startRunner, type RunningRunner } from '@modelhub/runner';
import { encode } from 'next-auth/jwt';
import pino from 'pino';
import { startApi, type ApiOptions, type RunningApi } from '../src/index.ts';

export interface Platform {
  database: TestDatabase;
  db: Db;
  seed: BaseSeed;
  runner: RunningRunner;
  api: RunningApi;
  artifactRoot: string;
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | Caller,
  ): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  data: any;
  errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[];
}

const silent = pino({ level: 'silent' });

/** The next-auth secret the test api shares with `sessionCookieFor`. */
export const TEST_AUTH_SECRET = 'test-auth-secret-test-auth-secret-0123456789';

export async function startPlatform(apiOptions: Partial<ApiOptions> = {}): Promise<Platform> {
  const database = await createTestDatabase();
  const artifactRoot = await mkdtemp(path.join(os.tmpdir(), 'api-test-'));
  const seed = await seedBaseData(database.db);
  await seedDemoModels(database.db, new LocalArtifactStore(artifactRoot));
  const runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot,
    port: 0,
    logger: silent,
  });
  const api = await startApi({
    // the app role, so row-level security applies as in production
    databaseUrl: database.appUrl,
    authSecret: TEST_AUTH_SECRET,
    artifactStore: new LocalArtifactStore(artifactRoot),
    port: 0,
    logger: silent,
    apiKeyCacheMs: 0,
    ...apiOptions,
  });
  return {
    database,
    db: database.db,
    seed,
    runner,
    api,
    artifactRoot,
    graphql: (query, variables, as) => graphqlRequest(api.url, query, variables, as),
    async close() {
      await api.close();
      await runner.close();
      await database.drop();
      await rm(artifactRoot, { recursive: true, force: true });
    },
  };
}

/** Who calls: an API key (a string), or a portal session with an organization of choice. */
export interface Caller {
  apiKey?: string;
  /** a Cookie header, e.g. from `sessionCookieFor` */
  cookie?: string;
  /** slug sent as x-modelhub-organization */
  organization?: string;
  headers?: Record<string, string>;
}

export async function graphqlRequest(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  as?: string | Caller,
): Promise<GraphQLResponse> {
  const caller: Caller = typeof as === 'string' ? { apiKey: as } : (as ?? {});
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(caller.apiKey ? { authorization: `Bearer ${caller.apiKey}` } : {}),
      ...(caller.cookie ? { cookie: caller.cookie } : {}),
      ...(caller.organization ? { 'x-modelhub-organization': caller.organization } : {}),
      ...caller.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
  return { ...body, status: res.status, headers: res.headers };
}

/** A next-auth session cookie for a user, as the portal would set it. */
export async function sessionCookieFor(
  userId: string,
  options: { secret?: string; maxAgeSeconds?: number } = {},
): Promise<string> {
  const token = await encode({
    token: { sub: userId },
    secret: options.secret ?? TEST_AUTH_SECRET,
    ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds } : {}),
  });
  return `next-auth.session-token=${token}`;
}

export interface SignedUpUser {
  userId: string;
  email: string;
  cookie: string;
  /** the slug of the personal organization */
  personalOrg: string;
}

/** Signs a new user up through the api and gives their session. */
export async function signUpUser(
  platform: Platform,
  email: string,
  password = 'a long enough password',
): Promise<SignedUpUser> {
  const res = await platform.graphql(
    `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
    { input: { email, password, name: email.split('@')[0] } },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const user = await platform.db.user.findUniqueOrThrow({
    where: { email },
    include: { memberships: { include: { organization: true } } },
  });
  return {
    userId: user.id,
    email,
    cookie: await sessionCookieFor(user.id),
    personalOrg: user.memberships[0]!.organization.slug,
  };
}

export interface TestKeyOptions {
  organizationId: string;
  scopes?: ApiKeyScope[];
  expiresAt?: Date;
  revokedAt?: Date;
}

/** Creates an API key straight in the database and returns the secret. */
export async function createTestKey(db: Db, options: TestKeyOptions): Promise<string> {
  const credentials = generateApiKey();
  await db.apiKey.create({
    data: {
      organizationId: options.organizationId,
      name: 'test key',
      prefix: credentials.prefix,
      secretHash: credentials.secretHash,
      scopes: options.scopes ?? ['PREDICT', 'READ'],
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revokedAt ?? null,
    },
  });
  return credentials.key;
}

/** A deterministic 1x3x48x192 image-like tensor for the direction classifier. */
export function classifierInput(batch = 1) {
  return {
    name: 'x',
    datatype: 'FP32',
    shape: [batch, 3, 48, 192],
    data: Array.from({ length: batch * 3 * 48 * 192 }, (_, i) => Math.sin(i / 7) * 0.8),
  };
}

export const PREDICT = `
  mutation Predict($model: String!, $inputs: [TensorInput!]!, $idempotencyKey: String) {
    predict(model: $model, inputs: $inputs, idempotencyKey: $idempotencyKey) {
      id model costMicros currency replayed
      outputs { name datatype shape data }
      timings { queueMs computeMs totalMs }
    }
  }`;

export const CLASSIFIER = 'modelhub/ppocr-direction-classifier';
