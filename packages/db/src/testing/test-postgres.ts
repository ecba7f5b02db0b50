import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { appRoleUrl } from '../app-role.ts';
import { createDb, type Db } from '../client.ts';

export const TEMPLATE_DATABASE = 'modelhub_test_template';

export interface TestPostgres {
  adminUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    modelhubTestPostgres: TestPostgres;
  }
}

export interface TestDatabase {
  /** the owner role (bypasses row-level security): set-up and assertions */
  url: string;
  /** the api's role, subject to row-level security */
  appUrl: string;
  /** a client on `url` */
  db: Db;
  /** disconnects and drops the database */
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl } = inject('modelhubTestPostgres');
  const name = `modelhub_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createDb(url, { maxConnections: 20 });
  return {
    url,
    appUrl: appRoleUrl(url),
    db,
    async drop() {
      await db.$disconnect();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
