// Entry point of an api process: `npm start -w @modelhub/api`.
// graphql-js chooses its `instanceOf` when loaded: outside production it runs a cross-realm check
// on every coerced value, which cost ~12 ms per 27k-element tensor in profiles. So the mode is
// set before anything imports graphql.
// (Cast: next-auth's types pull in Next's, which declare NODE_ENV read-only.)
(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';

const { default: pino } = await import('pino');
const { startApi } = await import('./api-server.ts');
const { readApiEnv } = await import('./env.ts');

const env = readApiEnv();
const logger = pino({ name: 'api', level: env.LOG_LEVEL });
const api = await startApi({
  databaseUrl: env.DATABASE_URL,
  host: env.API_HOST,
  port: env.API_PORT,
  maxBodyBytes: env.API_MAX_BODY_BYTES,
  maxUploadBytes: env.API_MAX_UPLOAD_BYTES,
  runnerTimeoutMs: env.API_RUNNER_TIMEOUT_MS,
  runnerStaleMs: env.API_RUNNER_STALE_MS,
  apiKeyCacheMs: env.API_KEY_CACHE_MS,
  lookupCacheMs: env.API_LOOKUP_CACHE_MS,
  portalUrl: env.PORTAL_URL,
  mailFrom: env.MAIL_FROM,
  rateLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
  signInAttempts: env.API_SIGN_IN_ATTEMPTS,
  predictionConcurrency: env.API_PREDICTION_CONCURRENCY,
  predictionRetentionMs: env.API_PREDICTION_RETENTION_HOURS * 60 * 60 * 1000,
  webhookAllowInternal: env.API_WEBHOOK_ALLOW_INTERNAL,
  ...(env.AUTH_SECRET ? { authSecret: env.AUTH_SECRET } : {}),
  ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
  logger,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await api.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void shutdown(signal));
process.on('disconnect', () => void shutdown('parent exited'));
