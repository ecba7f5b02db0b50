// Group commit must decide exactly as recording the calls one by one would: each call's price,
// the free allowance spent first, the balance and both spend limits checked before each debit,
// refused calls leaving no row.
import { withTenant } from '@modelhub/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
    const outcomes = await withTenant(f.appDb, consumer.id, (tx) =>
      recordSucceededPredictionBatch(tx, calls),
    );
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
    const [outcome] = await withTenant(f.appDb, consumer.id, (tx) =>
      recordSucceededPredictionBatch(tx, [call]),
    );
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
    const outcomes = await withTenant(f.appDb, consumer.id, (tx) =>
      recordSucceededPredictionBatch(tx, calls),
    );
    expect(outcomeCodes(outcomes)).toEqual(['OK', 'OK', 'OK', 'OK', 'SPEND_LIMIT_EXCEEDED', 'OK']);
    expect(await balanceOf(f.db, consumer.id)).toBe(95n * PRICE);
  });

  it('applies the organization’s monthly limit across the group', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, {
      creditMicros: 100n * PRICE,
      monthlySpendLimitMicros: 3n * PRICE,
    });
    const outcomes = await withTenant(f.appDb, consumer.id, (tx) =>
      recordSucceededPredictionBatch(
        tx,
        Array.from({ length: 5 }, () => succeeded(version, consumer.id)),
      ),
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
    const outcomes = await withTenant(f.appDb, consumer.id, (tx) =>
      recordSucceededPredictionBatch(tx, [before, after]),
    );
    expect(
      outcomes.map((o) => (o as { charge: { amountMicros: bigint } }).charge.amountMicros),
    ).toEqual([PRICE, 3n * PRICE]);
  });

  it('refuses calls it must not group', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: PRICE });
    const consumer = await createOrganization(f.db, { creditMicros: PRICE });
    await expect(
      withTenant(f.appDb, consumer.id, (tx) =>
        recordSucceededPredictionBatch(tx, [
          succeeded(version, consumer.id, { idempotencyKey: 'k' }),
        ]),
      ),
    ).rejects.toThrow(/charged alone/);
  });
});
