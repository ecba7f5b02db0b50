import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBillingFixture,
  createOrganization,
  createPublishedVersion,
  recordAsApi,
  succeeded,
  type BillingFixture,
} from '../test/billing-fixture.ts';
import { isBillingError } from './billing-error.ts';
import { generateEarningsStatements, platformFee } from './publisher-earnings.ts';

let f: BillingFixture;

beforeAll(async () => {
  f = await createBillingFixture();
});
afterAll(async () => {
  await f.close();
});

const month = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

describe('generateEarningsStatements', () => {
  it('sums each publisher’s usage of the month, takes the fee rounded down, and is idempotent', async () => {
    const alpha = await createOrganization(f.db);
    const beta = await createOrganization(f.db);
    const idle = await createOrganization(f.db);
    const a1 = await createPublishedVersion(f.db, alpha.id, { amountMicros: 333n });
    const a2 = await createPublishedVersion(f.db, alpha.id, {
      unit: 'PER_1K_ITEMS',
      amountMicros: 1_001n,
    });
    const b1 = await createPublishedVersion(f.db, beta.id, { amountMicros: 7n });
    const consumer = await createOrganization(f.db, { billingMode: 'POSTPAID' });
    for (let i = 0; i < 3; i++) await recordAsApi(f.appDb, succeeded(a1, consumer.id));
    await recordAsApi(f.appDb, succeeded(a2, consumer.id, { metered: { items: 3, computeMs: 1 } })); // 3 x 1001 / 1000 = 3.003 -> 4
    for (let i = 0; i < 5; i++) await recordAsApi(f.appDb, succeeded(b1, consumer.id));
    // Last month's usage belongs to last month's statement.
    const lastMonthUse = await recordAsApi(f.appDb, succeeded(b1, consumer.id));
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 28));
    await f.db.usageEvent.update({
      where: { id: lastMonthUse.usageEventId },
      data: { createdAt: lastMonth },
    });

    const statements = await generateEarningsStatements(f.db, {
      month: month(now),
      platformFeeBps: 1_250,
    });
    const byOrg = new Map(statements.map((s) => [s.organizationId, s]));
    expect(byOrg.has(idle.id)).toBe(false);
    // alpha: 3 x 333 + 4 = 1003; fee 1003 x 0.125 = 125.375 -> 125
    expect(byOrg.get(alpha.id)).toMatchObject({
      grossMicros: 1_003n,
      feeMicros: 125n,
      netMicros: 878n,
      status: 'OPEN',
      periodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    });
    // beta: 5 x 7 = 35; fee 4.375 -> 4
    expect(byOrg.get(beta.id)).toMatchObject({ grossMicros: 35n, feeMicros: 4n, netMicros: 31n });
    const gross = await f.db.usageEvent.aggregate({
      where: { publisherOrganizationId: alpha.id, createdAt: { gte: statements[0]!.periodStart } },
      _sum: { amountMicros: true },
    });
    expect(gross._sum.amountMicros).toBe(1_003n);

    const again = await generateEarningsStatements(f.db, {
      month: month(now),
      platformFeeBps: 1_250,
    });
    expect(again.map((s) => [s.id, s.grossMicros, s.feeMicros])).toEqual(
      statements.map((s) => [s.id, s.grossMicros, s.feeMicros]),
    );

    const previous = await generateEarningsStatements(f.db, {
      month: month(lastMonth),
      platformFeeBps: 1_250,
    });
    expect(previous.map((s) => [s.organizationId, s.grossMicros])).toEqual([[beta.id, 7n]]);
  });

  it('updates open statements with later usage but never final ones', async () => {
    const publisher = await createOrganization(f.db);
    const v = await createPublishedVersion(f.db, publisher.id, { amountMicros: 100n });
    const consumer = await createOrganization(f.db, { billingMode: 'POSTPAID' });
    await recordAsApi(f.appDb, succeeded(v, consumer.id));
    const m = month(new Date());
    const mine = async () =>
      (await generateEarningsStatements(f.db, { month: m, platformFeeBps: 2_000 })).find(
        (s) => s.organizationId === publisher.id,
      )!;
    expect((await mine()).grossMicros).toBe(100n);
    await recordAsApi(f.appDb, succeeded(v, consumer.id));
    const open = await mine();
    expect(open).toMatchObject({ grossMicros: 200n, feeMicros: 40n, netMicros: 160n });
    await f.db.earningsStatement.update({ where: { id: open.id }, data: { status: 'FINAL' } });
    await recordAsApi(f.appDb, succeeded(v, consumer.id));
    expect(await mine()).toMatchObject({ id: open.id, grossMicros: 200n, status: 'FINAL' });
  });

  it('rounds the fee down exactly, far beyond float precision', () => {
    expect(platformFee(9_007_199_254_740_993n, 3_333)).toBe(3_002_099_511_605_172n);
    expect(platformFee(1n, 9_999)).toBe(0n);
    expect(platformFee(10_000n, 10_000)).toBe(10_000n);
  });

  it('refuses malformed months, future months and fees outside 0..10000 bps', async () => {
    const before = await f.db.earningsStatement.count();
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 2, 1);
    for (const input of [
      { month: '2026-13', platformFeeBps: 100 },
      { month: '26-01', platformFeeBps: 100 },
      { month: month(next), platformFeeBps: 100 },
      { month: '2026-01', platformFeeBps: 10_001 },
      { month: '2026-01', platformFeeBps: 12.5 },
      { month: '2026-01', platformFeeBps: -1 },
    ]) {
      const error = await generateEarningsStatements(f.db, input).catch((e: unknown) => e);
      expect(isBillingError(error, 'INVALID_INPUT'), JSON.stringify(input)).toBe(true);
    }
    expect(await f.db.earningsStatement.count()).toBe(before);
  });
});
