// `npm start`: the whole platform on one machine. Embedded PostgreSQL (unless DATABASE_URL is
// set), migrations, seed, then runner, api and portal as child processes. Ctrl-C (or SIGTERM)
// stops the services in reverse order and then the database.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadOrCreateAuthSecret } from './auth-secret.ts';
import { openDatabase, readDbEnv, repoRoot, type Database } from '@modelhub/db';
import { readLauncherEnv } from './env.ts';
import { seedPlatform } from './seed-platform.ts';
import { SERVER_NODE_FLAGS } from './server-node-flags.ts';
import { ServiceProcess, type ServiceSpec } from './service-process.ts';
import { assertPortFree, waitForHttp } from './wait-for.ts';

const say = (line: string) => process.stdout.write(`[modelhub] ${line}\n`);

export async function launchPlatform(): Promise<void> {
  const env = readLauncherEnv();
  const dbEnv = readDbEnv();
  const webDir = path.join(repoRoot, 'apps', 'web');
  if (!existsSync(path.join(webDir, '.next', 'BUILD_ID'))) {
    throw new Error(
      'the portal is not built; run `npm start` from the repository root (it builds first) or `npm run build -w @modelhub/web`',
    );
  }
  await assertPortFree(env.API_PORT, 'API_PORT');
  await assertPortFree(env.WEB_PORT, 'WEB_PORT');
  await assertPortFree(env.RUNNER_PORT, 'RUNNER_PORT');

  say(
    dbEnv.DATABASE_URL
      ? 'using DATABASE_URL'
      : `starting embedded PostgreSQL (data in ${dbEnv.MODELHUB_DATA_DIR})`,
  );
  // Detached: Ctrl-C in the terminal reaches the launcher and its services, not the database,
  // which the shutdown below stops after them, so they drain against a live one.
  const database: Database = await openDatabase({ env: dbEnv, detached: true });
  say('migrations applied; seeding demo data and models');
  const seeded = await seedPlatform(database.db);
  await database.db.$disconnect();

  const services: ServiceProcess[] = [];
  let shuttingDown: Promise<void> | null = null;
  const shutdown = (reason: string, code: number) => {
    shuttingDown ??= (async () => {
      say(`stopping (${reason})`);
      for (const service of [...services].reverse()) await service.stop();
      await database.close();
      say('stopped');
      process.exit(code);
    })();
    return shuttingDown;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal, 0));

  const authSecret = await loadOrCreateAuthSecret(dbEnv.MODELHUB_DATA_DIR);
  // Runners and platform jobs use the owner role; the api the app role under row-level security.
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    MODELHUB_DATA_DIR: dbEnv.MODELHUB_DATA_DIR,
    LOG_LEVEL: env.LOG_LEVEL,
  };
  const start = (spec: ServiceSpec) => {
    const service = new ServiceProcess(spec);
    services.push(service);
    void service.exited.then((code) => {
      if (!service.isStopping && !shuttingDown)
        void shutdown(`${spec.name} exited with ${code}`, 1);
    });
    return service;
  };
  const tsx = ['--import', 'tsx'];
  const runnerUrl = `http://127.0.0.1:${env.RUNNER_PORT}`;
  const apiUrl = `http://127.0.0.1:${env.API_PORT}`;
  const webUrl = `http://127.0.0.1:${env.WEB_PORT}`;
  try {
    const runner = start({
      name: 'runner',
      command: process.execPath,
      args: [...SERVER_NODE_FLAGS, ...tsx, path.join(repoRoot, 'apps', 'runner', 'src', 'main.ts')],
      cwd: path.join(repoRoot, 'apps', 'runner'),
      env: { ...childEnv, RUNNER_PORT: String(env.RUNNER_PORT), RUNNER_PUBLIC_URL: runnerUrl },
    });
    await waitForHttp(`${runnerUrl}/v2/health/ready`, 60_000, runner.exited);
    // Background jobs (meter reporting to Stripe); it serves nothing, so nothing to wait for.
    start({
      name: 'worker',
      command: process.execPath,
      args: [...tsx, path.join(repoRoot, 'apps', 'worker', 'src', 'main.ts')],
      cwd: path.join(repoRoot, 'apps', 'worker'),
      env: childEnv,
    });
    const api = start({
      name: 'api',
      command: process.execPath,
      args: [...SERVER_NODE_FLAGS, ...tsx, path.join(repoRoot, 'apps', 'api', 'src', 'main.ts')],
      cwd: path.join(repoRoot, 'apps', 'api'),
      env: {
        ...childEnv,
        DATABASE_URL: database.appUrl,
        API_PORT: String(env.API_PORT),
        AUTH_SECRET: authSecret,
        PORTAL_URL: webUrl,
        // One machine for development: webhooks to a receiver on localhost must work.
        API_WEBHOOK_ALLOW_INTERNAL: process.env.API_WEBHOOK_ALLOW_INTERNAL ?? 'true',
      },
    });
    await waitForHttp(`${apiUrl}/readyz`, 60_000, api.exited);
    const nextBin = createRequire(path.join(webDir, 'package.json')).resolve('next/dist/bin/next');
    const web = start({
      name: 'web',
      command: process.execPath,
      args: [nextBin, 'start', '--port', String(env.WEB_PORT), '--hostname', '127.0.0.1'],
      cwd: webDir,
      env: {
        ...childEnv,
        API_URL: apiUrl,
        AUTH_SECRET: authSecret,
        NEXTAUTH_URL: webUrl,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    });
    await waitForHttp(webUrl, 60_000, web.exited);
  } catch (error) {
    await shutdown((error as Error).message, 1);
    return;
  }

  const lines = [
    '',
    'Modelhub is running.',
    `  Portal         ${webUrl}`,
    `  GraphQL API    ${apiUrl}/graphql`,
    `  Runner (v2)    ${runnerUrl}/v2`,
    `  Worker         background jobs (billing: ${process.env.STRIPE_SECRET_KEY ? 'Stripe' : 'ledger-only'})`,
    `  Database       ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}`,
    seeded.newDemoApiKey
      ? `  Demo API key   ${seeded.newDemoApiKey}   (shown once: copy it now)`
      : '  Demo API key   shown at first start only; `npm run demo-key` issues a new one',
    '',
    'Try it:',
    `  curl -s ${apiUrl}/graphql -H 'content-type: application/json' \\`,
    `    -d '{"query":"{ models(first: 10) { edges { node { fullName } } } }"}'`,
    '',
    'Press Ctrl-C to stop everything.',
    '',
  ];
  for (const line of lines) say(line);
}
