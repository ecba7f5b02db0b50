// Durable meter reporting on pg-boss (a job queue in the same PostgreSQL, owner role). One job per
// usage event, keyed by its id in an `exclusive` queue, so an event has at most one job queued or
// running however often the sweep finds it. A failed report (Stripe down, timing out) throws and
// pg-boss retries it with exponential backoff; a job that runs out of retries leaves the event
// unreported, and the next sweep queues it again. Nothing is lost, and nothing is reported twice:
// `reportedAt` is set after Stripe's answer, and a repeat after a lost answer carries the same
// identifier, which Stripe keeps once.
import type { Db } from '@modelhub/db';
import type { PgBoss } from 'pg-boss';
import { silentLogger, type BillingLogger } from '../billing-logger.ts';
import type { StripeAdapter } from '../stripe/stripe-adapter.ts';
import { reportUsageEvent } from './report-usage-event.ts';
import { findUnreportedUsage, type UnreportedUsageCursor } from './unreported-usage.ts';

export const METER_REPORT_QUEUE = 'billing.meter-report';
export const METER_SWEEP_QUEUE = 'billing.meter-sweep';

export interface MeterReportJob {
  usageEventId: string;
}

export interface MeterReportingOptions {
  db: Db;
  /** started by the caller, on the owner role's connection */
  boss: PgBoss;
  adapter: StripeAdapter;
  logger?: BillingLogger;
  /** when the sweep for unreported usage runs (cron, UTC; default every minute); null: never */
  sweepCron?: string | null;
  /** attempts after the first, per job (default 10) */
  retryLimit?: number;
  /** first retry delay; it doubles per attempt (default 2 s) */
  retryDelaySeconds?: number;
  /** the longest delay between attempts (default 300 s) */
  retryDelayMaxSeconds?: number;
  /** a job still running after this long counts as failed and is retried (default 120 s) */
  expireInSeconds?: number;
  /** reports in flight at once in this process (default 4) */
  concurrency?: number;
  /** how often idle workers look for jobs (default 2 s, at least 0.5) */
  pollingIntervalSeconds?: number;
  /** usage events queued per sweep at most (default 50,000); the rest wait for the next */
  sweepLimit?: number;
}

export interface MeterReporting {
  /** Finds unreported postpaid usage and queues a report job for each; returns how many it found. */
  sweep(): Promise<number>;
  /** Queues a sweep job: one of the workers runs it soon. */
  requestSweep(): Promise<void>;
  /** Stops taking jobs, waiting for the reports in flight (pg-boss itself is the caller's). */
  stop(): Promise<void>;
}

const SWEEP_PAGE = 500;

export async function startMeterReporting(options: MeterReportingOptions): Promise<MeterReporting> {
  const { db, boss, adapter } = options;
  const logger = options.logger ?? silentLogger;
  const retry = {
    retryLimit: options.retryLimit ?? 10,
    retryDelay: options.retryDelaySeconds ?? 2,
    retryBackoff: true,
    retryDelayMax: options.retryDelayMaxSeconds ?? 300,
    expireInSeconds: options.expireInSeconds ?? 120,
  };
  await ensureQueue(boss, METER_REPORT_QUEUE, retry);
  await ensureQueue(boss, METER_SWEEP_QUEUE, {
    retryLimit: 2,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 60,
    expireInSeconds: 600,
  });
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  const sweepLimit = options.sweepLimit ?? 50_000;

  const sweep = async (): Promise<number> => {
    let found = 0;
    let after: UnreportedUsageCursor | null = null;
    while (found < sweepLimit) {
      const page = await findUnreportedUsage(db, {
        after,
        limit: Math.min(SWEEP_PAGE, sweepLimit - found),
      });
      if (page.length === 0) break;
      // An event with a job queued or running already is skipped by the queue's policy.
      await boss.insert(
        METER_REPORT_QUEUE,
        page.map((u) => ({ data: { usageEventId: u.id }, singletonKey: u.id })),
      );
      found += page.length;
      after = page[page.length - 1]!;
      if (page.length < SWEEP_PAGE) break;
    }
    if (found > 0) logger.info({ found }, 'queued unreported usage for meter reporting');
    return found;
  };

  const reportWorker = await boss.work<MeterReportJob>(
    METER_REPORT_QUEUE,
    { ...polling, batchSize: 1, localConcurrency: options.concurrency ?? 4 },
    async (jobs) => {
      for (const job of jobs) {
        try {
          const result = await reportUsageEvent(db, adapter, job.data.usageEventId);
          logger.info({ usageEventId: job.data.usageEventId, result }, 'meter event');
        } catch (error) {
          logger.warn(
            {
              usageEventId: job.data.usageEventId,
              attempt: job.retryCount + 1,
              err: error instanceof Error ? { message: error.message, code: codeOf(error) } : error,
            },
            'meter event not reported; will retry',
          );
          throw error;
        }
      }
    },
  );
  const sweepWorker = await boss.work(METER_SWEEP_QUEUE, polling, async () => {
    await sweep();
  });
  if (options.sweepCron !== null) {
    await boss.schedule(METER_SWEEP_QUEUE, options.sweepCron ?? '* * * * *', null, { tz: 'UTC' });
  }

  return {
    sweep,
    async requestSweep() {
      await boss.send(METER_SWEEP_QUEUE, null);
    },
    async stop() {
      await boss.offWork(METER_REPORT_QUEUE, { id: reportWorker, wait: true });
      await boss.offWork(METER_SWEEP_QUEUE, { id: sweepWorker, wait: true });
    },
  };
}

async function ensureQueue(
  boss: PgBoss,
  name: string,
  retry: {
    retryLimit: number;
    retryDelay: number;
    retryBackoff: boolean;
    retryDelayMax: number;
    expireInSeconds: number;
  },
): Promise<void> {
  if (!(await boss.getQueue(name))) {
    try {
      await boss.createQueue(name, { policy: 'exclusive', ...retry });
      return;
    } catch (error) {
      // Another process created it first; fall through and apply this process's settings.
      if (!(await boss.getQueue(name))) throw error;
    }
  }
  await boss.updateQueue(name, retry);
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
