import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyMatches, apiKeyPrefix } from './api-key-credentials.ts';
import { seedBaseData, TRIAL_CREDIT_MICROS } from './seed.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('seedBaseData', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('creates the demo tenants once and shows the demo key only on the first run', async () => {
    const first = await seedBaseData(database.db);
    const second = await seedBaseData(database.db);

    expect(first.newDemoApiKey).toMatch(/^mh_/);
    expect(second.newDemoApiKey).toBeNull();
    expect(second.demoOrganizationId).toBe(first.demoOrganizationId);

    const { db } = database;
    expect(await db.organization.count()).toBe(2);
    expect(await db.membership.count()).toBe(2);
    const keys = await db.apiKey.findMany();
    expect(keys).toHaveLength(1);
    expect(keys[0]!.prefix).toBe(apiKeyPrefix(first.newDemoApiKey!));
    expect(apiKeyMatches(first.newDemoApiKey!, keys[0]!.secretHash)).toBe(true);
    // the secret itself is nowhere in the row
    expect(
      JSON.stringify(keys[0], (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    ).not.toContain(first.newDemoApiKey!.split('_')[2]);

    const balance = await db.ledgerEntry.aggregate({
      where: { organizationId: first.demoOrganizationId },
      _sum: { amountMicros: true },
    });
    expect(balance._sum.amountMicros).toBe(TRIAL_CREDIT_MICROS);
  });
});
