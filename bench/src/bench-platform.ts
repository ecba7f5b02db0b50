// A private platform for the benchmark: embedded PostgreSQL in a temp dir, the demo zoo, a key
// with ample credit, and runner, api and naive server as child processes on free ports.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import {
  createDb,
  ensureDatabase,
  freePort,
  generateApiKey,
  migrateDeploy,
  repoRoot,
  seedBaseData,
  startEmbeddedPostgres,
} from '@modelhub/db';
import { SERVER_NODE_FLAGS, ServiceProcess, waitForHttp } from '@modelhub/launcher';
import { seedDemoModels } from '@modelhub/models';

/** A server process of the benchmark. */
export interface BenchService {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface BenchPlatform {
  databaseUrl: string;
  dataDir: string;
  apiKey: string;
  /** the PostgreSQL server's main process (its backends are its children) */
  postgresPid: number;
  start(
    name: 'runner' | 'api',
    extraEnv?: NodeJS.ProcessEnv,
    nodeArgs?: string[],
  ): Promise<BenchService>;
  startNaive(modelFile: string): Promise<BenchService>;
  close(): Promise<void>;
}

export async function startBenchPlatform(): Promise<BenchPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'modelhub-bench-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'postgres'),
    port: await freePort(),
    persistent: false,
  });
  await ensureDatabase(pg.adminUrl, 'modelhub');
  const databaseUrl = pg.databaseUrl('modelhub');
  await migrateDeploy(databaseUrl);
  const db = createDb(databaseUrl);
  const seed = await seedBaseData(db);
  await seedDemoModels(db, new LocalArtifactStore(path.join(dataDir, 'artifacts')));
  const credentials = generateApiKey();
  await db.apiKey.create({
    data: {
      organizationId: seed.demoOrganizationId,
      name: 'bench',
      prefix: credentials.prefix,
      secretHash: credentials.secretHash,
      scopes: ['PREDICT', 'READ'],
      // Counted like any key (one rate-limit update per request), but never the bottleneck.
      rateLimitPerMinute: 10_000_000,
    },
  });
  await db.ledgerEntry.create({
    data: {
      organizationId: seed.demoOrganizationId,
      kind: 'ADJUSTMENT',
      amountMicros: 10n ** 15n,
      description: 'benchmark credit',
    },
  });
  await db.$disconnect();

  const children: ServiceProcess[] = [];
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MODELHUB_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  const spawnService = (name: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const child = new ServiceProcess({
      name,
      command: process.execPath,
      args,
      cwd: repoRoot,
      env: { ...env, ...extraEnv },
    });
    children.push(child);
    return child;
  };
  return {
    databaseUrl,
    dataDir,
    apiKey: credentials.key,
    // postmaster.pid's first line
    postgresPid: Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    ),
    async start(name, extraEnv = {}, nodeArgs = []) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const portEnv =
        name === 'runner'
          ? { RUNNER_PORT: String(port), RUNNER_PUBLIC_URL: url }
          : { API_PORT: String(port) };
      const child = spawnService(
        name,
        [
          ...SERVER_NODE_FLAGS,
          ...nodeArgs,
          '--import',
          'tsx',
          path.join(repoRoot, 'apps', name, 'src', 'main.ts'),
        ],
        { ...portEnv, ...extraEnv },
      );
      await waitForHttp(
        name === 'runner' ? `${url}/v2/health/ready` : `${url}/readyz`,
        60_000,
        child.exited,
      );
      return { url, pid: child.pid!, stop: () => child.stop() };
    },
    async startNaive(modelFile) {
      const port = await freePort();
      const child = spawnService('naive', [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'naive-server.ts'),
        modelFile,
        String(port),
      ]);
      const url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}/`, 30_000, child.exited).catch(() => {});
      return { url, pid: child.pid!, stop: () => child.stop() };
    },
    async close() {
      for (const child of children.reverse()) await child.stop();
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
