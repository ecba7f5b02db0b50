// An organization's usage over a period, grouped by day (UTC), model, version or API key: what
// the billing pages and the CSV export show. Sums are exact (bigint) and come from the same
// UsageEvent rows the ledger's USAGE debits were written with.
import { Prisma, type Tx } from '@modelhub/db';
import { z } from 'zod';
import { BillingError } from './billing-error.ts';
import { parseInput } from './parse-input.ts';

const MAX_RANGE_DAYS = 400;

const schema = z.strictObject({
  organizationId: z.string().min(1),
  from: z.date(),
  to: z.date(),
  groupBy: z.enum(['day', 'model', 'version', 'key']),
});

export type UsageReportInput = z.input<typeof schema>;
export type UsageGrouping = UsageReportInput['groupBy'];

export interface UsageReportRow {
  /** YYYY-MM-DD, a model id, a version id, or an API key id ('' for calls without a key) */
  group: string;
  /** for people: the day, `org/model`, `org/model@version`, or the key's name */
  label: string;
  currency: string;
  calls: number;
  /** units as each price meters them (calls, items or compute ms), summed as recorded */
  quantity: bigint;
  amountMicros: bigint;
}

const GROUPS: Record<UsageGrouping, { group: Prisma.Sql; label: Prisma.Sql; order: Prisma.Sql }> = {
  day: {
    group: Prisma.sql`to_char(u."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    label: Prisma.sql`to_char(u."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    order: Prisma.sql`1 ASC, 3 ASC`,
  },
  model: {
    group: Prisma.sql`coalesce(m.id, v."modelId", u."modelVersionId")`,
    label: Prisma.sql`coalesce(o.slug || '/' || m.slug, u."modelVersionId")`,
    order: Prisma.sql`6 DESC, 1 ASC, 3 ASC`,
  },
  version: {
    group: Prisma.sql`u."modelVersionId"`,
    label: Prisma.sql`coalesce(o.slug || '/' || m.slug || '@' || v.version, u."modelVersionId")`,
    order: Prisma.sql`6 DESC, 1 ASC, 3 ASC`,
  },
  key: {
    group: Prisma.sql`coalesce(u."apiKeyId", '')`,
    label: Prisma.sql`coalesce(k.name, CASE WHEN u."apiKeyId" IS NULL THEN '(no API key)' ELSE u."apiKeyId" END)`,
    order: Prisma.sql`6 DESC, 1 ASC, 3 ASC`,
  },
};

/** `from` inclusive, `to` exclusive. */
export async function usageReport(tx: Tx, input: UsageReportInput): Promise<UsageReportRow[]> {
  const { organizationId, from, to, groupBy } = parseInput(schema, input, 'usage report');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    throw new BillingError('INVALID_INPUT', 'the report needs from < to, both valid dates', {
      field: 'to',
    });
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new BillingError('INVALID_INPUT', `a report covers at most ${MAX_RANGE_DAYS} days`, {
      field: 'from',
    });
  }
  const g = GROUPS[groupBy];
  // Left joins: a model that became private or was deleted still shows up, by its id.
  const rows = await tx.$queryRaw<(Omit<UsageReportRow, 'calls'> & { calls: bigint })[]>`
    SELECT ${g.group} AS "group", ${g.label} AS label, u.currency AS currency,
           count(*)::bigint AS calls, sum(u.quantity)::bigint AS quantity,
           sum(u."amountMicros")::bigint AS "amountMicros"
    FROM "UsageEvent" u
    LEFT JOIN "ModelVersion" v ON v.id = u."modelVersionId"
    LEFT JOIN "Model" m ON m.id = v."modelId"
    LEFT JOIN "Organization" o ON o.id = m."organizationId"
    LEFT JOIN "ApiKey" k ON k.id = u."apiKeyId"
    WHERE u."organizationId" = ${organizationId}
      AND u."createdAt" >= ${from} AND u."createdAt" < ${to}
    GROUP BY 1, 2, 3
    ORDER BY ${g.order}`;
  return rows.map((r) => ({ ...r, calls: Number(r.calls) }));
}

const CSV_HEADER = ['group', 'label', 'currency', 'calls', 'quantity', 'amount_micros'];

/** RFC 4180 CSV with a header line; cells that a spreadsheet would run as a formula are quoted. */
export function usageReportCsv(rows: readonly UsageReportRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [r.group, r.label, r.currency, String(r.calls), String(r.quantity), String(r.amountMicros)]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  // Names are user-chosen (API keys): a leading = + - @ would run as a formula when opened.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
