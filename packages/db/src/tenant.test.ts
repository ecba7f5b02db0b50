import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from './tenant.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('withTenant', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const currentOrg = async (
    run: (sql: TemplateStringsArray) => Promise<{ org: string | null }[]>,
  ) => (await run`SELECT current_setting('app.organization_id', true) AS org`)[0]!.org;

  it('sets the organization for its transaction only', async () => {
    const inside = await withTenant(database.db, 'org_a', (tx) =>
      currentOrg((q) => tx.$queryRaw(q)),
    );
    expect(inside).toBe('org_a');
    const outside = await currentOrg((q) => database.db.$queryRaw(q));
    expect(outside ?? '').toBe('');
  });

  it('rolls back everything when the callback throws', async () => {
    await expect(
      withTenant(database.db, 'org_a', async (tx) => {
        await tx.organization.create({ data: { slug: 'rolled-back', name: 'x' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await database.db.organization.count({ where: { slug: 'rolled-back' } })).toBe(0);
  });
});
