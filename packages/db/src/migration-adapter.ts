// The driver adapter that `prisma migrate` runs on. Prisma 6.19's JS schema engine (the only
// engine that works offline) has two defects with @prisma/adapter-pg; both are mended here.
// This adapter is for migrations only; the application client uses a plain PrismaPg.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// pg_catalog columns of the internal types "char" (18) and name (19) cannot be deserialized by
// the adapter; reading them as text (25) is exact for both.
const INTERNAL_TEXT_TYPES = new Set([18, 19]);
const TEXT_OID = 25;

function asText<R>(result: R): R {
  for (const r of Array.isArray(result) ? result : [result]) {
    const fields = (r as pg.QueryResult | undefined)?.fields;
    for (const field of fields ?? []) {
      if (INTERNAL_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

function wrapQuery<T extends { query: (...args: never[]) => unknown }>(target: T): T {
  const original = target.query.bind(target) as (...args: unknown[]) => unknown;
  (target as { query: unknown }).query = (...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(asText) : out;
  };
  return target;
}

class CatalogSafePool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    wrapQuery(this);
    // Transactions take a client from the pool; its queries need the same rewrite.
    this.on('connect', (client) => wrapQuery(client));
  }
}

export function createMigrationAdapter(connectionString: string): PrismaPg {
  return new MigrationPrismaPg(connectionString);
}

type ConnectedAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

// The stock `executeScript` splits a migration on every `;` and sends the pieces one by one,
// which cuts dollar-quoted function bodies (`$$ ... ; ... $$`) apart. PostgreSQL's simple
// query protocol runs a multi-statement script as it is, so the whole script goes in one call.
function runScriptsWhole(adapter: ConnectedAdapter): ConnectedAdapter {
  const internals = adapter as unknown as { client: pg.Pool; onError(error: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

class MigrationPrismaPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(new CatalogSafePool({ connectionString, max: 4 }), { disposeExternalPool: true });
  }

  override async connect(): Promise<ConnectedAdapter> {
    return runScriptsWhole(await super.connect());
  }

  // The stock implementation connects the shadow pool with `{ ...config, database }`, where a
  // connection string overrides `database` (so the "shadow" is the real database), and drops
  // the shadow database before closing its pool (which fails). Here: discrete connection
  // fields, and the pool is closed before the database is dropped.
  override async connectToShadowDb(): ReturnType<PrismaPg['connectToShadowDb']> {
    const url = new URL(this.connectionString);
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    const shadow = new PrismaPg(
      new CatalogSafePool({
        host: decodeURIComponent(url.hostname),
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database,
      }),
      { disposeExternalPool: true },
    );
    const adapter = runScriptsWhole(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ connectionString: this.connectionString });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return adapter;
  }
}
