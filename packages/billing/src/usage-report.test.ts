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
import { adjustCredit } from './credit-adjustment.ts';
import { ledger } from './ledger-page.ts';
import { usageReport, usageReportCsv, type UsageReportRow } from './usage-report.ts';

let f: BillingFixture;
let consumer: { id: string };
let perCall: PublishedVersion;
let perItems: PublishedVersion;
let perCompute: PublishedVersion;
let key: string;
let admin: { id: string };
const from = new Date(Date.now() - 7 * 86_400_000);
const to = new Date(Date.now() + 86_400_000);

beforeAll(async () => {
  f = await createBillingFixture();
  admin = await f.db.user.create({ data: { email: 'admin@modelhub.test', isPlatformAdmin: true } });
  const publisher = await createOrganization(f.db);
  perCall = await createPublishedVersion(
    f.db,
    publisher.id,
    { amountMicros: 1_000n },
    { slug: 'calls' },
  );
  perItems = await createPublishedVersion(
    f.db,
    publisher.id,
    { unit: 'PER_1K_ITEMS', amountMicros: 777n, freeAllowance: 4 },
    { slug: 'items' },
  );
  perCompute = await createPublishedVersion(
    f.db,
    publisher.id,
    { unit: 'PER_COMPUTE_SECOND', amountMicros: 12_345n },
    { slug: 'compute' },
  );
  consumer = await createOrganization(f.db, { creditMicros: 10_000_000n });
  key = await createApiKey(f.db, consumer.id, null, '=HYPERLINK("x")');
  const calls = [
    ...Array.from({ length: 7 }, () => succeeded(perCall, consumer.id, { apiKeyId: key })),
    ...[1, 3, 5, 8].map((items) =>
      succeeded(perItems, consumer.id, { metered: { items, computeMs: 2 } }),
    ),
    ...[0.4, 17.2, 250].map((computeMs) =>
      succeeded(perCompute, consumer.id, { apiKeyId: key, metered: { items: 1, computeMs } }),
    ),
  ];
  for (const call of calls) await recordAsApi(f.appDb, call);
  // Another organization's usage never shows in this one's report.
  const other = await createOrganization(f.db, { creditMicros: 1_000_000n });
  await recordAsApi(f.appDb, succeeded(perCall, other.id));
});
afterAll(async () => {
  await f.close();
});

const report = (groupBy: 'day' | 'model' | 'version' | 'key', org = consumer.id) =>
  withTenant(f.appDb, org, (tx) => usageReport(tx, { organizationId: org, from, to, groupBy }));

const total = (rows: UsageReportRow[]) =>
  rows.reduce(
    (t, r) => ({
      calls: t.calls + r.calls,
      quantity: t.quantity + r.quantity,
      amountMicros: t.amountMicros + r.amountMicros,
    }),
    { calls: 0, quantity: 0n, amountMicros: 0n },
  );

describe('usage report', () => {
  it('agrees to the micro-unit with the usage events and the ledger debits, in every grouping', async () => {
    const usage = await f.db.usageEvent.aggregate({
      where: { organizationId: consumer.id },
      _sum: { amountMicros: true, quantity: true },
      _count: true,
    });
    const debits = await f.db.ledgerEntry.aggregate({
      where: { organizationId: consumer.id, kind: 'USAGE' },
      _sum: { amountMicros: true },
    });
    expect(usage._count).toBe(14);
    expect(-debits._sum.amountMicros!).toBe(usage._sum.amountMicros);
    for (const groupBy of ['day', 'model', 'version', 'key'] as const) {
      expect(total(await report(groupBy))).toEqual({
        calls: 14,
        quantity: usage._sum.quantity,
        amountMicros: usage._sum.amountMicros,
      });
    }
  });

  it('groups by version with exact amounts per price', async () => {
    const rows = await report('version');
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    expect(byLabel.get(perCall.label)).toMatchObject({
      group: perCall.modelVersionId,
      calls: 7,
      quantity: 7n,
      amountMicros: 7_000n,
      currency: 'usd',
    });
    // 4 free items a month, then 777 per 1,000 items, each call rounded up: 1 and 3 items are
    // free, 5 items -> 3.885 -> 4, 8 items -> 6.216 -> 7
    expect(byLabel.get(perItems.label)).toMatchObject({
      calls: 4,
      quantity: 17n,
      amountMicros: 11n,
    });
    // ceil(0.4)=1 ms, ceil(17.2)=18 ms, 250 ms: 269 ms, each call rounded up per call
    // 1 x 12345 / 1000 -> 13, 18 x 12345 / 1000 = 222.21 -> 223, 250 x 12345 / 1000 = 3086.25 -> 3087
    expect(byLabel.get(perCompute.label)).toMatchObject({
      calls: 3,
      quantity: 269n,
      amountMicros: 3_323n,
    });
  });

  it('groups by key and by day', async () => {
    const byKey = await report('key');
    expect(byKey.map((r) => [r.group, r.label, r.calls])).toEqual([
      [key, '=HYPERLINK("x")', 10],
      ['', '(no API key)', 4],
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await report('day')).map((r) => [r.group, r.calls])).toEqual([[today, 14]]);
    const byModel = await report('model');
    expect(byModel.map((r) => r.group).sort()).toEqual(
      [perCall.modelId, perItems.modelId, perCompute.modelId].sort(),
    );
  });

  it('writes CSV that a spreadsheet cannot run as a formula', async () => {
    const csv = usageReportCsv(await report('key'));
    expect(csv.split('\r\n')).toEqual([
      'group,label,currency,calls,quantity,amount_micros',
      `${key},"'=HYPERLINK(""x"")",usd,10,276,10323`,
      ',(no API key),usd,4,17,11',
      '',
    ]);
  });

  it('refuses bad ranges and groupings', async () => {
    for (const input of [
      { from: to, to: from, groupBy: 'day' },
      { from, to: new Date(from.getTime() + 401 * 86_400_000), groupBy: 'day' },
      { from: new Date('nope'), to, groupBy: 'day' },
      { from, to, groupBy: 'week' },
      { from: '2026-01-01', to, groupBy: 'day' },
    ]) {
      const error = await withTenant(f.appDb, consumer.id, (tx) =>
        usageReport(tx, { organizationId: consumer.id, ...input } as never),
      ).catch((e: unknown) => e);
      expect(isBillingError(error, 'INVALID_INPUT')).toBe(true);
    }
  });
});

