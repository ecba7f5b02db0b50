// Tenant transactions on plain node-postgres, for the hot path where Prisma's CPU per query
// (about 1 ms each through its query compiler) outweighs the SQL itself: the api's grouped
// charges. The contract is withTenant's: the organization is named for row-level security
// before the callback's first query, and the callback's queries commit or roll back together.
import pg from 'pg';
import type { Tx } from './tenant.ts';

/** What SQL shared by both drivers needs: a pg client is one, and `sqlClientOf` makes a Prisma
 * transaction one. Columns come back as each driver decodes them, so shared SQL selects
 * bigint and numeric columns as text (pg gives strings, Prisma BigInt) and converts in JS. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export function sqlClientOf(tx: Tx): SqlClient {
  return {
    query: async (text, values = []) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
}

/**
 * The SQL expression that takes the advisory lock serializing one organization's billing
 * decisions until the transaction ends; `organizationIdParam` is the placeholder holding the
 * organization id (`'$1'`), or an escaped literal. Every charge and credit adjustment takes this same lock.
 */
export function billingLockSql(organizationIdParam: string): string {
  // A hash collision only makes two organizations wait for each other; it never mixes them up.
  return `pg_advisory_xact_lock(hashtextextended('modelhub.billing:' || ${organizationIdParam}, 0))`;
}

/** pg's pool, named here for packages that reach node-postgres only through this module */
export type SqlPool = pg.Pool;

export interface CreateSqlPoolOptions {
  /** default 4 */
  maxConnections?: number;
  /** ms to wait for a pooled connection, and for any one statement, a lock wait included
   * (default 10 s) */
  timeoutMs?: number;
}

export function createSqlPool(url: string, options: CreateSqlPoolOptions = {}): SqlPool {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
  });
  // An idle connection that breaks has already been dropped by the pool, and the next checkout
  // opens a new one; unheard, the error event would end the process.
  pool.on('error', () => {});
  return pool;
}

export interface SqlTenantOptions {
  /** take the organization's billing lock before the callback runs (`billingLockSql`) */
  billingLock?: boolean;
}

export async function withTenantSql<T>(
  pool: SqlPool,
  organizationId: string,
  fn: (client: SqlClient) => Promise<T>,
  options: SqlTenantOptions = {},
): Promise<T> {
  const client = await pool.connect();
  // A connection that fails while checked out emits an error that would otherwise end the
  // process; the failure also reaches the query in flight, and the client is then destroyed.
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    // One round trip opens the transaction, names the tenant and waits for the organization's
    // billing turn: a simple-protocol message may hold several statements, the price being
    // that the id travels as an escaped literal instead of a parameter. The lock statement
    // ends before the callback's first read takes its snapshot (READ COMMITTED), so the reads
    // see everything the previous holder of the lock committed.
    const id = client.escapeLiteral(organizationId);
    const lock = options.billingLock ? `, ${billingLockSql(id)}` : '';
    await client.query(
      `BEGIN; SELECT set_config('app.organization_id', ${id}, true), set_config('app.user_id', '', true)${lock}`,
    );
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
