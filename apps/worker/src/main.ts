// Entry point of a worker process: `npm start -w @modelhub/worker`.
import { stripeAdapterFromEnv } from '@modelhub/billing';
import pino from 'pino';
import { readWorkerEnv } from './env.ts';
import { startWorker } from './worker.ts';

const env = readWorkerEnv();
const logger = pino({ name: 'worker', level: env.LOG_LEVEL });
const worker = await startWorker({
  databaseUrl: env.DATABASE_URL,
  adapter: stripeAdapterFromEnv(),
  logger,
  sweepCron: env.METER_SWEEP_CRON,
  concurrency: env.WORKER_CONCURRENCY,
  queueSchema: env.WORKER_QUEUE_SCHEMA,
  platformFeeBps: env.PLATFORM_FEE_BPS,
  earningsCron: env.EARNINGS_CRON,
  predictionPurgeCron: env.PREDICTION_PURGE_CRON,
});
logger.info({ mode: worker.mode }, 'worker ready');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'draining');
  try {
    await worker.stop(env.WORKER_DRAIN_TIMEOUT_MS);
    logger.info({ signal }, 'stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'drain failed');
    process.exit(1);
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shutdown(signal));
}
// Started by a launcher with an IPC channel: exit when the launcher goes away.
process.on('disconnect', () => void shutdown('parent exited'));
