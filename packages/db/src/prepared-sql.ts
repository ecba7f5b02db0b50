// Statements PostgreSQL plans once per connection rather than on every use, for `withTenantSql`.
// Planning the charge's statements cost more than running them (0.09 to 0.3 ms each, by
// pg_stat_statements), and a statement sent as text in a multi-statement message is planned
// every time; the protocol's own prepared statements cannot share a message with others, which
// would cost a round trip each. So the first message a connection sends with a statement starts
// with an SQL `PREPARE`, and each use is an `EXECUTE` with literal arguments, which travels in a
// message like any other statement.
//
// A pooler in transaction mode (PgBouncer's, as the deployment guide suggests when scaling out)
// hands each transaction whichever server connection is free, so what one transaction prepared
// is missing in the next, or prepared twice. The first such error switches the pool to sending
// its statements inline, as text with the arguments in place (`withTenantSql` then runs the
// transaction again).
import type pg from 'pg';

export interface PreparedSql {
  /** unique in the process */
  readonly name: string;
  readonly parameterTypes: readonly string[];
  /** the statement, given an SQL expression for each parameter ($1... or typed literals) */
  readonly text: (...parameters: string[]) => string;
}

export function preparedSql(
  name: string,
  parameterTypes: string[],
  text: (...parameters: string[]) => string,
): PreparedSql {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`'${name}' is not a plain SQL name`);
  return { name, parameterTypes, text };
}

/** One use of a prepared statement; its arguments are SQL literals (`sqlLiteral`, `sqlJson`). */
export interface PreparedUse {
  statement: PreparedSql;
  args: string[];
}

export function executeSql(statement: PreparedSql, args: string[]): PreparedUse {
  if (args.length !== statement.parameterTypes.length) {
    throw new Error(`'${statement.name}' takes ${statement.parameterTypes.length} arguments`);
  }
  return { statement, args };
}

/** What a message may hold: SQL text, or a use of a prepared statement. */
export type SqlStatement = string | PreparedUse;

/** The prepared statements each pooled connection holds. */
const preparedOn = new WeakMap<pg.PoolClient, Set<PreparedSql>>();
/** pools whose connections do not keep prepared statements from one transaction to the next */
const inlinePools = new WeakSet<pg.Pool>();

export interface StatementMessage {
  text: string;
  /** the results of this many PREPAREs lead the message's results */
  prepares: number;
  /** records the PREPAREs as done, once the message has succeeded */
  succeeded(): void;
}

/** The text of one message sending `statements` on `client`, a connection of `pool`. */
export function statementMessage(
  pool: pg.Pool,
  client: pg.PoolClient,
  statements: readonly SqlStatement[],
): StatementMessage {
  const inline = inlinePools.has(pool);
  let prepared = preparedOn.get(client);
  if (!prepared) preparedOn.set(client, (prepared = new Set()));
  const missing = new Set<PreparedSql>();
  const texts = statements.map((statement) => {
    if (typeof statement === 'string') return statement;
    const { statement: sql, args } = statement;
    if (inline) return sql.text(...args.map((arg, i) => `(${arg})::${sql.parameterTypes[i]}`));
    if (!prepared.has(sql)) missing.add(sql);
    return `EXECUTE ${sql.name}(${args.join(', ')})`;
  });
  const prepares = [...missing].map(
    (sql) =>
      `PREPARE ${sql.name}(${sql.parameterTypes.join(', ')}) AS ${sql.text(...sql.parameterTypes.map((_, i) => `$${i + 1}`))}`,
  );
  return {
    text: [...prepares, ...texts].join(';\n'),
    prepares: prepares.length,
    succeeded: () => missing.forEach((sql) => prepared.add(sql)),
  };
}

/**
 * True when `error` says the connection did not hold the prepared statements it was thought to
 * (missing, 26000, or already there, 42P05): a pooler moved the transaction to another server
 * connection. From then on the pool's statements go inline; the caller may run the failed
 * transaction again.
 */
export function sendInlineAfter(pool: pg.Pool, error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (inlinePools.has(pool) || (code !== '26000' && code !== '42P05')) return false;
  inlinePools.add(pool);
  return true;
}
