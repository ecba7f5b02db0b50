// What every prediction looks up but rarely changes: the version a reference resolves to (with
// its price), the caller's billing mode and (for the early credit check only) its balance.
// Cached for a few seconds, because each Prisma query costs about 2 ms of CPU in the api and the
// hot path would otherwise spend most of its time here. Published versions are immutable; a new
// version, a price change or a visibility change is seen within `ttlMs`.
//
// A miss is read once however many requests miss together (LRUCache.fetch shares the read in
// flight): when an entry expires under load, the requests that find it gone wait for one query
// instead of each running their own, which at 64 concurrent calls was hundreds of queries every
// `ttlMs`.
import { balanceOf } from '@modelhub/billing';
import { tenantReadClient, withTenant, type BillingMode, type Db } from '@modelhub/db';
import { parseModelRef, resolveModelVersion, type ResolvedModelVersion } from '@modelhub/registry';
import { LRUCache } from 'lru-cache';
import { AppError } from '../app-error.ts';

type ModelRef = NonNullable<ReturnType<typeof parseModelRef>>;
// Values are wrapped: a cache holds objects, and "no such version" (null) is an answer too.
interface VersionEntry {
  version: ResolvedModelVersion | null;
}
interface VersionQuery {
  ref: ModelRef;
  organizationId: string | null;
}

export class PredictionLookups {
  private readonly versions: LRUCache<string, VersionEntry, VersionQuery>;
  private readonly billingModes: LRUCache<string, { mode: BillingMode }>;
  private readonly balances: LRUCache<string, { balanceMicros: bigint }>;

  constructor(db: Db, ttlMs: number) {
    const ttl = Math.max(1, ttlMs);
    this.versions = new LRUCache({
      max: 10_000,
      ttl,
      fetchMethod: async (_key, _stale, { context }) => ({
        version: await resolveModelVersion(
          tenantReadClient(db, context.organizationId),
          context.ref,
        ),
      }),
    });
    this.billingModes = new LRUCache({
      max: 10_000,
      ttl,
      fetchMethod: async (organizationId) => {
        const org = await db.organization.findUniqueOrThrow({
          where: { id: organizationId },
          select: { billingMode: true },
        });
        return { mode: org.billingMode };
      },
    });
    this.balances = new LRUCache({
      max: 10_000,
      ttl,
      fetchMethod: async (organizationId) => ({
        balanceMicros: await withTenant(db, organizationId, (tx) => balanceOf(tx, organizationId)),
      }),
    });
  }

  /**
   * The organization's balance as read within the last `ttlMs`, or undefined. Only for the
   * early credit check: the charge itself reads the balance under the billing lock.
   */
  recentBalance(organizationId: string): bigint | undefined {
    return this.balances.get(organizationId)?.balanceMicros;
  }

  /** The balance read now (or by a read already in flight), and remembered. */
  async freshBalance(organizationId: string): Promise<bigint> {
    const entry = await this.balances.fetch(organizationId, { forceRefresh: true });
    return entry!.balanceMicros;
  }

  /** The version a ref names, as the caller may see it: others' private models do not exist. */
  async visibleVersion(
    modelRef: string,
    organizationId: string | null,
  ): Promise<ResolvedModelVersion> {
    const ref = parseModelRef(modelRef);
    if (!ref) {
      throw new AppError(
        'BAD_USER_INPUT',
        `'${modelRef}' is not a model reference; expected "org/model" or "org/model@1.2.3"`,
      );
    }
    // Per organization: row-level security shows each caller its own private models.
    const cacheKey = `${organizationId ?? ''} ${modelRef}`;
    const entry = await this.versions.fetch(cacheKey, { context: { ref, organizationId } });
    const version = entry!.version;
    if (
      !version ||
      (version.model.visibility === 'PRIVATE' && version.model.organizationId !== organizationId)
    ) {
      throw new AppError('NOT_FOUND', `model '${modelRef}' not found`);
    }
    return version;
  }

  async billingMode(organizationId: string): Promise<BillingMode> {
    const entry = await this.billingModes.fetch(organizationId);
    return entry!.mode;
  }
}
