// Entry point of a runner process: `npm start -w @modelhub/runner`.
import { artifactRootFromEnv, artifactStoreFromEnv } from '@modelhub/artifact-store';
import pino from 'pino';
import { readRunnerEnv } from './env.ts';
import { startRunner } from './runner-server.ts';

const env = readRunnerEnv();
const logger = pino({ name: 'runner', level: env.LOG_LEVEL });
const runner = await startRunner({
  databaseUrl: env.DATABASE_URL,
  artifactRoot: artifactRootFromEnv(),
  store: artifactStoreFromEnv(),
  host: env.RUNNER_HOST,
  port: env.RUNNER_PORT,
  name: env.RUNNER_NAME,
  executionProviders: env.RUNNER_EXECUTION_PROVIDERS,
  instancesPerModel: env.RUNNER_INSTANCES_PER_MODEL,
  intraOpThreads: env.RUNNER_INTRA_OP_THREADS,
  interOpThreads: env.RUNNER_INTER_OP_THREADS,
  threadSpinning: env.RUNNER_THREAD_SPINNING === 'on',
  heartbeatMs: env.RUNNER_HEARTBEAT_MS,
  maxBodyBytes: env.RUNNER_MAX_BODY_BYTES,
  maxInputElements: env.RUNNER_MAX_INPUT_ELEMENTS,
  memoryBudgetBytes: env.RUNNER_MEMORY_BUDGET_BYTES,
  memoryFloorPerArtifactByte: env.RUNNER_MEMORY_FLOOR_PER_ARTIFACT_BYTE,
  batching: {
    enabled: env.RUNNER_BATCHING === 'on',
    maxBatchSize: env.RUNNER_MAX_BATCH_SIZE,
    maxQueueDelayMs: env.RUNNER_MAX_QUEUE_DELAY_MS,
    maxQueueItems: env.RUNNER_MAX_QUEUE_ITEMS,
  },
  logger,
  ...(env.RUNNER_PUBLIC_URL ? { publicUrl: env.RUNNER_PUBLIC_URL } : {}),
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'draining');
  await runner.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void shutdown(signal));
// Started by the launcher with an IPC channel: exit when the launcher goes away.
process.on('disconnect', () => void shutdown('parent exited'));
