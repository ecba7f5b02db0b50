// One call that gives a process a migrated database: the configured DATABASE_URL, or an
// embedded PostgreSQL cluster under the data folder when none is configured. It also answers
// the URL the api uses, as the app role that row-level security applies to.
import path from 'node:path';
import { appRoleUrl, enableAppRoleLogin } from './app-role.ts';
import { createDb, type Db } from './client.ts';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres.ts';
import { readDbEnv, type DbEnv } from './env.ts';
import { migrateDeploy } from './migrate.ts';

export const EMBEDDED_DATABASE_NAME = 'modelhub';

export interface Database {
  /** the owner role: migrations, seed, runners and platform jobs (bypasses row-level security) */
  url: string;
  /** the api's role, without BYPASSRLS: `APP_DATABASE_URL`, else the owner URL as the app role */
  appUrl: string;
  /** true when this process started the embedded server (and stops it on close) */
  embedded: boolean;
  db: Db;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  env?: DbEnv;
  migrate?: boolean;
  /** for the embedded server: StartEmbeddedPostgresOptions.detached */
  detached?: boolean;
  onLog?: (line: string) => void;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const env = options.env ?? readDbEnv();
  let url = env.DATABASE_URL;
  let stopServer: (() => Promise<void>) | undefined;
  if (!url) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(env.MODELHUB_DATA_DIR, 'postgres'),
      port: env.EMBEDDED_PG_PORT,
      detached: options.detached ?? false,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    stopServer = () => server.stop();
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
    url = server.databaseUrl(EMBEDDED_DATABASE_NAME);
  }
  if (options.migrate ?? true) await migrateDeploy(url);
  let appUrl = env.APP_DATABASE_URL;
  if (!appUrl) {
    await enableAppRoleLogin(url, env.APP_DATABASE_PASSWORD);
    appUrl = appRoleUrl(url, env.APP_DATABASE_PASSWORD);
  }
  const db = createDb(url);
  return {
    url,
    appUrl,
    embedded: Boolean(stopServer),
    db,
    async close() {
      await db.$disconnect();
      await stopServer?.();
    },
  };
}
