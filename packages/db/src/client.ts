import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;

export interface CreateDbOptions {
  /** pool size; the default suits one api or runner process */
  maxConnections?: number;
}

/** A Prisma client on the Rust-free engine, talking to PostgreSQL through node-postgres. */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: url, max: options.maxConnections ?? 10 });
  // The waits withTenant gives its transactions, for the batch transactions of tenantReadClient
  // too: with Prisma's defaults (2 s for a connection) a benchmark run saw P2028 refusals while
  // the api parsed 64 concurrent requests of tens of thousands of JSON numbers, and those batch
  // transactions (the hot path's cached lookups) were the only ones left to the 2 s default.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 10_000 } });
}
