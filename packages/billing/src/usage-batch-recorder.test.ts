// Group commit must decide exactly as recording the calls one by one would: each call's price,
// the free allowance spent first, the balance and both spend limits checked before each debit,
// refused calls leaving no row.
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqlPool, withTenantSql } from '@modelhub/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  chargeGroup,
  createApiKey,
  createBillingFixture,
  createOrganization,
  createPublishedVersion,
  succeeded,
  type BillingFixture,
} from '../test/billing-fixture.ts';
import { BillingError } from './billing-error.ts';
import { recordSucceededPredictionBatch } from './usage-batch-recorder.ts';
import { balanceOf } from './usage-recorder.ts';

let f: BillingFixture;
let publisher: { id: string };
const PRICE = 1_000n;

beforeAll(async () => {
  f = await createBillingFixture();
  publisher = await createOrganization(f.db);
});
afterAll(async () => {
  await f.close();
});

const outcomeCodes = (outcomes: unknown[]) =>
  outcomes.map((o) => (o instanceof BillingError ? o.code : 'OK'));

describe('recordSucceededPredictionBatch', () => {
  it('charges a group in one transaction: free allowance first, then the price, until the balance runs out', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, {
      amountMicros: PRICE,
      freeAllowance: 2,
    });
    const consumer = await createOrganization(f.db, { creditMicros: 3n * PRICE });
    const calls = Array.from({ length: 8 }, () => succeeded(version, consumer.id));
    const outcomes = await chargeGroup(f.appPool, calls);
    // 2 free, 3 paid, then the balance is spent
    expect(outcomeCodes(outcomes)).toEqual([
      'OK',
      'OK',
      'OK',
      'OK',
      'OK',
      'PAYMENT_REQUIRED',
      'PAYMENT_REQUIRED',
      'PAYMENT_REQUIRED',
    ]);
    const charged = outcomes.filter((o) => !(o instanceof BillingError));
    expect(
      charged.map((o) => (o as { charge: { amountMicros: bigint } }).charge.amountMicros),
    ).toEqual([0n, 0n, PRICE, PRICE, PRICE]);
    expect(await balanceOf(f.db, consumer.id)).toBe(0n);
    expect(await f.db.prediction.count({ where: { organizationId: consumer.id } })).toBe(5);
    expect(await f.db.usageEvent.count({ where: { organizationId: consumer.id } })).toBe(5);
    // every usage event belongs to its prediction, and every debit to its usage event
    const events = await f.db.usageEvent.findMany({
      where: { organizationId: consumer.id },
      include: { prediction: true, ledgerEntry: true },
    });
    for (const event of events) {
      expect(event.prediction.organizationId).toBe(consumer.id);
      expect(event.ledgerEntry?.amountMicros).toBe(-event.amountMicros);
    }
  });

  it('writes each call’s prediction, usage event and debit with every field', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, { creditMicros: 10n * PRICE });
    const keyId = await createApiKey(f.db, consumer.id);
    const startedAt = new Date(Date.now() - 1_000);
    const call = succeeded(version, consumer.id, {
      apiKeyId: keyId,
      metered: { items: 3, computeMs: 4.6 },
      queueMs: 1.4,
      totalMs: 9.5,
      startedAt,
    });
    const [outcome] = await chargeGroup(f.appPool, [call]);
    const { predictionId, usageEventId } = outcome as {
      predictionId: string;
      usageEventId: string;
    };
    const prediction = await f.db.prediction.findUniqueOrThrow({ where: { id: predictionId } });
    expect(prediction).toMatchObject({
      organizationId: consumer.id,
      modelVersionId: version.modelVersionId,
      apiKeyId: keyId,
      userId: null,
      runnerId: null,
      mode: 'SYNC',
      status: 'SUCCEEDED',
      itemCount: 3,
      queueMs: 1,
      computeMs: 5,
      totalMs: 10,
      createdAt: startedAt,
      startedAt,
      output: null,
      attempts: 0,
    });
    expect(prediction.completedAt!.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
    const usage = await f.db.usageEvent.findUniqueOrThrow({
      where: { id: usageEventId },
      include: { ledgerEntry: true },
    });
    expect(usage).toMatchObject({
      organizationId: consumer.id,
      publisherOrganizationId: publisher.id,
      predictionId,
      modelVersionId: version.modelVersionId,
      apiKeyId: keyId,
      priceId: version.priceId,
      unit: 'PER_CALL',
      quantity: 1n,
      amountMicros: PRICE,
      currency: 'usd',
      createdAt: prediction.completedAt,
    });
    expect(usage.ledgerEntry).toMatchObject({
      organizationId: consumer.id,
      kind: 'USAGE',
      amountMicros: -PRICE,
      currency: 'usd',
      description: `prediction ${predictionId}`,
    });
  });

  it('stops a key at its monthly spend limit within the group, other keys going on', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, { creditMicros: 100n * PRICE });
    const limited = await createApiKey(f.db, consumer.id, 2n * PRICE);
    const free = await createApiKey(f.db, consumer.id);
    const calls = [limited, free, limited, free, limited, free].map((apiKeyId) =>
      succeeded(version, consumer.id, { apiKeyId }),
    );
    const outcomes = await chargeGroup(f.appPool, calls);
    expect(outcomeCodes(outcomes)).toEqual(['OK', 'OK', 'OK', 'OK', 'SPEND_LIMIT_EXCEEDED', 'OK']);
    expect(await balanceOf(f.db, consumer.id)).toBe(95n * PRICE);
  });

  it('applies the organization’s monthly limit across the group', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, {
      creditMicros: 100n * PRICE,
      monthlySpendLimitMicros: 3n * PRICE,
    });
    const outcomes = await chargeGroup(
      f.appPool,
      Array.from({ length: 5 }, () => succeeded(version, consumer.id)),
    );
    expect(outcomeCodes(outcomes)).toEqual([
      'OK',
      'OK',
      'OK',
      'SPEND_LIMIT_EXCEEDED',
      'SPEND_LIMIT_EXCEEDED',
    ]);
  });

  it('charges each call the price in force when it started', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, { creditMicros: 100n * PRICE });
    const change = new Date();
    await f.db.price.updateMany({
      where: { modelVersionId: version.modelVersionId, effectiveTo: null },
      data: { effectiveTo: change },
    });
    const current = await f.db.price.findFirstOrThrow({
      where: { modelVersionId: version.modelVersionId },
    });
    await f.db.price.create({
      data: {
        organizationId: publisher.id,
        modelVersionId: version.modelVersionId,
        unit: current.unit,
        amountMicros: 3n * PRICE,
        currency: current.currency,
        effectiveFrom: change,
      },
    });
    const before = succeeded(version, consumer.id, { startedAt: new Date(change.getTime() - 10) });
    const after = succeeded(version, consumer.id, { startedAt: new Date(change.getTime() + 10) });
    const outcomes = await chargeGroup(f.appPool, [before, after]);
    expect(
      outcomes.map((o) => (o as { charge: { amountMicros: bigint } }).charge.amountMicros),
    ).toEqual([PRICE, 3n * PRICE]);
  });

  it('spends each price’s free allowance first across groups, what earlier groups used included', async () => {
    const a = await createPublishedVersion(f.db, publisher.id, {
      amountMicros: PRICE,
      freeAllowance: 2,
    });
    const b = await createPublishedVersion(f.db, publisher.id, {
      amountMicros: 2n * PRICE,
      freeAllowance: 1,
    });
    const consumer = await createOrganization(f.db, { creditMicros: 100n * PRICE });
    const amounts = (outcomes: unknown[]) =>
      outcomes.map((o) => (o as { charge: { amountMicros: bigint } }).charge.amountMicros);
    expect(amounts(await chargeGroup(f.appPool, [succeeded(a, consumer.id)]))).toEqual([0n]);
    const calls = [a, b, a, b, a].map((version) => succeeded(version, consumer.id));
    expect(amounts(await chargeGroup(f.appPool, calls))).toEqual([
      0n,
      0n,
      PRICE,
      2n * PRICE,
      PRICE,
    ]);
    expect(await balanceOf(f.db, consumer.id)).toBe(96n * PRICE);
  });

  it('leaves no row when the transaction fails after the group was charged', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, { creditMicros: 5n * PRICE });
    const calls = [succeeded(version, consumer.id), succeeded(version, consumer.id)];
    await expect(
      withTenantSql(
        f.appPool,
        consumer.id,
        async (client) => {
          expect(outcomeCodes(await recordSucceededPredictionBatch(client, calls))).toEqual([
            'OK',
            'OK',
          ]);
          throw new Error('boom');
        },
        { billingLock: true },
      ),
    ).rejects.toThrow('boom');
    expect(await balanceOf(f.db, consumer.id)).toBe(5n * PRICE);
    expect(await f.db.prediction.count({ where: { organizationId: consumer.id } })).toBe(0);
    expect(await f.db.usageEvent.count({ where: { organizationId: consumer.id } })).toBe(0);
    expect(await f.db.ledgerEntry.count({ where: { organizationId: consumer.id } })).toBe(1);
    // the connection went back to the pool usable, outside any transaction
    expect(outcomeCodes(await chargeGroup(f.appPool, calls))).toEqual(['OK', 'OK']);
    expect(await balanceOf(f.db, consumer.id)).toBe(3n * PRICE);
  });

  it('serializes the groups of one organization: the second reads after the first commits', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, { creditMicros: 3n * PRICE });
    const pair = () => [succeeded(version, consumer.id), succeeded(version, consumer.id)];
    const events: string[] = [];
    let firstHasLock!: () => void;
    const locked = new Promise<void>((resolve) => (firstHasLock = resolve));
    const first = withTenantSql(
      f.appPool,
      consumer.id,
      async (client) => {
        events.push('first starts');
        firstHasLock();
        const outcomes = await recordSucceededPredictionBatch(client, pair());
        await sleep(300);
        events.push('first ends');
        return outcomes;
      },
      { billingLock: true },
    );
    await locked;
    const second = withTenantSql(
      f.appPool,
      consumer.id,
      async (client) => {
        // its reads wait for the lock, which the first holds until it commits
        const outcomes = await recordSucceededPredictionBatch(client, pair());
        events.push('second has read');
        return outcomes;
      },
      { billingLock: true },
    );
    expect(outcomeCodes(await first)).toEqual(['OK', 'OK']);
    // it read the balance the first left: one call's worth
    expect(outcomeCodes(await second)).toEqual(['OK', 'PAYMENT_REQUIRED']);
    expect(events).toEqual(['first starts', 'first ends', 'second has read']);
    expect(await balanceOf(f.db, consumer.id)).toBe(0n);
  });

  it('costs two round trips: lock and reads in one message, inserts with the commit in another', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, {
      amountMicros: PRICE,
      freeAllowance: 1,
    });
    const consumer = await createOrganization(f.db, { creditMicros: 10n * PRICE });
    const keyId = await createApiKey(f.db, consumer.id, 100n * PRICE);
    // with the price the api resolved when each call started, as its ChargeQueue passes them
    const price = {
      id: version.priceId,
      unit: 'PER_CALL' as const,
      amountMicros: PRICE,
      freeAllowance: 1,
      currency: 'usd',
    };
    const calls = [
      succeeded(version, consumer.id, { apiKeyId: keyId, price }),
      succeeded(version, consumer.id, { price }),
      succeeded(version, consumer.id, { apiKeyId: keyId, price }),
    ];
    const spies: { mock: { calls: unknown[] }; mockRestore(): void }[] = [];
    const onAcquire = (client: { query(...args: unknown[]): unknown }) =>
      spies.push(vi.spyOn(client, 'query'));
    f.appPool.on('acquire', onAcquire);
    try {
      expect(outcomeCodes(await chargeGroup(f.appPool, calls))).toEqual(['OK', 'OK', 'OK']);
    } finally {
      f.appPool.removeListener('acquire', onAcquire);
    }
    expect(spies.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBe(2);
    for (const spy of spies) spy.mockRestore();
    expect(await balanceOf(f.db, consumer.id)).toBe(8n * PRICE);
  });

  it('decides the same with its statements inline, behind a pooler that lost them', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, {
      amountMicros: PRICE,
      freeAllowance: 1,
    });
    const consumer = await createOrganization(f.db, { creditMicros: 3n * PRICE });
    const keyId = await createApiKey(f.db, consumer.id, 1n * PRICE);
    const pool = createSqlPool(f.test.appUrl, { maxConnections: 1 });
    try {
      // prepared on the pool's connection, then lost as a pooler in transaction mode loses them
      expect(outcomeCodes(await chargeGroup(pool, [succeeded(version, consumer.id)]))).toEqual([
        'OK',
      ]);
      await pool.query('DEALLOCATE ALL');
      const calls = [
        succeeded(version, consumer.id, { apiKeyId: keyId }),
        succeeded(version, consumer.id, { apiKeyId: keyId }),
        succeeded(version, consumer.id),
        succeeded(version, consumer.id),
        succeeded(version, consumer.id),
      ];
      // the free allowance was spent by the first call; the key's limit allows one paid call;
      // the balance three
      expect(outcomeCodes(await chargeGroup(pool, calls))).toEqual([
        'OK',
        'SPEND_LIMIT_EXCEEDED',
        'OK',
        'OK',
        'PAYMENT_REQUIRED',
      ]);
    } finally {
      await pool.end();
    }
    expect(await balanceOf(f.db, consumer.id)).toBe(0n);
    expect(await f.db.usageEvent.count({ where: { organizationId: consumer.id } })).toBe(4);
  });

  it('refuses calls it must not group', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, { creditMicros: PRICE });
    await expect(
      chargeGroup(f.appPool, [succeeded(version, consumer.id, { idempotencyKey: 'k' })]),
    ).rejects.toThrow(/charged alone/);
  });
});
