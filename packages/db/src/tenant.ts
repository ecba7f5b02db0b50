// The way application code reaches tenant-owned rows (on Prisma; `withTenantSql` is the same on
// node-postgres): a transaction that carries the current organization in `app.organization_id`,
// which row-level security policies read.
import type { Db } from './client.ts';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface TenantTransactionOptions {
  /** ms the callback may run (default 10 s) */
  timeout?: number;
  /** ms to wait for a pooled connection before giving up with P2028 (default 10 s; Prisma's
   * own 2 s default failed healthy requests under a burst of 64 concurrent predictions) */
  maxWait?: number;
  /** the signed-in user, whose own memberships in other organizations stay visible */
  userId?: string;
}

export async function withTenant<T>(
  db: Db,
  /** null: no organization yet (a signed-in user choosing one); tenant tables then read empty */
  organizationId: string | null,
  fn: (tx: Tx) => Promise<T>,
  options: TenantTransactionOptions = {},
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.organization_id', ${organizationId ?? ''}, true), set_config('app.user_id', ${options.userId ?? ''}, true)`;
      return fn(tx);
    },
    { timeout: options.timeout ?? 10_000, maxWait: options.maxWait ?? 10_000 },
  );
}

/**
 * A client for reads on behalf of one organization (and signed-in user): every query runs in a
 * short transaction that names them first, so row-level security scopes it. Writes that must
 * be atomic use `withTenant` instead (its callback's queries share one transaction).
 */
export function tenantReadClient(
  db: Db,
  organizationId: string | null,
  userId: string | null = null,
): Db {
  if (!organizationId && !userId) return db;
  const extended = db.$extends({
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          const [, result] = await db.$transaction([
            db.$executeRaw`SELECT set_config('app.organization_id', ${organizationId ?? ''}, true), set_config('app.user_id', ${userId ?? ''}, true)`,
            query(args),
          ]);
          return result;
        },
      },
    },
  });
  // The extension only wraps queries; the client's model API is unchanged.
  return extended as unknown as Db;
}
