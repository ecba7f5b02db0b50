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
import { changePrice } from './price-change.ts';
import { priceInForce } from './price-in-force.ts';

let f: BillingFixture;
let publisher: { id: string };
let actor: { id: string };

beforeAll(async () => {
  f = await createBillingFixture();
  publisher = await createOrganization(f.db);
  actor = await f.db.user.create({ data: { email: 'publisher@example.com' } });
});
afterAll(async () => {
  await f.close();
});

const newPrice = { unit: 'PER_CALL' as const, amountMicros: 2_500n };

describe('changePrice', () => {
  it('closes the old price and opens the new one at the same instant, with an audit record', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: 1_000n });
    // As the api does it: on its own role, scoped to the publisher.
    const change = await changePrice(f.appDb, {
      organizationId: publisher.id,
      modelVersionId: version.modelVersionId,
      price: newPrice,
      actorUserId: actor.id,
    });
    expect(change.changed).toBe(true);
    const rows = await f.db.price.findMany({
      where: { modelVersionId: version.modelVersionId },
      orderBy: { effectiveFrom: 'asc' },
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: version.priceId, amountMicros: 1_000n });
    expect(rows[0]!.effectiveTo).toEqual(rows[1]!.effectiveFrom);
    expect(rows[1]).toMatchObject({
      amountMicros: 2_500n,
      unit: 'PER_CALL',
      currency: 'usd',
      freeAllowance: 0,
      effectiveTo: null,
    });
    const audit = await f.db.auditLog.findMany({ where: { action: 'price.change' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      organizationId: publisher.id,
      actorUserId: actor.id,
      targetType: 'ModelVersion',
      targetId: version.modelVersionId,
      metadata: {
        old: { priceId: version.priceId, amountMicros: '1000', unit: 'PER_CALL' },
        new: { priceId: rows[1]!.id, amountMicros: '2500', unit: 'PER_CALL' },
      },
    });
  });

  it('charges the old price before the change and the new one after, whatever price the caller cached', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: 1_000n });
    const consumer = await createOrganization(f.db, { creditMicros: 1_000_000n });
    const cached = await priceInForce(f.db, version.modelVersionId);
    const before = await recordAsApi(
      f.appDb,
      succeeded(version, consumer.id, { price: cached, startedAt: new Date() }),
    );
    const { current } = await changePrice(f.db, {
      organizationId: publisher.id,
      modelVersionId: version.modelVersionId,
      price: newPrice,
      actorUserId: null,
    });
    const after = await recordAsApi(
      f.appDb,
      succeeded(version, consumer.id, { price: cached, startedAt: new Date() }),
    );
    expect(before).toMatchObject({ priceId: version.priceId, charge: { amountMicros: 1_000n } });
    expect(after).toMatchObject({ priceId: current.id, charge: { amountMicros: 2_500n } });
    const usage = await f.db.usageEvent.findMany({
      where: { organizationId: consumer.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(usage.map((u) => [u.priceId, u.amountMicros])).toEqual([
      [version.priceId, 1_000n],
      [current.id, 2_500n],
    ]);
  });

  it('writes nothing when the terms do not change', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: 2_500n });
    const change = await changePrice(f.db, {
      organizationId: publisher.id,
      modelVersionId: version.modelVersionId,
      price: newPrice,
      actorUserId: null,
    });
    expect(change).toMatchObject({ changed: false, current: { id: version.priceId } });
    expect(await f.db.price.count({ where: { modelVersionId: version.modelVersionId } })).toBe(1);
  });

  it('serializes concurrent changes: exactly one price stays open', async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: 1n });
    await Promise.all(
      [10n, 20n, 30n, 40n, 50n].map((amountMicros) =>
        changePrice(f.db, {
          organizationId: publisher.id,
          modelVersionId: version.modelVersionId,
          price: { unit: 'PER_CALL', amountMicros },
          actorUserId: null,
        }),
      ),
    );
    const rows = await f.db.price.findMany({
      where: { modelVersionId: version.modelVersionId },
      orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }],
    });
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.effectiveTo === null)).toHaveLength(1);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i - 1]!.effectiveTo).toEqual(rows[i]!.effectiveFrom);
    }
  });

  it("refuses bad input, other organizations' versions and drafts, changing nothing", async () => {
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: 1_000n });
    const other = await createOrganization(f.db);
    const draft = await f.db.modelVersion.update({
      where: {
        id: (await createPublishedVersion(f.db, publisher.id, { amountMicros: 5n })).modelVersionId,
      },
      data: { status: 'DRAFT' },
    });
    const base = {
      organizationId: publisher.id,
      modelVersionId: version.modelVersionId,
      price: newPrice,
      actorUserId: null,
    };
    const attempts: [string, unknown][] = [
      ['INVALID_INPUT', { ...base, price: { unit: 'PER_CALL', amountMicros: -1n } }],
      ['INVALID_INPUT', { ...base, price: { unit: 'PER_YEAR', amountMicros: 1n } }],
      ['INVALID_INPUT', { ...base, price: { ...newPrice, currency: 'USD' } }],
      ['INVALID_INPUT', { ...base, price: { ...newPrice, amountMicros: 10 ** 6 } }],
      ['NOT_FOUND', { ...base, organizationId: other.id }],
      ['NOT_FOUND', { ...base, modelVersionId: 'nope' }],
      ['INVALID_STATE', { ...base, modelVersionId: draft.id }],
    ];
    const pricesBefore = await f.db.price.count();
    const auditBefore = await f.db.auditLog.count();
    for (const [code, input] of attempts) {
      const error = await changePrice(f.appDb, input as never).catch((e: unknown) => e);
      expect(
        isBillingError(error, code as never),
        `${code} for ${JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
      ).toBe(true);
    }
    expect(await f.db.price.count()).toBe(pricesBefore);
    expect(await f.db.auditLog.count()).toBe(auditBefore);
    expect(await priceInForce(f.db, version.modelVersionId)).toMatchObject({
      id: version.priceId,
    });
  });
});
