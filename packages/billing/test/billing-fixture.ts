// Real rows for billing tests: organizations, published versions with prices, API keys, and
// predictions recorded the way the api records them (tenant transaction, app role).
import { randomUUID } from 'node:crypto';
import {
  createDb,
  createSqlPool,
  generateApiKey,
  withTenant,
  withTenantSql,
  type BillingMode,
  type Db,
  type PriceUnit,
  type SqlPool,
} from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { recordSucceededPredictionBatch, type BatchOutcome } from '../src/usage-batch-recorder.ts';
import {
  recordSucceededPrediction,
  type RecordedUsage,
  type SucceededPrediction,
} from '../src/usage-recorder.ts';

export interface BillingFixture {
  test: TestDatabase;
  /** owner role: set-up, platform jobs and assertions */
  db: Db;
  /** the api's role, subject to row-level security */
  appDb: Db;
  /** the api's role on node-postgres, as its grouped charges run */
  appPool: SqlPool;
  close(): Promise<void>;
}

export async function createBillingFixture(): Promise<BillingFixture> {
  const test = await createTestDatabase();
  const appDb = createDb(test.appUrl, { maxConnections: 20 });
  const appPool = createSqlPool(test.appUrl);
  return {
    test,
    db: test.db,
    appDb,
    appPool,
    async close() {
      await appDb.$disconnect();
      await appPool.end();
      await test.drop();
    },
  };
}

const uniq = () => randomUUID().slice(0, 8);

export async function createOrganization(
  db: Db,
  options: {
    billingMode?: BillingMode;
    creditMicros?: bigint;
    monthlySpendLimitMicros?: bigint | null;
    stripeCustomerId?: string | null;
  } = {},
): Promise<{ id: string; slug: string }> {
  const slug = `org-${uniq()}`;
  const org = await db.organization.create({
    data: {
      slug,
      name: `Organization ${slug}`,
      billingMode: options.billingMode ?? 'PREPAID',
      monthlySpendLimitMicros: options.monthlySpendLimitMicros ?? null,
      stripeCustomerId: options.stripeCustomerId ?? null,
    },
  });
  if (options.creditMicros) {
    await db.ledgerEntry.create({
      data: {
        organizationId: org.id,
        kind: 'TRIAL_CREDIT',
        amountMicros: options.creditMicros,
        description: 'Trial credit',
      },
    });
  }
  return { id: org.id, slug };
}

export interface PublishedVersion {
  publisherOrganizationId: string;
  modelId: string;
  modelVersionId: string;
  priceId: string;
  label: string;
}

export async function createPublishedVersion(
  db: Db,
  publisherOrganizationId: string,
  price: { unit?: PriceUnit; amountMicros: bigint; freeAllowance?: number; currency?: string },
  options: { effectiveFrom?: Date; slug?: string } = {},
): Promise<PublishedVersion> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: publisherOrganizationId } });
  const slug = options.slug ?? `model-${uniq()}`;
  const model = await db.model.create({
    data: {
      organizationId: publisherOrganizationId,
      slug,
      name: slug,
      task: 'OTHER',
      visibility: 'PUBLIC',
    },
  });
  const effectiveFrom = options.effectiveFrom ?? new Date(Date.now() - 86_400_000);
  const version = await db.modelVersion.create({
    data: {
      modelId: model.id,
      organizationId: publisherOrganizationId,
      version: '1.0.0',
      status: 'PUBLISHED',
      artifactKey: `artifacts/${model.id}.onnx`,
      sha256: '0'.repeat(64),
      sizeBytes: 1n,
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 2] }],
      publishedAt: effectiveFrom,
    },
  });
  const row = await db.price.create({
    data: {
      modelVersionId: version.id,
      organizationId: publisherOrganizationId,
      unit: price.unit ?? 'PER_CALL',
      amountMicros: price.amountMicros,
      freeAllowance: price.freeAllowance ?? 0,
      currency: price.currency ?? 'usd',
      effectiveFrom,
    },
  });
  return {
    publisherOrganizationId,
    modelId: model.id,
    modelVersionId: version.id,
    priceId: row.id,
    label: `${org.slug}/${slug}@1.0.0`,
  };
}

export async function createApiKey(
  db: Db,
  organizationId: string,
  monthlySpendLimitMicros: bigint | null = null,
  name = `key ${uniq()}`,
): Promise<string> {
  const credentials = generateApiKey();
  const key = await db.apiKey.create({
    data: {
      organizationId,
      name,
      prefix: credentials.prefix,
      secretHash: credentials.secretHash,
      scopes: ['PREDICT'],
      monthlySpendLimitMicros,
    },
  });
  return key.id;
}

/** A successful call of `version` by `organizationId`, as the api would describe it. */
export function succeeded(
  version: PublishedVersion,
  organizationId: string,
  overrides: Partial<SucceededPrediction> = {},
): SucceededPrediction {
  return {
    organizationId,
    publisherOrganizationId: version.publisherOrganizationId,
    modelVersionId: version.modelVersionId,
    apiKeyId: null,
    userId: null,
    runnerId: null,
    idempotencyKey: null,
    output: null,
    metered: { items: 1, computeMs: 3 },
    queueMs: 1,
    totalMs: 5,
    startedAt: new Date(),
    price: null,
    ...overrides,
  };
}

/** Records like the api: one tenant transaction per call, on the app role. */
export async function recordAsApi(
  appDb: Db,
  prediction: SucceededPrediction,
): Promise<RecordedUsage> {
  return withTenant(
    appDb,
    prediction.organizationId,
    (tx) => recordSucceededPrediction(tx, prediction),
    // A burst of hundreds queues for the pool and the organization's lock on a shared machine.
    { timeout: 120_000, maxWait: 120_000 },
  );
}

/** Charges a group like the api's ChargeQueue: one transaction holding the billing lock. */
export async function chargeGroup(
  appPool: SqlPool,
  calls: readonly SucceededPrediction[],
): Promise<BatchOutcome[]> {
  return withTenantSql(
    appPool,
    calls[0]!.organizationId,
    (client) => recordSucceededPredictionBatch(client, calls),
    { billingLock: true },
  );
}
