import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type pg from 'pg';
import { executeSql, preparedSql } from './prepared-sql.ts';
import {
  createSqlPool,
  sqlClientOf,
  sqlJson,
  sqlLiteral,
  withTenantSql,
  type SqlPool,
} from './sql-tenant.ts';
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

  /** `fn`'s result, and the SQL text of each message sent to PostgreSQL by the connections of
   * `on` checked out while it ran. */
  async function sentMessages<T>(
    fn: () => Promise<T>,
    on: SqlPool = pool,
  ): Promise<{ result: T; texts: string[] }> {
    const spies = new Map<pg.PoolClient, { mock: { calls: unknown[][] }; mockRestore(): void }>();
    const onAcquire = (client: pg.PoolClient) => {
      if (!spies.has(client)) spies.set(client, vi.spyOn(client, 'query'));
    };
    on.on('acquire', onAcquire);
    try {
      const result = await fn();
      const texts = [...spies.values()].flatMap((spy) => spy.mock.calls.map((c) => String(c[0])));
      return { result, texts };
    } finally {
      on.removeListener('acquire', onAcquire);
      for (const spy of spies.values()) spy.mockRestore();
    }
  }

  it('reads with queryMany and writes at commit in two round trips, the opening included', async () => {
    const { result, texts } = await sentMessages(() =>
      withTenantSql(
        pool,
        'org_many',
        async (tx) => {
          const [org, two] = await tx.queryMany([CURRENT_ORG, 'SELECT 1 AS one UNION SELECT 2']);
          tx.writeAtCommit(
            `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('w1', 'w1', 'x', now())`,
          );
          return { org, two };
        },
        { billingLock: true },
      ),
    );
    expect(result.org).toEqual([{ org: 'org_many' }]);
    expect(result.two).toHaveLength(2);
    expect(texts).toHaveLength(2);
    expect(await database.db.organization.count({ where: { slug: 'w1' } })).toBe(1);
  });

  it('never sends a write left for the commit when the callback throws', async () => {
    await expect(
      withTenantSql(pool, 'org_a', async (tx) => {
        await tx.queryMany([CURRENT_ORG]);
        tx.writeAtCommit(
          `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('w2', 'w2', 'x', now())`,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await database.db.organization.count({ where: { slug: 'w2' } })).toBe(0);
    expect(pool.totalCount).toBe(pool.idleCount);
  });

  it('rolls back the whole transaction when the write at commit fails, and says why', async () => {
    await expect(
      withTenantSql(pool, 'org_a', async (tx) => {
        await tx.query(
          `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('w3', 'w3', 'x', now())`,
        );
        // the same primary key again
        tx.writeAtCommit(
          `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('w3', 'w3b', 'x', now())`,
        );
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await database.db.organization.count({ where: { id: 'w3' } })).toBe(0);
    // the connection is usable and outside any transaction
    const after = await withTenantSql(pool, 'org_b', (tx) => tx.queryMany([CURRENT_ORG]));
    expect(after).toEqual([[{ org: 'org_b' }]]);
  });

  it('sends nothing for a callback that sends nothing', async () => {
    const { result, texts } = await sentMessages(() =>
      withTenantSql(pool, 'org_a', async () => 'done'),
    );
    expect(result).toBe('done');
    expect(texts).toHaveLength(0);
  });

  it('writes literals that carry quotes, backslashes and semicolons as data', async () => {
    const hostile = `o'rg\\'); DROP TABLE "Organization"; --`;
    const [rows] = await withTenantSql(pool, 'org_a', (tx) =>
      tx.queryMany([
        `SELECT ${sqlLiteral(hostile)} AS text, (${sqlJson({ hostile })})->>'hostile' AS json,
                ${sqlLiteral(null)} IS NULL AS "isNull"`,
      ]),
    );
    expect(rows).toEqual([{ text: hostile, json: hostile, isNull: true }]);
  });

  const ECHO = preparedSql(
    'sql_tenant_test_echo',
    ['text', 'json'],
    (text, json) =>
      `SELECT ${text} AS text, ${json}->>'n' AS n, current_setting('app.organization_id', true) AS org`,
  );

  it('prepares a statement once per connection and executes it with literal arguments', async () => {
    const run = (n: number) =>
      withTenantSql(pool, 'org_p', (tx) =>
        tx.queryMany([executeSql(ECHO, [sqlLiteral(`it's ${n}`), sqlJson({ n })]), CURRENT_ORG]),
      );
    // every connection of the pool, in turn and at once: each prepares it on first use only
    const { texts } = await sentMessages(async () => {
      for (let round = 0; round < 3; round++) {
        const results = await Promise.all([run(1), run(2)]);
        expect(results).toEqual([
          [[{ text: "it's 1", n: '1', org: 'org_p' }], [{ org: 'org_p' }]],
          [[{ text: "it's 2", n: '2', org: 'org_p' }], [{ org: 'org_p' }]],
        ]);
      }
    });
    const prepares = texts.filter((text) => text.includes('PREPARE sql_tenant_test_echo'));
    expect(prepares.length).toBe(pool.totalCount);
    expect(texts.filter((text) => text.includes('EXECUTE sql_tenant_test_echo('))).toHaveLength(6);
  });

  it('runs a prepared statement left for the commit', async () => {
    const INSERT = preparedSql(
      'sql_tenant_test_insert',
      ['text'],
      (id) =>
        `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (${id}, ${id}, 'x', now())`,
    );
    await withTenantSql(pool, 'org_a', async (tx) => {
      tx.writeAtCommit(executeSql(INSERT, [sqlLiteral('p1')]));
    });
    expect(await database.db.organization.count({ where: { id: 'p1' } })).toBe(1);
  });

  it('closes a connection whose message with a PREPARE failed, and prepares again on the next', async () => {
    const FAILING = preparedSql('sql_tenant_test_failing', ['int'], (n) => `SELECT 1 / ${n} AS q`);
    let removed = 0;
    const onRemove = () => removed++;
    pool.on('remove', onRemove);
    try {
      await expect(
        withTenantSql(pool, 'org_a', (tx) => tx.queryMany([executeSql(FAILING, ['0'])])),
      ).rejects.toThrow(/division by zero/);
      // the pool removes it once it has ended
      await vi.waitFor(() => expect(removed).toBe(1));
    } finally {
      pool.removeListener('remove', onRemove);
    }
    const [rows] = await withTenantSql(pool, 'org_a', (tx) =>
      tx.queryMany([executeSql(FAILING, ['2']), executeSql(FAILING, ['1'])]),
    );
    expect(rows).toEqual([{ q: 0 }]);
  });

  it('refuses a prepared statement name that is not a plain SQL name', () => {
    expect(() => preparedSql('x; DROP TABLE y', [], () => 'SELECT 1')).toThrow(/plain SQL name/);
    expect(() => executeSql(ECHO, ['1'])).toThrow(/takes 2 arguments/);
  });

  it('goes on inline, running the transaction again, once a pooler has lost a connection’s statements', async () => {
    const ownPool = createSqlPool(database.url, { maxConnections: 1 });
    const calls: string[] = [];
    const run = (n: number) =>
      withTenantSql(ownPool, 'org_i', async (tx) => {
        calls.push(`run ${n}`);
        return tx.queryMany([executeSql(ECHO, [sqlLiteral('x'), sqlJson({ n })])]);
      });
    try {
      expect(await run(1)).toEqual([[{ text: 'x', n: '1', org: 'org_i' }]]);
      // What a pooler in transaction mode does: the next transaction gets a server connection
      // that never prepared the statement.
      await ownPool.query('DEALLOCATE ALL');
      calls.length = 0;
      const { texts } = await sentMessages(async () => {
        expect(await run(2)).toEqual([[{ text: 'x', n: '2', org: 'org_i' }]]);
        expect(await run(3)).toEqual([[{ text: 'x', n: '3', org: 'org_i' }]]);
      }, ownPool);
      expect(calls).toEqual(['run 2', 'run 2', 'run 3']);
      // the failed EXECUTE, then inline from the retry on: no PREPARE, no EXECUTE
      expect(texts.filter((text) => text.includes('EXECUTE'))).toHaveLength(1);
      expect(texts.some((text) => text.includes('PREPARE'))).toBe(false);
    } finally {
      await ownPool.end();
    }
  });

  it('goes on inline when a connection already holds a statement it was to prepare', async () => {
    const ownPool = createSqlPool(database.url, { maxConnections: 1 });
    try {
      // a server connection that another client of a pooler prepared it on
      await ownPool.query(`PREPARE sql_tenant_test_echo(text, json) AS SELECT 'other' AS text`);
      const rows = await withTenantSql(ownPool, 'org_i', (tx) =>
        tx.queryMany([executeSql(ECHO, [sqlLiteral('x'), sqlJson({ n: 4 })])]),
      );
      expect(rows).toEqual([[{ text: 'x', n: '4', org: 'org_i' }]]);
    } finally {
      await ownPool.end();
    }
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
