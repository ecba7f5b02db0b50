// Everything a request's resolvers may use, built once per request (authentication included).
import type { IncomingHttpHeaders } from 'node:http';
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { StripeAdapter } from '@modelhub/billing';
import { tenantReadClient, withTenant, type Db, type Organization, type Tx } from '@modelhub/db';
import type { Mailer } from '@modelhub/identity';
import { modelUsageCounts } from './catalog/list-models.ts';
import type { ApiKeyAuthenticator } from './auth/api-key-authenticator.ts';
import type { Principal } from './auth/principal.ts';
import type { RateLimits } from './auth/rate-limits.ts';
import type { RequestAuthenticator } from './auth/request-authenticator.ts';
import type { Logger } from 'pino';
import type { ApiJobQueue } from './predictions/async/job-queue.ts';
import type { ChargeQueue } from './predictions/charge-queue.ts';
import type { LongStrings } from './http/long-strings.ts';
import type { PredictionLookups } from './predictions/prediction-lookups.ts';
import type { RunnerRouter } from './routing/runner-router.ts';

export interface ApiServices {
  /** the app role's client: row-level security applies; reach tenant rows via `withTenant` */
  db: Db;
  router: RunnerRouter;
  apiKeys: ApiKeyAuthenticator;
  authenticator: RequestAuthenticator;
  rateLimits: RateLimits;
  lookups: PredictionLookups;
  /** the organizations' turns for charging (group commit of plain calls) */
  charges: ChargeQueue;
  mailer: Mailer;
  /** where emailed links point */
  portalUrl: string;
  /** the portal's next-auth secret (sessions, OAuth assertions); unset: API keys only */
  authSecret: string | undefined;
  /** Stripe, or null in ledger-only mode */
  stripe: StripeAdapter | null;
  /** where uploaded model files go */
  artifactStore: ArtifactStore;
  maxUploadBytes: number;
  /** async predictions and webhook deliveries */
  queue: ApiJobQueue;
  /** how long a finished async prediction's inputs and outputs are kept */
  retentionMs: number;
  logger: Logger;
}

/** Per-request memoised lookups, so a list of models loads each publisher once. */
export interface RequestLoaders {
  organization(id: string): Promise<Organization>;
  /** calls per model in the last 30 days, loaded once per request */
  modelUsage(): Promise<Map<string, number>>;
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface ApiContext {
  services: ApiServices;
  principal: Principal | null;
  /** the organization the caller acts for, when authenticated */
  organizationId: string | null;
  /** reads as the caller: row-level security scopes them to the caller's organization */
  db: Db;
  /** a transaction as the caller, for writes that must be atomic */
  tenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  loaders: RequestLoaders;
  origin: RequestOrigin;
  /** long tensor data of the request and its answer, kept as bytes (see long-strings.ts) */
  longStrings: LongStrings;
}

function createLoaders(db: Db): RequestLoaders {
  const organizations = new Map<string, Promise<Organization>>();
  let usage: Promise<Map<string, number>> | undefined;
  return {
    modelUsage: () => (usage ??= modelUsageCounts(db)),
    organization(id) {
      let org = organizations.get(id);
      if (!org) organizations.set(id, (org = db.organization.findUniqueOrThrow({ where: { id } })));
      return org;
    },
  };
}

export function contextFor(
  services: ApiServices,
  principal: Principal | null,
  origin: RequestOrigin,
  body: { longStrings: LongStrings },
): ApiContext {
  return new RequestContext(services, principal, origin, body.longStrings);
}

/**
 * A class, with `db` a getter on its prototype, because Apollo Server copies the context object
 * for each operation (Object.assign onto an object of the same prototype): an own getter would
 * be called by that copy, building the tenant client (a Prisma extension, several kilobytes of
 * allocations) for every request, most of which, predictions among them, never read through it.
 */
class RequestContext implements ApiContext {
  readonly organizationId: string | null;
  readonly loaders: RequestLoaders;
  /** the reader once built; an own field, so Apollo's copy starts without one too */
  private reader: Db | undefined;

  constructor(
    readonly services: ApiServices,
    readonly principal: Principal | null,
    readonly origin: RequestOrigin,
    readonly longStrings: LongStrings,
  ) {
    this.organizationId = principal?.organizationId ?? null;
    this.loaders = createLoaders(services.db);
  }

  private get userId(): string | null {
    return this.principal?.kind === 'user' ? this.principal.userId : null;
  }

  get db(): Db {
    return (this.reader ??= tenantReadClient(this.services.db, this.organizationId, this.userId));
  }

  tenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const userId = this.userId;
    return withTenant(this.services.db, this.organizationId, fn, userId ? { userId } : {});
  }
}

export function originOf(
  headers: IncomingHttpHeaders,
  socketIp: string | undefined,
): RequestOrigin {
  const forwarded = headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return { ip: first || socketIp || null, userAgent: headers['user-agent'] ?? null };
}
