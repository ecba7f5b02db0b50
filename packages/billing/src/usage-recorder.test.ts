import { withTenant } from '@modelhub/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKey,
  createBillingFixture,
  createOrganization,
  createPublishedVersion,
  recordAsApi,
  succeeded,
  type BillingFixture,
  type PublishedVersion,
} from '../test/billing-fixture.ts';
import { isBillingError } from './billing-error.ts';
import { balanceOf, recordSucceededPrediction } from './usage-recorder.ts';

let f: BillingFixture;
let publisher: { id: string };
let perCall: PublishedVersion;
const PRICE = 1_000n;

beforeAll(async () => {
  f = await createBillingFixture();
  publisher = await createOrganization(f.db);
  perCall = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
});
afterAll(async () => {
  await f.close();
});

async function settle<T>(calls: (() => Promise<T>)[]) {
  const results = await Promise.allSettled(calls.map((call) => call()));
  const ok = results.filter((r) => r.status === 'fulfilled');
  const codes = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => (isBillingError(r.reason) ? r.reason.code : String(r.reason)));
  return { ok: ok.length, codes };
}

async function rowsOf(organizationId: string) {
  return {
    predictions: await f.db.prediction.count({ where: { organizationId } }),
    usage: await f.db.usageEvent.count({ where: { organizationId } }),
    debits: await f.db.ledgerEntry.count({ where: { organizationId, kind: 'USAGE' } }),
    balance: await balanceOf(f.db, organizationId),
  };
}

