// `npm start` as a newcomer runs it: the launcher process with embedded PostgreSQL, runner,
// api and portal; a prediction with the printed demo key; Ctrl-C (to the whole process group, as
// a terminal sends it) stopping the services before the database and leaving no process behind;
// and a second start on the same data that keeps it.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@modelhub/db';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const launcherMain = path.join(import.meta.dirname, '..', 'src', 'main.ts');
const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', '..', 'test-results', 'launcher');
// Debian's chromium (`apt-get install chromium`; .ci/run installs it).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Launch {
  child: ChildProcess;
  output: () => string;
}

function launch(env: NodeJS.ProcessEnv): Promise<Launch> {
  // In a process group of its own, as a shell runs a command, so that `interrupt` can signal it
  // the way a terminal's Ctrl-C does.
  const child = spawn(process.execPath, ['--import', 'tsx', launcherMain], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`launcher did not come up:\n${output}`)),
      150_000,
    );
    const poll = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop everything')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${output}`));
    });
  });
}

/** Ctrl-C in a terminal: SIGINT to every process of the foreground process group. */
async function interrupt(l: Launch): Promise<number | null> {
  const exited = new Promise<number | null>((r) => l.child.once('exit', (code) => r(code)));
  process.kill(-l.child.pid!, 'SIGINT');
  return exited;
}

/** What the launcher printed from its shutdown on: the services drained against a live
 * database, which stopped last. */
function expectCleanShutdown(output: string) {
  const shutdown = output.slice(output.indexOf('[modelhub] stopping (SIGINT)'));
  expect(shutdown).toMatch(/^\[modelhub\] stopping \(SIGINT\)/);
  expect(shutdown).not.toContain('terminating connection');
  expect(shutdown.trimEnd()).toMatch(/\[modelhub\] stopped$/);
}

/** Processes whose command line mentions the marker (our temp data dir or ports). */
function processesMentioning(marker: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}

async function portOpen(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

describe('npm start (the launcher)', () => {
  let dataDir: string;
  /** the catalog after the first start, which a restart must keep as it is */
  let catalogSize = 0;
  let env: NodeJS.ProcessEnv;
  let ports: { api: number; web: number; runner: number; pg: number };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'modelhub-launch-'));
    ports = {
      api: await freePort(),
      web: await freePort(),
      runner: await freePort(),
      pg: await freePort(),
    };
    env = {
      ...process.env,
      MODELHUB_DATA_DIR: dataDir,
      API_PORT: String(ports.api),
      WEB_PORT: String(ports.web),
      RUNNER_PORT: String(ports.runner),
      EMBEDDED_PG_PORT: String(ports.pg),
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
  });
  afterAll(async () => {
    for (const line of processesMentioning(dataDir))
      process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts everything, serves a paid prediction with the printed key, and stops cleanly on Ctrl-C', async () => {
    const first = await launch(env);
    const key = /Demo API key\s+(mh_\w+)/.exec(first.output())?.[1];
    expect(key).toBeDefined();
    expect(first.output()).toContain(`http://127.0.0.1:${ports.web}`);

    const gql = async (query: string, variables: object = {}) => {
      const res = await fetch(`http://127.0.0.1:${ports.api}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data: any; errors?: unknown[] };
    };
    const balance = async () =>
      BigInt((await gql('{ viewer { balanceMicros } }')).data.viewer.balanceMicros);
    const before = await balance();
    const data = Array.from({ length: 3 * 48 * 192 }, (_, i) => Math.sin(i / 5));
    const res = await gql(
      'mutation($i: [TensorInput!]!) { predict(model: "modelhub/ppocr-direction-classifier", inputs: $i) { id costMicros outputs { shape data } } }',
      { i: [{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.predict.outputs[0].shape).toEqual([1, 2]);
    catalogSize = (await gql('{ models(first: 1) { totalCount } }')).data.models.totalCount;
    expect(catalogSize).toBeGreaterThanOrEqual(3);
    expect(await balance()).toBe(before - BigInt(res.data.predict.costMicros));

    const client = new pg.Client({
      connectionString: `postgresql://postgres:postgres@127.0.0.1:${ports.pg}/modelhub`,
    });
    await client.connect();
    const usage = await client.query(
      'SELECT u."amountMicros", l."amountMicros" AS debit FROM "UsageEvent" u JOIN "LedgerEntry" l ON l."usageEventId" = u.id WHERE u."predictionId" = $1',
      [res.data.predict.id],
    );
    await client.end();
    expect(usage.rows).toEqual([
      { amountMicros: res.data.predict.costMicros, debit: `-${res.data.predict.costMicros}` },
    ]);

    // A person opening the portal's catalog sees the models the api serves.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${ports.web}/models`);
      await page.getByRole('heading', { name: 'Model catalog' }).waitFor();
      await page.getByRole('link', { name: 'PP-OCR text direction classifier' }).waitFor();
      expect(await page.getByText('modelhub/ppocr-v4-recognition').count()).toBeGreaterThan(0);
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog.png'), fullPage: true });
    } finally {
      await browser.close();
    }

    expect(await interrupt(first)).toBe(0);
    expectCleanShutdown(first.output());
    expect(processesMentioning(dataDir)).toEqual([]);
    for (const port of [ports.api, ports.web, ports.runner])
      expect(await portOpen(port)).toBe(false);
  });

  it('keeps its data across restarts and does not show the demo key again', async () => {
    const second = await launch(env);
    expect(second.output()).not.toMatch(/Demo API key\s+mh_/);
    expect(second.output()).toContain('npm run demo-key');
    const res = await fetch(`http://127.0.0.1:${ports.api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ models(first: 10) { totalCount } }' }),
    });
    expect(((await res.json()) as any).data.models.totalCount).toBe(catalogSize);
    expect(await interrupt(second)).toBe(0);
    expectCleanShutdown(second.output());
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it('refuses a port that is taken, with a message that names the variable', async () => {
    const blocker = createServer().listen(ports.api, '127.0.0.1');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', launcherMain], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise((r) => child.once('exit', r));
      expect(code).toBe(1);
      expect(output).toContain(`port ${ports.api} is already in use; set API_PORT`);
    } finally {
      blocker.close();
    }
  });
});
