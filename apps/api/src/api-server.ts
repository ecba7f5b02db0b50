// Builds and starts the api: Apollo Server (GraphQL at /graphql) on fastify, plus health routes.
import { Readable } from 'node:stream';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createDb, createSqlPool, loggableError } from '@modelhub/db';
import pino, { type Logger } from 'pino';
import { AppError, toAppError } from './app-error.ts';
import { artifactStoreFromEnv, type ArtifactStore } from '@modelhub/artifact-store';
import { stripeAdapterFromEnv, type StripeAdapter } from '@modelhub/billing';
import { createMailer } from '@modelhub/identity';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator.ts';
import { RateLimits } from './auth/rate-limits.ts';
import { RequestAuthenticator } from './auth/request-authenticator.ts';
import { SessionAuthenticator } from './auth/session-authenticator.ts';
import { contextFor, originOf, type ApiContext, type ApiServices } from './context.ts';
import { queryLimitProtection, withQueryLimitCode } from './graphql/query-limits.ts';
import { schema } from './graphql/schema.ts';
import { registerArtifactUploadRoutes } from './http/artifact-upload-routes.ts';
import { registerPipelineRoutes } from './http/pipeline-routes.ts';
import { registerBillingRoutes } from './http/billing-routes.ts';
import { registerEvaluationRoutes } from './http/evaluation-routes.ts';
import {
  authenticatedCaller,
  decorateAuthentication,
  startAuthentication,
} from './http/early-authentication.ts';
import { registerHealthRoutes } from './http/health-routes.ts';
import { parseJsonBody } from './http/json-body.ts';
import { LongStrings } from './http/long-strings.ts';
import { registerV2InferRoutes, v2ErrorReply } from './http/v2-infer-routes.ts';
import { ApiJobQueue } from './predictions/async/job-queue.ts';
import { CHARGE_POOL, ChargeQueue } from './predictions/charge-queue.ts';
import { startPredictionWorkers } from './predictions/async/prediction-workers.ts';
import { PredictionLookups } from './predictions/prediction-lookups.ts';
import { RunnerRouter } from './routing/runner-router.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** long tensor data of the request and its answer, kept as bytes (see long-strings.ts) */
    longStrings: LongStrings | null;
  }
}

export interface ApiOptions {
  databaseUrl: string;
  host?: string;
  /** 0 picks a free port */
  port?: number;
  maxBodyBytes?: number;
  runnerTimeoutMs?: number;
  runnerStaleMs?: number;
  apiKeyCacheMs?: number;
  /** how long a resolved model version and an organization's billing mode are reused */
  lookupCacheMs?: number;
  /** the secret of the portal's next-auth sessions; without it only API keys are accepted */
  authSecret?: string;
  /** the portal's address, for links in emails */
  portalUrl?: string;
  /** send email through this SMTP server; without it emails go to the dev mailbox */
  smtpUrl?: string;
  mailFrom?: string;
  /** requests per minute for keys and users without a limit of their own */
  rateLimitPerMinute?: number;
  /** failed sign-ins per email in `signInWindowSeconds` before further attempts are refused */
  signInAttempts?: number;
  signInWindowSeconds?: number;
  /** where uploaded model files go (default: from the environment, like the runner's) */
  artifactStore?: ArtifactStore;
  /** Stripe (tests pass one on a fake server); null forces ledger-only; default from the env */
  stripe?: StripeAdapter | null;
  /** the largest model file accepted by the upload route */
  maxUploadBytes?: number;
  /** async predictions (and webhook deliveries) this process runs at once; 0: it only queues */
  predictionConcurrency?: number;
  /** how long a finished async prediction's inputs and outputs are kept (default 24 h) */
  predictionRetentionMs?: number;
  /** seconds without a heartbeat before a running prediction is given to another worker */
  predictionHeartbeatSeconds?: number;
  /** how often stopped workers' jobs are looked for (seconds) */
  jobSuperviseIntervalSeconds?: number;
  /** webhook retries after the first attempt, and the first retry's delay (doubling) */
  webhookRetryLimit?: number;
  webhookRetryDelaySeconds?: number;
  webhookTimeoutMs?: number;
  /** deliver webhooks to loopback and private addresses (development and tests only) */
  webhookAllowInternal?: boolean;
  logger?: Logger;
}

