// vitest globalSetup: one embedded PostgreSQL per test run, with a migrated template database
// that every test file clones (CREATE DATABASE ... TEMPLATE is a file copy: fast).
// With TEST_DATABASE_URL set (any PostgreSQL >= 14, superuser), that server is used instead.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { enableAppRoleLogin } from '../app-role.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../embedded-postgres.ts';
import { freePort } from '../free-port.ts';
import { migrateDeploy } from '../migrate.ts';
import { TEMPLATE_DATABASE, type TestPostgres } from './test-postgres.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let teardown = async () => {};
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'modelhub-test-pg-'));
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port: await freePort(),
      persistent: false,
    });
    adminUrl = server.adminUrl;
    teardown = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DATABASE);
  await dropDatabase(adminUrl, TEMPLATE_DATABASE);
  await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
  await migrateDeploy(templateUrl);
  await enableAppRoleLogin(adminUrl);
  const provided: TestPostgres = { adminUrl };
  project.provide('modelhubTestPostgres', provided);
  return teardown;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}
