// The balance column against the ledger it summarises: the database trigger keeps them equal
// through top-ups, adjustments and grouped charges, and refuses to change a posted amount.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chargeGroup,
  createBillingFixture,
  createOrganization,
  createPublishedVersion,
  succeeded,
  type BillingFixture,
} from '../test/billing-fixture.ts';
import { balanceOf } from './usage-recorder.ts';

let f: BillingFixture;
beforeAll(async () => {
  f = await createBillingFixture();
});
afterAll(async () => {
  await f.close();
});

async function ledgerSum(organizationId: string): Promise<bigint> {
  const sum = await f.db.ledgerEntry.aggregate({
    where: { organizationId },
    _sum: { amountMicros: true },
  });
  return sum._sum.amountMicros ?? 0n;
}

describe('Organization.balanceMicros', () => {
  it('follows every ledger insert, one by one and in groups, for each organization alone', async () => {
    const publisher = await createOrganization(f.db);
    const version = await createPublishedVersion(f.db, publisher.id, { amountMicros: 250n });
    const consumer = await createOrganization(f.db, { creditMicros: 10_000n });
    const other = await createOrganization(f.db, { creditMicros: 7n });
    expect(await balanceOf(f.db, consumer.id)).toBe(10_000n);

    await f.db.ledgerEntry.createMany({
      data: [
        { organizationId: consumer.id, kind: 'ADJUSTMENT', amountMicros: -1_000n },
        { organizationId: other.id, kind: 'TOP_UP', amountMicros: 3n },
        { organizationId: consumer.id, kind: 'TOP_UP', amountMicros: 500n },
      ],
    });
    // the app role, as the api charges: one statement for the group's rows
    await chargeGroup(
      f.appPool,
      Array.from({ length: 4 }, () => succeeded(version, consumer.id)),
    );

    for (const org of [consumer, other, publisher]) {
      expect(await balanceOf(f.db, org.id)).toBe(await ledgerSum(org.id));
    }
    expect(await balanceOf(f.db, consumer.id)).toBe(10_000n - 1_000n + 500n - 4n * 250n);
    expect(await balanceOf(f.db, other.id)).toBe(10n);
  });

  it('refuses to change a posted amount: the ledger is append-only', async () => {
    const org = await createOrganization(f.db, { creditMicros: 100n });
    const entry = await f.db.ledgerEntry.findFirstOrThrow({ where: { organizationId: org.id } });
    await expect(
      f.db.ledgerEntry.update({ where: { id: entry.id }, data: { amountMicros: 1_000_000n } }),
    ).rejects.toThrow(/append-only/);
    expect(await balanceOf(f.db, org.id)).toBe(100n);
  });
});
