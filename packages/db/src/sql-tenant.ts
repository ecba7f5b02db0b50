// Tenant transactions on plain node-postgres, for the hot path where Prisma's CPU per query
// (about 1 ms each through its query compiler) outweighs the SQL itself: the api's grouped
// charges. The contract is withTenant's: the organization is named for row-level security
// before the callback's first query, and the callback's queries commit or roll back together.
import pg from 'pg';
import { sendInlineAfter, statementMessage, type SqlStatement } from './prepared-sql.ts';
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
  /** take the organization's billing lock before the callback's first statement runs
   * (`billingLockSql`) */
  billingLock?: boolean;
}

/**
 * The callback's side of a `withTenantSql` transaction. Round trips are the cost on this path,
 * so besides one parameterized statement at a time (`query`) it can send several statements in
 * one message (`queryMany`) and leave its last writes to travel with the COMMIT
 * (`writeAtCommit`). Statements sent that way take no parameters: values go in as literals
 * (`sqlLiteral`, `sqlJson`), as SQL text or as the arguments of a prepared statement.
 */
export interface SqlTransaction extends SqlClient {
  /** Runs the statements in one round trip, in order; the rows of each. */
  queryMany(statements: readonly SqlStatement[]): Promise<unknown[][]>;
  /**
   * Sends `statement` with the COMMIT, in one message, once the callback has returned. Its
   * errors reject `withTenantSql`; nothing later in the callback sees its rows; and if the
   * callback throws, it is never sent.
   */
  writeAtCommit(statement: SqlStatement): void;
}

/** A string as an SQL literal (NULL for null), for statements sent without parameters. */
export function sqlLiteral(value: string | null): string {
  return value === null ? 'NULL' : pg.escapeLiteral(value);
}

/** A value as a `json` literal: a whole column set in one literal, read with json_to_recordset. */
export function sqlJson(value: unknown): string {
  return `${sqlLiteral(JSON.stringify(value))}::json`;
}

/**
 * Runs `fn` in a transaction on a pooled connection, with the organization named for row-level
 * security and (optionally) its billing lock held. The opening statements travel with the
 * callback's first statements, so a callback that reads with one `queryMany` and writes with
 * `writeAtCommit` costs two round trips in all.
 *
 * `fn` may run a second time, from the start, after its first transaction rolled back because
 * the connection had lost its prepared statements to a pooler (see prepared-sql.ts): it must not
 * act outside the transaction.
 */
export async function withTenantSql<T>(
  pool: SqlPool,
  organizationId: string,
  fn: (tx: SqlTransaction) => Promise<T>,
  options: SqlTenantOptions = {},
): Promise<T> {
  try {
    return await runTenantSql(pool, organizationId, fn, options);
  } catch (error) {
    if (!sendInlineAfter(pool, error)) throw error;
    return runTenantSql(pool, organizationId, fn, options);
  }
}

async function runTenantSql<T>(
  pool: SqlPool,
  organizationId: string,
  fn: (tx: SqlTransaction) => Promise<T>,
  options: SqlTenantOptions,
): Promise<T> {
  const client = await pool.connect();
  // A connection that fails while checked out emits an error that would otherwise end the
  // process; the failure also reaches the query in flight, and the client is then destroyed.
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  // BEGIN, the tenant and the lock are one statement list: a simple-protocol message may hold
  // several statements, the price being that the id travels as an escaped literal. The lock
  // statement ends before the next statement takes its snapshot (READ COMMITTED), so the reads
  // see everything the previous holder of the lock committed.
  const id = sqlLiteral(organizationId);
  const lock = options.billingLock ? `, ${billingLockSql(id)}` : '';
  let opening: string[] | null = [
    'BEGIN',
    `SELECT set_config('app.organization_id', ${id}, true), set_config('app.user_id', '', true)${lock}`,
  ];
  /** the opening statements, the first time a statement is sent, and none after */
  const takeOpening = () => {
    const statements = opening ?? [];
    opening = null;
    return statements;
  };
  const atCommit: SqlStatement[] = [];
  /** every statement in one message (after the PREPAREs the connection lacks); the rows of each */
  const send = async (statements: SqlStatement[]): Promise<unknown[][]> => {
    const message = statementMessage(pool, client, statements);
    let results;
    try {
      results = (await client.query(message.text)) as unknown as pg.QueryResult | pg.QueryResult[];
    } catch (error) {
      // Which of the PREPAREs took effect is unknown: the connection is closed, not reused.
      if (message.prepares > 0) broken ??= error as Error;
      throw error;
    }
    message.succeeded();
    const all = Array.isArray(results) ? results : [results];
    return all.slice(message.prepares).map((result) => result.rows as unknown[]);
  };
  const tx: SqlTransaction = {
    async query(text, values) {
      const openingStatements = takeOpening();
      if (openingStatements.length > 0) await send(openingStatements);
      return client.query(text, values);
    },
    async queryMany(statements) {
      const openingStatements = takeOpening();
      const rows = await send([...openingStatements, ...statements]);
      return rows.slice(openingStatements.length);
    },
    writeAtCommit(statement) {
      atCommit.push(statement);
    },
  };
  try {
    const result = await fn(tx);
    // A callback that sent nothing opened no transaction; its writes open one now.
    if (opening === null || atCommit.length > 0) {
      await send([...takeOpening(), ...atCommit, 'COMMIT']);
    }
    return result;
  } catch (error) {
    if (opening === null) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    }
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