export interface RunningApi {
  url: string;
  app: FastifyInstance;
  services: ApiServices;
  close(): Promise<void>;
}

export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const logger = options.logger ?? pino({ name: 'api' });
  const db = createDb(options.databaseUrl, { maxConnections: 20 });
  const chargePool = createSqlPool(options.databaseUrl, CHARGE_POOL);
  const apiKeys = new ApiKeyAuthenticator(db, options.apiKeyCacheMs ?? 5_000);
  const rateLimits = new RateLimits({
    databaseUrl: options.databaseUrl,
    defaultPerMinute: options.rateLimitPerMinute ?? 600,
    signInAttempts: options.signInAttempts ?? 10,
    signInWindowSeconds: options.signInWindowSeconds ?? 15 * 60,
  });
  const predictionConcurrency = options.predictionConcurrency ?? 4;
  const queue = new ApiJobQueue({
    databaseUrl: options.databaseUrl,
    heartbeatSeconds: options.predictionHeartbeatSeconds ?? 30,
    superviseIntervalSeconds: options.jobSuperviseIntervalSeconds ?? 15,
    webhookRetryLimit: options.webhookRetryLimit ?? 8,
    webhookRetryDelaySeconds: options.webhookRetryDelaySeconds ?? 5,
    webhookRetryDelayMaxSeconds: 60 * 60,
    maxConnections: Math.max(2, predictionConcurrency) + 2,
  });
  await queue.start((error) => logger.error({ err: loggableError(error) }, 'job queue error'));
  const services: ApiServices = {
    db,
    router: new RunnerRouter(db, {
      staleMs: options.runnerStaleMs ?? 15_000,
      timeoutMs: options.runnerTimeoutMs ?? 30_000,
    }),
    apiKeys,
    authenticator: new RequestAuthenticator(
      apiKeys,
      new SessionAuthenticator(db, options.authSecret),
      rateLimits,
    ),
    rateLimits,
    lookups: new PredictionLookups(db, options.lookupCacheMs ?? 5_000),
    charges: new ChargeQueue(db, chargePool),
    mailer: createMailer({
      smtpUrl: options.smtpUrl,
      from: options.mailFrom ?? 'Modelhub <no-reply@modelhub.local>',
      log: (message) => logger.info(message),
    }),
    portalUrl: options.portalUrl ?? 'http://127.0.0.1:3000',
    authSecret: options.authSecret,
    artifactStore: options.artifactStore ?? artifactStoreFromEnv(),
    stripe: options.stripe !== undefined ? options.stripe : stripeAdapterFromEnv(),
    maxUploadBytes: options.maxUploadBytes ?? 512 * 1024 * 1024,
    queue,
    retentionMs: options.predictionRetentionMs ?? 24 * 60 * 60 * 1000,
    logger,
  };
  await startPredictionWorkers(services, {
    concurrency: predictionConcurrency,
    pollingIntervalSeconds: 2,
    webhooks: {
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      allowInternal: options.webhookAllowInternal ?? false,
    },
  });
  if (!options.authSecret) logger.warn('AUTH_SECRET is not set: portal sessions are refused');
  if (!services.stripe) logger.info('STRIPE_SECRET_KEY is not set: billing runs ledger-only');
  if (services.mailer.mode === 'dev-mailbox') {
    logger.info('SMTP_URL is not set: emails go to the log and the dev mailbox');
  }

  // Typed as fastify's logger so the instance has fastify's default generics.
  const httpLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: httpLogger,
    bodyLimit: options.maxBodyBytes ?? 32 * 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
  });
  const limits = queryLimitProtection();
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: true,
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugin objects are the same.
      ...(limits.plugins as unknown as ApolloServerPlugin<ApiContext>[]),
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      // No field has a cache hint, and the plugin wraps every resolver to collect them: 11% of
      // the api's CPU per classifier prediction (bench/README.md). Every answer is `no-store`
      // (the route's onSend), as the plugin made it.
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    formatError(formattedError, error) {
      const formatted = withQueryLimitCode(formattedError);
      const original = (error as { originalError?: unknown }).originalError ?? error;
      if (original instanceof AppError || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
        return formatted;
      }
      const mapped = toAppError(original);
      if (mapped instanceof AppError) {
        const { http: _http, ...extensions } = mapped.extensions as Record<string, unknown>;
        return { message: mapped.message, path: formatted.path, extensions };
      }
      // Unexpected failures are logged with their detail and answered without it.
      logger.error({ err: original }, 'unexpected GraphQL error');
      return { message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  await apollo.start();

  // JSON bodies are parsed from their bytes, with long tensor data kept as bytes (json-body.ts),
  // and without the prototype-key scan of fastify's default parser (a third of the request's CPU
  // in profiles), which buys nothing since graphql-js coerces variables into fresh objects.
  app.decorateRequest('longStrings', null);
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let parsed;
    try {
      parsed = parseJsonBody(body as Buffer);
    } catch {
      done(Object.assign(new Error('request body is not valid JSON'), { statusCode: 400 }));
      return;
    }
    req.longStrings = parsed.longStrings;
    done(null, parsed.value);
  });
  registerHealthRoutes(app, services);
  const graphql = fastifyApolloHandler(apollo, {
    context: async (request, reply) => {
      const principal = await authenticatedCaller(services.authenticator, request, reply);
      return contextFor(services, principal, originOf(request.headers, request.ip), {
        longStrings: (request.longStrings ??= new LongStrings()),
      });
    },
  });
  decorateAuthentication(app);
  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    onRequest: startAuthentication(services.authenticator),
    handler: graphql,
    // The answer, never to be cached (it depends on the caller), with the long strings its
    // resolvers kept aside spliced back in, written out piece by piece.
    onSend: async (request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      const answer =
        typeof payload === 'string' && request.longStrings?.size
          ? request.longStrings.spliceInto(payload)
          : null;
      if (!answer) return payload;
      reply.header('content-length', answer.byteLength);
      return Readable.from(answer.chunks);
    },
  });
  registerV2InferRoutes(app, services);
  registerArtifactUploadRoutes(app, services);
  registerEvaluationRoutes(app, services);
  registerBillingRoutes(app, services);
  registerPipelineRoutes(app, services);
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, req, reply) => {
    const v2 = req.url.startsWith('/v2/');
    if (v2) {
      const handled = v2ErrorReply(error, reply);
      if (handled) return handled;
    }
    const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    const status = tooLarge
      ? 413
      : error.statusCode && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 500) logger.error({ err: error }, 'request failed');
    const code = tooLarge
      ? 'PAYLOAD_TOO_LARGE'
      : status === 500
        ? 'INTERNAL_SERVER_ERROR'
        : v2
          ? 'BAD_USER_INPUT'
          : 'BAD_REQUEST';
    const message = tooLarge
      ? 'request body too large'
      : status === 500
        ? 'internal server error'
        : error.message;
    return reply
      .code(status)
      .send(v2 ? { error: message, code } : { errors: [{ message, extensions: { code } }] });
  });

  const address = await app.listen({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4000,
  });
  const url = address.replace('0.0.0.0', '127.0.0.1');
  logger.info({ url }, 'api ready');
  return {
    url,
    app,
    services,
    async close() {
      await app.close(); // drains Apollo too
      // Running predictions get a moment to finish; any still running is picked up again by
      // another api process once its heartbeat is missed.
      await queue.stop(true, 10_000);
      await services.router.close();
      await rateLimits.close();
      await chargePool.end();
      await db.$disconnect();
    },
  };
}
