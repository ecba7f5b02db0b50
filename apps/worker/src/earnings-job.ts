// Publisher earnings: on every run (at start, then on EARNINGS_CRON, hourly by default) the worker
// writes last month's statements (gross revenue of each publisher's models, the platform fee,
// net) and refreshes the current month's open ones, so publishers see them grow. Statements are
// idempotent per publisher and month, so replicas or reruns change nothing.
import { generateEarningsStatements, monthStart, type BillingLogger } from '@modelhub/billing';
import type { Db } from '@modelhub/db';
import type { PgBoss } from 'pg-boss';

export const EARNINGS_QUEUE = 'billing.earnings';

/** `YYYY-MM` of the month `monthsBack` before the one containing `now` (UTC). */
export function monthLabel(now: Date, monthsBack = 0): string {
  const start = monthStart(now);
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - monthsBack, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export async function runEarnings(db: Db, platformFeeBps: number, now = new Date()) {
  // Last month closes; this month's figures are refreshed.
  const statements = [];
  for (const monthsBack of [1, 0]) {
    statements.push(
      ...(await generateEarningsStatements(
        db,
        { month: monthLabel(now, monthsBack), platformFeeBps },
        now,
      )),
    );
  }
  return statements;
}

export async function startEarningsJob(options: {
  db: Db;
  boss: PgBoss;
  logger: BillingLogger;
  platformFeeBps: number;
  cron: string;
}): Promise<void> {
  const { db, boss, logger, platformFeeBps } = options;
  await boss.createQueue(EARNINGS_QUEUE, { policy: 'singleton' });
  await boss.work(EARNINGS_QUEUE, async () => {
    const statements = await runEarnings(db, platformFeeBps);
    logger.info({ statements: statements.length }, 'publisher earnings updated');
  });
  await boss.schedule(EARNINGS_QUEUE, options.cron, null, { tz: 'UTC' });
  await boss.send(EARNINGS_QUEUE, null);
}
