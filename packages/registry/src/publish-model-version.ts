// Publishes one version of a model from a file in one call, creating the model when it is new:
// what seeding the demo zoo needs. Built on the registry's steps (upload a draft, publish it),
// so a seeded version passes the same checks as an uploaded one. Idempotent: the same version
// with the same bytes again is a no-op; with other bytes it is IMMUTABLE_VERSION.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { Db, ModelTask, Prisma, PriceUnit, Visibility } from '@modelhub/db';
import { deleteDraftVersion } from './draft-version.ts';
import { createModel } from './model-card.ts';
import { RegistryError, isRegistryError } from './registry-error.ts';
import { uploadDraftVersion } from './upload-draft-version.ts';
import { publishVersion } from './version-lifecycle.ts';

export interface PublishModelVersionInput {
  organizationId: string;
  model: {
    slug: string;
    name: string;
    task: ModelTask;
    summary: string;
    description: string;
    license: string;
    tags: string[];
    visibility: Visibility;
  };
  version: string;
  /** path of the .onnx file */
  file: string;
  price: { unit: PriceUnit; amountMicros: bigint; freeAllowance: number };
  /** batching, warm-up and preprocessing settings for runners */
  runtimeConfig?: Prisma.InputJsonObject;
}

export interface PublishedModelVersion {
  modelId: string;
  modelVersionId: string;
  /** false when the same version with the same bytes was already published */
  created: boolean;
}

export async function publishModelVersion(
  db: Db,
  store: ArtifactStore,
  input: PublishModelVersionInput,
): Promise<PublishedModelVersion> {
  const { organizationId } = input;
  const existing = await db.modelVersion.findFirst({
    where: { version: input.version, model: { organizationId, slug: input.model.slug } },
  });
  if (existing) {
    if (existing.sha256 !== (await sha256OfFile(input.file))) {
      throw new RegistryError(
        'IMMUTABLE_VERSION',
        `${input.model.slug}@${input.version} exists with other bytes; versions are immutable`,
      );
    }
    if (existing.status !== 'DRAFT') {
      return { modelId: existing.modelId, modelVersionId: existing.id, created: false };
    }
    await publishVersion(db, { organizationId, modelVersionId: existing.id, price: input.price });
    return { modelId: existing.modelId, modelVersionId: existing.id, created: true };
  }

  const model = await findOrCreateModel(db, input);
  const { version } = await uploadDraftVersion(db, store, {
    organizationId,
    modelId: model.id,
    version: input.version,
    body: createReadStream(input.file),
    // the publisher's own file from disk: no upload limit applies
    maxBytes: Number.MAX_SAFE_INTEGER,
    runtimeConfig: input.runtimeConfig,
  });
  try {
    await publishVersion(db, { organizationId, modelVersionId: version.id, price: input.price });
  } catch (error) {
    await deleteDraftVersion(db, store, { organizationId, modelVersionId: version.id });
    throw error;
  }
  return { modelId: model.id, modelVersionId: version.id, created: true };
}

async function findOrCreateModel(db: Db, input: PublishModelVersionInput): Promise<{ id: string }> {
  const where = { organizationId: input.organizationId, slug: input.model.slug };
  const found = await db.model.findFirst({ where, select: { id: true } });
  if (found) return found;
  try {
    return await createModel(db, { organizationId: input.organizationId, ...input.model });
  } catch (error) {
    // created by a concurrent call in the meantime
    if (isRegistryError(error, 'SLUG_TAKEN')) return db.model.findFirstOrThrow({ where });
    throw error;
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
