// Row-level security underneath the application's own filters: queries that forget their
// organization filter, run as the api's role, still see only the current organization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from './api-key-credentials.ts';
import { createDb, type Db } from './client.ts';
import { tenantReadClient, withTenant } from './tenant.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('row-level security for the app role', () => {
  let database: TestDatabase;
  let app: Db;
  let orgA: string;
  let orgB: string;
  let keyB: ReturnType<typeof generateApiKey>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = createDb(database.appUrl, { maxConnections: 2 });
    const owner = database.db;
    orgA = (await owner.organization.create({ data: { slug: 'org-a', name: 'A' } })).id;
    orgB = (await owner.organization.create({ data: { slug: 'org-b', name: 'B' } })).id;
    for (const [organizationId, name] of [
      [orgA, 'a-key'],
      [orgB, 'b-key'],
    ] as const) {
      const credentials = generateApiKey();
      if (name === 'b-key') keyB = credentials;
      await owner.apiKey.create({
        data: {
          organizationId,
          name,
          prefix: credentials.prefix,
          secretHash: credentials.secretHash,
          scopes: ['PREDICT'],
        },
      });
      await owner.ledgerEntry.create({
        data: { organizationId, kind: 'TOP_UP', amountMicros: 1_000_000n, description: name },
      });
      for (const visibility of ['PUBLIC', 'PRIVATE'] as const) {
        await owner.model.create({
          data: {
            organizationId,
            slug: `${name}-${visibility.toLowerCase()}`,
            name: `${name} ${visibility}`,
            task: 'OTHER',
            visibility,
          },
        });
      }
    }
  });
  afterAll(async () => {
    await app.$disconnect();
    await database.drop();
  });

  it('connects as a role that neither is a superuser nor bypasses RLS', async () => {
    const [role] = await app.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
      SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('returns only the current organization’s rows to a query without any filter', async () => {
    const { keys, ledger } = await withTenant(app, orgA, async (tx) => ({
      keys: await tx.apiKey.findMany(),
      ledger: await tx.ledgerEntry.findMany(),
    }));
    expect(keys.map((k) => k.name)).toEqual(['a-key']);
    expect(ledger.map((e) => e.organizationId)).toEqual([orgA]);
  });

  it('shows no tenant rows at all outside a tenant transaction', async () => {
    expect(await app.apiKey.count()).toBe(0);
    expect(await app.ledgerEntry.count()).toBe(0);
  });

  it('shows public models to everyone and private ones to their owner only', async () => {
    const anonymous = (await app.model.findMany({ orderBy: { slug: 'asc' } })).map((m) => m.slug);
    expect(anonymous).toEqual(['a-key-public', 'b-key-public']);
    const asA = await withTenant(app, orgA, (tx) =>
      tx.model.findMany({ orderBy: { slug: 'asc' } }),
    );
    expect(asA.map((m) => m.slug)).toEqual(['a-key-private', 'a-key-public', 'b-key-public']);
  });

  it('cannot write, update or delete another organization’s rows', async () => {
    await expect(
      withTenant(app, orgA, (tx) =>
        tx.ledgerEntry.create({
          data: { organizationId: orgB, kind: 'ADJUSTMENT', amountMicros: 5n, description: 'x' },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    const touched = await withTenant(app, orgA, async (tx) => ({
      updated: (await tx.apiKey.updateMany({ data: { name: 'stolen' } })).count,
      deleted: (await tx.model.deleteMany({ where: { organizationId: orgB } })).count,
    }));
    expect(touched).toEqual({ updated: 1, deleted: 0 });
    const names = (await database.db.apiKey.findMany({ orderBy: { name: 'asc' } })).map(
      (k) => k.name,
    );
    expect(names).toEqual(['b-key', 'stolen']);
    expect(await database.db.model.count({ where: { organizationId: orgB } })).toBe(2);
  });

  it('authenticates a key by its prefix without seeing any other key', async () => {
    const rows = await app.$queryRaw<{ organizationId: string; secretHash: string }[]>`
      SELECT "organizationId", "secretHash" FROM app_api_key_by_prefix(${keyB.prefix})`;
    expect(rows).toEqual([{ organizationId: orgB, secretHash: keyB.secretHash }]);
  });
});

describe('tenantReadClient', () => {
  let database: TestDatabase;
  let app: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = createDb(database.appUrl, { maxConnections: 2 });
    for (const slug of ['reader-a', 'reader-b']) {
      const org = await database.db.organization.create({ data: { slug, name: slug } });
      await database.db.ledgerEntry.create({
        data: { organizationId: org.id, kind: 'TOP_UP', amountMicros: 7n, description: slug },
      });
    }
  });
  afterAll(async () => {
    await app.$disconnect();
    await database.drop();
  });

  it('scopes every read to its organization', async () => {
    const orgA = await app.organization.findUniqueOrThrow({ where: { slug: 'reader-a' } });
    const reader = tenantReadClient(app, orgA.id);
    const entries = await reader.ledgerEntry.findMany();
    expect(entries.map((e) => e.description)).toEqual(['reader-a']);
    expect(await tenantReadClient(app, null).ledgerEntry.count()).toBe(0);
  });
});
