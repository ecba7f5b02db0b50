import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './env.ts';
import { execPrismaCli } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

const schemaPath = path.join(repoRoot, 'prisma', 'schema.prisma');
const migrationsPath = path.join(repoRoot, 'prisma', 'migrations');

// `migrate diff --exit-code` exits 2 when the schema holds changes no migration has.
async function diffExitCode(url: string, schema: string): Promise<number> {
  const result = await execPrismaCli(url, [
    'migrate',
    'diff',
    '--from-migrations',
    migrationsPath,
    '--to-schema-datamodel',
    schema,
    '--exit-code',
  ]);
  if (result.code === 1) throw new Error(result.output);
  return result.code;
}

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('hold everything schema.prisma declares', async () => {
    expect(await diffExitCode(database.url, schemaPath)).toBe(0);
  });

  it('are reported as out of date when the schema gains a column', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'modelhub-drift-'));
    try {
      const changed = path.join(dir, 'schema.prisma');
      await copyFile(schemaPath, changed);
      const text = await readFile(changed, 'utf8');
      await writeFile(changed, text.replace('model Runner {', 'model Runner {\n  zone String?'));
      expect(await diffExitCode(database.url, changed)).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('are all applied to a test database', async () => {
    const rows = await database.db.$queryRaw<
      { migration_name: string; finished_at: Date | null }[]
    >`
      SELECT migration_name, finished_at FROM _prisma_migrations`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });
});
