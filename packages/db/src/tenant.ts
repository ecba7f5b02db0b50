// The one way application code reaches tenant-owned rows: a transaction that carries the
// current organization in `app.organization_id`, which row-level security policies read.
import type { Db } from './client.ts';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface TenantTransactionOptions {
  /** ms; PostgreSQL-side statement budget for the whole callback */
  timeout?: number;
}

export async function withTenant<T>(
  db: Db,
  organizationId: string,
  fn: (tx: Tx) => Promise<T>,
  options: TenantTransactionOptions = {},
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.organization_id', ${organizationId}, true)`;
      return fn(tx);
    },
    { timeout: options.timeout ?? 10_000 },
  );
}
