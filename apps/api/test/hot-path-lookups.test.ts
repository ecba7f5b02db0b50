// The lookups every prediction makes (API key, model version, billing mode, balance) are cached
// for a few seconds. When an entry is missing or has expired, requests that arrive together must
// share one database read: under load each expiry otherwise became one query per request in
// flight, a burst of Prisma work (about 2 ms of CPU each) every few seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, generateApiKey, seedBaseData, type Db } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { AppError } from '../src/app-error.ts';
import { ApiKeyAuthenticator } from '../src/auth/api-key-authenticator.ts';
import { PredictionLookups } from '../src/predictions/prediction-lookups.ts';

let database: TestDatabase;
let appDb: Db;
let organizationId: string;
let apiKey: string;
/** queries by kind: `Model.findMany`, `$queryRaw`, ... */
const queries = new Map<string, number>();
const count = (kind: string) => queries.get(kind) ?? 0;
let counted: Db;

const together = <T>(n: number, fn: () => Promise<T>) =>
  Promise.allSettled(Array.from({ length: n }, fn));

/** A PREDICT key of the demo organization; its secret. */
async function createKey(name: string, expiresAt: Date | null = null): Promise<string> {
  const credentials = generateApiKey();
  await database.db.apiKey.create({
    data: {
      organizationId,
      name,
      prefix: credentials.prefix,
      secretHash: credentials.secretHash,
      scopes: ['PREDICT'],
      lastUsedAt: new Date(),
      expiresAt,
    },
  });
  return credentials.key;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const seed = await seedBaseData(database.db);
  organizationId = seed.demoOrganizationId;
  apiKey = await createKey('lookups');
  // the api's role, under row-level security as in production
  appDb = createDb(database.appUrl);
  counted = appDb.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        const kind = model ? `${model}.${operation}` : operation;
        queries.set(kind, count(kind) + 1);
        return query(args);
      },
    },
  }) as unknown as Db;
});
afterAll(async () => {
  await appDb?.$disconnect();
  await database?.drop();
});

describe('hot-path lookups under concurrent misses', () => {
  it('authenticates a key for many requests at once with one query', async () => {
    const authenticator = new ApiKeyAuthenticator(counted, 60_000);
    const results = await together(20, () => authenticator.authenticate(apiKey));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(new Set(results.map((r) => (r as PromiseFulfilledResult<unknown>).value)).size).toBe(1);
    expect(count('$queryRaw')).toBe(1);
    // cached now
    await authenticator.authenticate(apiKey);
    expect(count('$queryRaw')).toBe(1);
  });

  it('shares a failed key lookup between the requests waiting for it, and does not cache it', async () => {
    const authenticator = new ApiKeyAuthenticator(counted, 60_000);
    const before = count('$queryRaw');
    const wrong = `${apiKey.slice(0, -4)}AAAA`;
    const results = await together(10, () => authenticator.authenticate(wrong));
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(count('$queryRaw')).toBe(before + 1);
    await expect(authenticator.authenticate(wrong)).rejects.toBeInstanceOf(AppError);
    expect(count('$queryRaw')).toBe(before + 2);
  });

  it('refuses a cached key once the key itself has expired', async () => {
    const key = await createKey('short-lived', new Date(Date.now() + 1_000));
    // cached far longer than the key lives
    const authenticator = new ApiKeyAuthenticator(counted, 60_000);
    await authenticator.authenticate(key);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(authenticator.authenticate(key)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'this API key has expired',
    });
  });

  it('resolves a model reference once for requests that miss together, and again after the ttl', async () => {
    const ttlMs = 300;
    const lookups = new PredictionLookups(counted, ttlMs);
    const lookUp = () => lookups.visibleVersion('modelhub/no-such-model', organizationId);
    const first = await together(15, lookUp);
    for (const result of first) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(count('ModelVersion.findMany')).toBe(1);
    await lookUp().catch(() => {});
    expect(count('ModelVersion.findMany')).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, ttlMs + 20));
    await together(15, lookUp);
    expect(count('ModelVersion.findMany')).toBe(2);
  });

  it('reads the billing mode and a fresh balance once for requests that ask together', async () => {
    const lookups = new PredictionLookups(counted, 60_000);
    const modes = await Promise.all(
      Array.from({ length: 10 }, () => lookups.billingMode(organizationId)),
    );
    expect(new Set(modes).size).toBe(1);
    expect(count('Organization.findUniqueOrThrow')).toBe(1);

    expect(lookups.recentBalance(organizationId)).toBeUndefined();
    const balances = await Promise.all(
      Array.from({ length: 10 }, () => lookups.freshBalance(organizationId)),
    );
    expect(new Set(balances).size).toBe(1);
    expect(count('Organization.findUnique')).toBe(1);
    expect(lookups.recentBalance(organizationId)).toBe(balances[0]);

    // fresh means read again once the earlier read has finished
    await lookups.freshBalance(organizationId);
    expect(count('Organization.findUnique')).toBe(2);
  });
});
