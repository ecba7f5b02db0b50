// A separate api process that only runs queued predictions, for the crash test: started with
// `node --import tsx`, it prints "ready" and works until it is killed.
import pino from 'pino';
import { startApi } from '../src/index.ts';

const api = await startApi({
  databaseUrl: process.env.DATABASE_URL!,
  port: 0,
  logger: pino({ level: 'silent' }),
  predictionConcurrency: 1,
  predictionHeartbeatSeconds: 10,
  jobSuperviseIntervalSeconds: 1,
  runnerTimeoutMs: 120_000,
});
process.stdout.write(`ready ${api.url}\n`);
