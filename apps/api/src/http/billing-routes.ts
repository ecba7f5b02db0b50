// Billing's plain HTTP routes:
// - `POST /webhooks/stripe`: Stripe's events, verified on the raw body with the webhook secret
//   (400 for a bad signature, nothing changed); each event id is processed once. Answers 503 in
//   ledger-only mode, so Stripe retries once it is configured.
// - `GET /billing/usage.csv?from=&to=&groupBy=day|model|version|key`: the usage report as CSV,
//   for callers with usage.read (a session or an API key).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleStripeWebhook, usageReport, usageReportCsv } from '@modelhub/billing';
import { AppError } from '../app-error.ts';
import { requirePermission } from '../auth/principal.ts';
import { rateLimitHeaders } from '../auth/rate-limits.ts';
import type { ApiServices } from '../context.ts';
import { withTenant } from '@modelhub/db';
import { sendAppError } from './error-body.ts';

const MAX_WEBHOOK_BYTES = 1024 * 1024;

export function registerBillingRoutes(app: FastifyInstance, services: ApiServices): void {
  void app.register(async (scope) => {
    // The signature covers the exact bytes Stripe sent: keep them unparsed here.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.post('/webhooks/stripe', (req, reply) =>
      stripeWebhook(services, req, reply).catch((error) => sendAppError(error, reply)),
    );
  });
  app.get('/billing/usage.csv', (req, reply) =>
    usageCsv(services, req, reply).catch((error) => sendAppError(error, reply)),
  );
}

async function stripeWebhook(services: ApiServices, req: FastifyRequest, reply: FastifyReply) {
  if (!services.stripe) {
    throw new AppError('SERVICE_UNAVAILABLE', 'billing runs ledger-only: Stripe is not configured');
  }
  const signature = req.headers['stripe-signature'];
  if (typeof signature !== 'string' || !Buffer.isBuffer(req.body)) {
    throw new AppError('BAD_USER_INPUT', 'a Stripe event needs its Stripe-Signature header');
  }
  const outcome = await handleStripeWebhook(services.db, services.stripe, req.body, signature);
  return reply.send({ received: true, status: outcome.status });
}

async function usageCsv(services: ApiServices, req: FastifyRequest, reply: FastifyReply) {
  const { principal, rateLimit } = await services.authenticator.authenticate(req.headers);
  if (rateLimit) reply.headers(rateLimitHeaders(rateLimit));
  const caller = requirePermission(principal, 'usage.read');
  const query = req.query as { from?: string; to?: string; groupBy?: string };
  const rows = await withTenant(services.db, caller.organizationId, (tx) =>
    usageReport(tx, {
      organizationId: caller.organizationId,
      from: new Date(query.from ?? ''),
      to: new Date(query.to ?? ''),
      groupBy: (query.groupBy ?? 'day') as 'day',
    }),
  );
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="usage-${query.groupBy ?? 'day'}.csv"`)
    .send(usageReportCsv(rows));
}
