// What every prediction looks up but rarely changes: the version a reference resolves to (with
// its price), the caller's billing mode and (for the early credit check only) its balance. Cached for a few seconds, because each Prisma query
// costs about 2 ms of CPU in the api and the hot path would otherwise spend most of its time
// here. Published versions are immutable; a new version, a price change or a visibility change
// is seen within `ttlMs`.
import { tenantReadClient, type BillingMode, type Db } from '@modelhub/db';
import { parseModelRef, resolveModelVersion, type ResolvedModelVersion } from '@modelhub/registry';
import { LRUCache } from 'lru-cache';
import { AppError } from '../app-error.ts';

export class PredictionLookups {
  private readonly versions: LRUCache<string, { version: ResolvedModelVersion | null }>;
  private readonly billingModes: LRUCache<string, { mode: BillingMode }>;
  private readonly balances: LRUCache<string, { balanceMicros: bigint }>;

  constructor(
    private readonly db: Db,
    ttlMs: number,
  ) {
    this.versions = new LRUCache({ max: 10_000, ttl: Math.max(1, ttlMs) });
    this.billingModes = new LRUCache({ max: 10_000, ttl: Math.max(1, ttlMs) });
    this.balances = new LRUCache({ max: 10_000, ttl: Math.max(1, ttlMs) });
  }

  /**
   * The organization's balance as read within the last `ttlMs`, or undefined. Only for the
   * early credit check: the charge itself reads the balance under the billing lock.
   */
  recentBalance(organizationId: string): bigint | undefined {
    return this.balances.get(organizationId)?.balanceMicros;
  }

  rememberBalance(organizationId: string, balanceMicros: bigint): void {
    this.balances.set(organizationId, { balanceMicros });
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
    let entry = this.versions.get(cacheKey);
    if (!entry) {
      const reader = tenantReadClient(this.db, organizationId);
      entry = { version: await resolveModelVersion(reader, ref) };
      this.versions.set(cacheKey, entry);
    }
    const version = entry.version;
    if (
      !version ||
      (version.model.visibility === 'PRIVATE' && version.model.organizationId !== organizationId)
    ) {
      throw new AppError('NOT_FOUND', `model '${modelRef}' not found`);
    }
    return version;
  }

  async billingMode(organizationId: string): Promise<BillingMode> {
    let entry = this.billingModes.get(organizationId);
    if (!entry) {
      const org = await this.db.organization.findUniqueOrThrow({
        where: { id: organizationId },
        select: { billingMode: true },
      });
      entry = { mode: org.billingMode };
      this.billingModes.set(organizationId, entry);
    }
    return entry.mode;
  }
}
