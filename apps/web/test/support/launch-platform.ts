// Starts the whole platform for the browser tests, as `npm start` does (the launcher: embedded
// PostgreSQL, runner, worker, api without SMTP, the built portal), on free ports and a temporary
// data folder. It resolves once the launcher prints its banner and fails with the launcher's
// output otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const WEB_DIR = path.join(import.meta.dirname, '..', '..');
const REPO = path.join(WEB_DIR, '..', '..');
const LAUNCHER_MAIN = path.join(REPO, 'apps', 'launcher', 'src', 'main.ts');
const LAUNCH_TIMEOUT_MS = 150_000;

export interface Platform {
  webUrl: string;
  apiUrl: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function launchPlatform(): Promise<Platform> {
  if (!existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID'))) {
    throw new Error('the portal is not built: run `npm run build -w @modelhub/web` first');
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'modelhub-web-e2e-'));
  const ports = { api: await freePort(), web: await freePort(), runner: await freePort() };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MODELHUB_DATA_DIR: dataDir,
    API_PORT: String(ports.api),
    WEB_PORT: String(ports.web),
    RUNNER_PORT: String(ports.runner),
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // a fresh machine: embedded PostgreSQL, no SMTP (emails go to the dev mailbox)
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'AUTH_SECRET', 'NEXTAUTH_URL', 'PORTAL_URL'])
    delete env[name];

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', LAUNCHER_MAIN], {
    env,
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the platform did not start in ${LAUNCH_TIMEOUT_MS / 1000} s`)),
        LAUNCH_TIMEOUT_MS,
      );
      const poll = setInterval(() => {
        if (output.includes('Press Ctrl-C to stop everything')) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 200);
      void exited.then((code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`the launcher exited with ${code}`));
      });
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; its output:\n${output}`);
  }
  return {
    webUrl: `http://127.0.0.1:${ports.web}`,
    apiUrl: `http://127.0.0.1:${ports.api}`,
    stop,
  };
}
