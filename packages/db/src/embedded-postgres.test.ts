import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { freePort } from './free-port.ts';

/** Server processes running on `dataDir`. */
function serversOn(dataDir: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((args) => args.includes(dataDir) && args.includes('postgres -D'));
}

describe('the embedded PostgreSQL server', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'modelhub-embedded-pg-'));
    dataDir = path.join(dir, 'data');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates a cluster, serves it, stops, and serves the same data after a restart', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    expect(first.owned).toBe(true);
    const client = new pg.Client({ connectionString: first.adminUrl });
    await client.connect();
    await client.query('CREATE TABLE kept (id int)');
    await client.end();
    await first.stop();
    expect(serversOn(dataDir)).toEqual([]);

    const second = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      const again = new pg.Client({ connectionString: second.adminUrl });
      await again.connect();
      const { rows } = await again.query("SELECT to_regclass('kept') IS NOT NULL AS kept");
      await again.end();
      expect(rows).toEqual([{ kept: true }]);
    } finally {
      await second.stop();
    }
  });

  it('rejects with the server’s own words when it cannot start, leaving no process', async () => {
    await appendFile(path.join(dataDir, 'postgresql.conf'), '\nshared_buffers = lots\n');
    await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(
      /PostgreSQL exited while starting:[\s\S]*shared_buffers/,
    );
    expect(serversOn(dataDir)).toEqual([]);
  });
});
