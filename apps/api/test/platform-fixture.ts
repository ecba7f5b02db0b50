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
    apiKey?: string,
  ): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface GraphQLResponse {
  status: number;
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
    graphql: (query, variables, apiKey) => graphqlRequest(api.url, query, variables, apiKey),
    async close() {
      await api.close();
      await runner.close();
      await database.drop();
      await rm(artifactRoot, { recursive: true, force: true });
    },
  };
}

export async function graphqlRequest(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey?: string,
): Promise<GraphQLResponse> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse, 'status'>;
  return { status: res.status, ...body };
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