describe('ledger', () => {
  it('pages newest first without gaps or repeats, and states the balance', async () => {
    const all = await f.db.ledgerEntry.findMany({
      where: { organizationId: consumer.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    expect(all).toHaveLength(15); // trial credit + 14 usage debits
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await withTenant(f.appDb, consumer.id, (tx) =>
        ledger(tx, consumer.id, { first: 4, after }),
      );
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.balanceMicros).toBe(all.reduce((s, e) => s + e.amountMicros, 0n));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('refuses malformed cursors and page sizes', async () => {
    for (const input of [{ first: 0 }, { first: 101 }, { first: 2.5 }, { after: 'garbage' }]) {
      const error = await withTenant(f.appDb, consumer.id, (tx) =>
        ledger(tx, consumer.id, input),
      ).catch((e: unknown) => e);
      expect(isBillingError(error, 'INVALID_INPUT'), JSON.stringify(input)).toBe(true);
    }
  });
});

describe('adjustCredit', () => {
  it('writes an ADJUSTMENT entry and its audit record together', async () => {
    const org = await createOrganization(f.db, { creditMicros: 5_000n });
    const result = await adjustCredit(f.appDb, {
      organizationId: org.id,
      amountMicros: -1_500n,
      reason: 'Refund of a duplicate top-up',
      actorUserId: admin.id,
    });
    expect(result.balanceMicros).toBe(3_500n);
    expect(result.ledgerEntry).toMatchObject({
      kind: 'ADJUSTMENT',
      amountMicros: -1_500n,
      description: 'Refund of a duplicate top-up',
      createdById: admin.id,
    });
    const audit = await f.db.auditLog.findMany({
      where: { organizationId: org.id, action: 'credit.adjust' },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: admin.id,
      targetId: result.ledgerEntry.id,
      metadata: {
        amountMicros: '-1500',
        balanceBeforeMicros: '5000',
        balanceAfterMicros: '3500',
      },
    });
  });

  it('refuses bad adjustments, writing neither entry nor audit record', async () => {
    const org = await createOrganization(f.db);
    const good = {
      organizationId: org.id,
      amountMicros: 1_000n,
      reason: 'Goodwill credit',
      actorUserId: admin.id,
    };
    const attempts: [string, unknown][] = [
      ['INVALID_INPUT', { ...good, amountMicros: 0n }],
      ['INVALID_INPUT', { ...good, amountMicros: 1000 }],
      ['INVALID_INPUT', { ...good, amountMicros: 10n ** 13n }],
      ['INVALID_INPUT', { ...good, reason: '  ' }],
      ['INVALID_INPUT', { ...good, actorUserId: '' }],
      ['NOT_FOUND', { ...good, organizationId: 'no-such-org' }],
    ];
    for (const [code, input] of attempts) {
      const error = await adjustCredit(f.db, input as never).catch((e: unknown) => e);
      expect(isBillingError(error, code as never)).toBe(true);
    }
    // An unknown actor breaks the audit record's foreign key: the entry goes with it.
    await expect(adjustCredit(f.db, { ...good, actorUserId: 'ghost' })).rejects.toThrow();
    expect(await f.db.ledgerEntry.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await f.db.auditLog.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