describe('recordSucceededPrediction: exact charging under concurrency', () => {
  it('charges exactly the calls a prepaid balance covers, and never goes negative', async () => {
    const consumer = await createOrganization(f.db, { creditMicros: 50n * PRICE });
    const calls = Array.from(
      { length: 200 },
      () => () => recordAsApi(f.appDb, succeeded(perCall, consumer.id)),
    );
    const { ok, codes } = await settle(calls);
    expect(ok).toBe(50);
    expect(codes).toHaveLength(150);
    expect(new Set(codes)).toEqual(new Set(['PAYMENT_REQUIRED']));
    expect(await rowsOf(consumer.id)).toEqual({
      predictions: 50,
      usage: 50,
      debits: 50,
      balance: 0n,
    });
  });

  it('refuses with details and writes nothing when the balance is short', async () => {
    const consumer = await createOrganization(f.db, { creditMicros: PRICE - 1n });
    const error = await recordAsApi(f.appDb, succeeded(perCall, consumer.id)).catch(
      (e: unknown) => e,
    );
    expect(isBillingError(error, 'PAYMENT_REQUIRED')).toBe(true);
    expect((error as { details: unknown }).details).toEqual({
      balanceMicros: String(PRICE - 1n),
      chargeMicros: String(PRICE),
    });
    expect(await rowsOf(consumer.id)).toEqual({
      predictions: 0,
      usage: 0,
      debits: 0,
      balance: PRICE - 1n,
    });
  });

  it("rolls back the caller's own writes in the same transaction", async () => {
    const consumer = await createOrganization(f.db);
    const error = await withTenant(f.appDb, consumer.id, async (tx) => {
      await tx.auditLog.create({ data: { organizationId: consumer.id, action: 'test.before' } });
      return recordSucceededPrediction(tx, succeeded(perCall, consumer.id));
    }).catch((e: unknown) => e);
    expect(isBillingError(error, 'PAYMENT_REQUIRED')).toBe(true);
    expect(await f.db.auditLog.count({ where: { organizationId: consumer.id } })).toBe(0);
  });

  it('lets postpaid organizations run into debt, each call debited once', async () => {
    const consumer = await createOrganization(f.db, { billingMode: 'POSTPAID' });
    const { ok } = await settle(
      Array.from({ length: 20 }, () => () => recordAsApi(f.appDb, succeeded(perCall, consumer.id))),
    );
    expect(ok).toBe(20);
    expect((await rowsOf(consumer.id)).balance).toBe(-20n * PRICE);
  });

  it("enforces the organization's monthly spend limit exactly under concurrency", async () => {
    const consumer = await createOrganization(f.db, {
      billingMode: 'POSTPAID',
      monthlySpendLimitMicros: 30n * PRICE,
    });
    const { ok, codes } = await settle(
      Array.from(
        { length: 100 },
        () => () => recordAsApi(f.appDb, succeeded(perCall, consumer.id)),
      ),
    );
    expect(ok).toBe(30);
    expect(codes.filter((c) => c === 'SPEND_LIMIT_EXCEEDED')).toHaveLength(70);
    expect(await rowsOf(consumer.id)).toMatchObject({ usage: 30, balance: -30n * PRICE });
  });

  it("enforces an API key's monthly spend limit without limiting the organization's other keys", async () => {
    const consumer = await createOrganization(f.db, { creditMicros: 1_000n * PRICE });
    const limited = await createApiKey(f.db, consumer.id, 10n * PRICE + PRICE / 2n);
    const unlimited = await createApiKey(f.db, consumer.id);
    const limitedCalls = Array.from(
      { length: 40 },
      () => () => recordAsApi(f.appDb, succeeded(perCall, consumer.id, { apiKeyId: limited })),
    );
    const otherCalls = Array.from(
      { length: 15 },
      () => () => recordAsApi(f.appDb, succeeded(perCall, consumer.id, { apiKeyId: unlimited })),
    );
    const [limitedResult, otherResult] = await Promise.all([
      settle(limitedCalls),
      settle(otherCalls),
    ]);
    expect(limitedResult.ok).toBe(10);
    expect(new Set(limitedResult.codes)).toEqual(new Set(['SPEND_LIMIT_EXCEEDED']));
    expect(otherResult.ok).toBe(15);
    expect(await f.db.usageEvent.count({ where: { apiKeyId: limited } })).toBe(10);
    const error = await recordAsApi(
      f.appDb,
      succeeded(perCall, consumer.id, { apiKeyId: limited }),
    ).catch((e: unknown) => e);
    expect((error as { details: unknown }).details).toEqual({
      scope: 'apiKey',
      limitMicros: String(10n * PRICE + PRICE / 2n),
      spentMicros: String(10n * PRICE),
      chargeMicros: String(PRICE),
    });
  });

  it('counts only this month toward a spend limit', async () => {
    const consumer = await createOrganization(f.db, {
      billingMode: 'POSTPAID',
      monthlySpendLimitMicros: 2n * PRICE,
    });
    await recordAsApi(f.appDb, succeeded(perCall, consumer.id));
    await recordAsApi(f.appDb, succeeded(perCall, consumer.id));
    // Move both into last month: the limit is per calendar month.
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    await f.db.usageEvent.updateMany({
      where: { organizationId: consumer.id },
      data: { createdAt: lastMonth },
    });
    await expect(recordAsApi(f.appDb, succeeded(perCall, consumer.id))).resolves.toMatchObject({
      charge: { amountMicros: PRICE },
    });
  });

  it('spends a free allowance exactly once under concurrency', async () => {
    const free = await createPublishedVersion(f.db, publisher.id, {
      amountMicros: PRICE,
      freeAllowance: 5,
    });
    const consumer = await createOrganization(f.db, { creditMicros: 3n * PRICE });
    const { ok, codes } = await settle(
      Array.from({ length: 20 }, () => () => recordAsApi(f.appDb, succeeded(free, consumer.id))),
    );
    expect(ok).toBe(8); // 5 free, then 3 paid
    expect(new Set(codes)).toEqual(new Set(['PAYMENT_REQUIRED']));
    const amounts = await f.db.usageEvent.findMany({
      where: { organizationId: consumer.id },
      select: { amountMicros: true },
    });
    expect(amounts.filter((a) => a.amountMicros === 0n)).toHaveLength(5);
    expect((await rowsOf(consumer.id)).balance).toBe(0n);
  });

  it('records free calls of an unpriced version without any balance', async () => {
    const consumer = await createOrganization(f.db);
    const zero = await createPublishedVersion(f.db, publisher.id, { amountMicros: 0n });
    const recorded = await recordAsApi(f.appDb, succeeded(zero, consumer.id));
    expect(recorded.charge.amountMicros).toBe(0n);
    expect(recorded.priceId).toBe(zero.priceId);
  });
});
