import { ConfigError } from '@modelhub/config';
import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env.ts';

describe('readWorkerEnv', () => {
  it('needs only DATABASE_URL', () => {
    expect(readWorkerEnv({ DATABASE_URL: 'postgresql://localhost/modelhub' })).toEqual({
      DATABASE_URL: 'postgresql://localhost/modelhub',
      METER_SWEEP_CRON: '* * * * *',
      PLATFORM_FEE_BPS: 2_000,
      EARNINGS_CRON: '0 * * * *',
      PREDICTION_PURGE_CRON: '*/5 * * * *',
      WORKER_CONCURRENCY: 4,
      WORKER_DRAIN_TIMEOUT_MS: 30_000,
      WORKER_QUEUE_SCHEMA: 'pgboss',
      LOG_LEVEL: 'info',
    });
  });

  it('takes five- and six-field cron expressions and numbers from strings', () => {
    const env = readWorkerEnv({
      DATABASE_URL: 'postgres://db/modelhub',
      METER_SWEEP_CRON: '*/10 * * * * *',
      WORKER_CONCURRENCY: '8',
    });
    expect(env).toMatchObject({ METER_SWEEP_CRON: '*/10 * * * * *', WORKER_CONCURRENCY: 8 });
  });

  it('names every wrong variable', () => {
    const read = () =>
      readWorkerEnv({
        DATABASE_URL: 'sqlite://x',
        METER_SWEEP_CRON: '* *',
        WORKER_CONCURRENCY: '0',
        WORKER_QUEUE_SCHEMA: 'Robert"); DROP',
        LOG_LEVEL: 'loud',
      });
    expect(read).toThrow(ConfigError);
    for (const name of [
      'DATABASE_URL',
      'METER_SWEEP_CRON',
      'WORKER_CONCURRENCY',
      'WORKER_QUEUE_SCHEMA',
      'LOG_LEVEL',
    ]) {
      expect(read).toThrow(name);
    }
  });
});
