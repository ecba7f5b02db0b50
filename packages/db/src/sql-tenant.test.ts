import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, sqlClientOf, withTenantSql, type SqlPool } from './sql-tenant.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('withTenantSql', () => {
  let database: TestDatabase;
  let pool: SqlPool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createSqlPool(database.url, { maxConnections: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const CURRENT_ORG = `SELECT current_setting('app.organization_id', true) AS org`;

  it('sets the organization for its transaction only', async () => {
    const inside = await withTenantSql(pool, 'org_a', (client) => client.query(CURRENT_ORG));
    expect(inside.rows).toEqual([{ org: 'org_a' }]);
    const outside = await pool.query<{ org: string | null }>(CURRENT_ORG);
    expect(outside.rows[0]!.org ?? '').toBe('');
  });

  it('carries an organization id with quotes and semicolons as data, never as SQL', async () => {
    const hostile = "o'rg'); SELECT pg_sleep(5); --";
    const inside = await withTenantSql(pool, hostile, (client) => client.query(CURRENT_ORG), {
      billingLock: true,
    });
    expect(inside.rows).toEqual([{ org: hostile }]);
  });

  it('rolls back everything when the callback throws, and returns the connection', async () => {
    await expect(
      withTenantSql(pool, 'org_a', async (client) => {
        await client.query(
          `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ($1, $1, 'x', now())`,
          ['rolled-back'],
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await database.db.organization.count({ where: { slug: 'rolled-back' } })).toBe(0);
    expect(pool.totalCount).toBe(pool.idleCount);
  });

  it('destroys a connection that broke inside the transaction', async () => {
    let removed = 0;
    pool.on('remove', () => removed++);
    await expect(
      withTenantSql(pool, 'org_a', (client) =>
        client.query('SELECT pg_terminate_backend(pg_backend_pid())'),
      ),
    ).rejects.toThrow();
    expect(removed).toBe(1);
    const after = await withTenantSql(pool, 'org_b', (client) => client.query(CURRENT_ORG));
    expect(after.rows).toEqual([{ org: 'org_b' }]);
  });
});

describe('sqlClientOf', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('runs parameterized SQL in the Prisma transaction', async () => {
    const { rows } = await database.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.organization_id', 'org_c', true)`;
      return sqlClientOf(tx).query(
        `SELECT current_setting('app.organization_id', true) AS org, $1::text AS echoed`,
        ['hello'],
      );
    });
    expect(rows).toEqual([{ org: 'org_c', echoed: 'hello' }]);
  });
});
