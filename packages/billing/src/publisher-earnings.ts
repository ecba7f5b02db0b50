// Publishers' monthly statements: gross = the usage amounts of their models that month, fee =
// gross x platformFeeBps / 10,000 rounded down to a whole micro-unit (the platform never takes
// more than its stated rate; the fraction stays with the publisher), net = gross - fee.
// Idempotent per (publisher, month, currency): a run recomputes OPEN statements in place and
// never touches FINAL or PAID_OUT ones. Reads every organization's usage: owner role only.
import type { Db, EarningsStatement } from '@modelhub/db';
import { z } from 'zod';
import { BillingError } from './billing-error.ts';
import { monthStart, nextMonthStart, parseMonth } from './calendar-month.ts';
import { parseInput } from './parse-input.ts';

const schema = z.strictObject({
  /** YYYY-MM, UTC */
  month: z.string(),
  /** the platform's share in basis points: 2000 = 20 % */
  platformFeeBps: z.int().min(0).max(10_000),
});

export type GenerateEarningsInput = z.input<typeof schema>;

export function platformFee(grossMicros: bigint, platformFeeBps: number): bigint {
  return (grossMicros * BigInt(platformFeeBps)) / 10_000n;
}

export async function generateEarningsStatements(
  db: Db,
  input: GenerateEarningsInput,
  now: Date = new Date(),
): Promise<EarningsStatement[]> {
  const { month, platformFeeBps } = parseInput(schema, input, 'earnings run');
  const periodStart = parseMonth(month);
  if (periodStart > monthStart(now)) {
    throw new BillingError('INVALID_INPUT', `month ${month} has not started yet`, {
      field: 'month',
    });
  }
  const periodEnd = nextMonthStart(periodStart);
  return db.$transaction(
    async (tx) => {
      const totals = await tx.$queryRaw<
        { organizationId: string; currency: string; grossMicros: bigint }[]
      >`
        SELECT "publisherOrganizationId" AS "organizationId", currency,
               sum("amountMicros")::bigint AS "grossMicros"
        FROM "UsageEvent"
        WHERE "createdAt" >= ${periodStart} AND "createdAt" < ${periodEnd}
        GROUP BY 1, 2`;
      const rows = totals.map((t) => {
        const feeMicros = platformFee(t.grossMicros, platformFeeBps);
        return { ...t, periodStart, feeMicros, netMicros: t.grossMicros - feeMicros };
      });
      await tx.earningsStatement.createMany({ data: rows, skipDuplicates: true });
      for (const row of rows) {
        await tx.earningsStatement.updateMany({
          where: {
            organizationId: row.organizationId,
            periodStart,
            currency: row.currency,
            status: 'OPEN',
          },
          data: {
            grossMicros: row.grossMicros,
            feeMicros: row.feeMicros,
            netMicros: row.netMicros,
          },
        });
      }
      return tx.earningsStatement.findMany({
        where: { periodStart },
        orderBy: [{ organizationId: 'asc' }, { currency: 'asc' }],
      });
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
