// Publishes a composite version: one that has no ONNX file of its own but runs other model
// versions of the same publisher as the stages of a task pipeline (`runtimeConfig.pipeline`,
// e.g. OCR = detection -> recognition). Its artifact is a JSON manifest of the stages' pinned
// refs and digests, stored and hashed like an ONNX file. Idempotent like publishModelVersion:
// the same pipeline again is a no-op, another pipeline under a published version number is
// IMMUTABLE_VERSION.
import { randomUUID } from 'node:crypto';
import type { ArtifactStore } from '@modelhub/artifact-store';
import { tenantReadClient, withTenant, type Db, type Prisma } from '@modelhub/db';
import type { PipelineConfig, RuntimeConfig } from '@modelhub/inference';
import { deleteDraftVersion } from './draft-version.ts';
import { createModel } from './model-card.ts';
import { parseModelRef, resolveModelVersionOrThrow } from './model-ref.ts';
import {
  buildPipelineManifest,
  PIPELINE_PRODUCER,
  PIPELINE_STAGE_TASKS,
  pipelineStageRefs,
  type PipelineManifest,
  type PipelineStage,
} from './pipeline-manifest.ts';
import type { PriceInput } from './price-input.ts';
import { isUniqueViolation } from './prisma-errors.ts';
import type { PublishedModelVersion, PublishModelVersionInput } from './publish-model-version.ts';
import { isRegistryError, RegistryError } from './registry-error.ts';
import { parseRuntimeConfig } from './runtime-config.ts';
import { publishVersion } from './version-lifecycle.ts';
import { parseVersionNumber } from './version-number.ts';

export interface PublishPipelineVersionInput {
  organizationId: string;
  model: PublishModelVersionInput['model'];
  version: string;
  /** `{ pipeline: {...} }`: a composite version takes no runner settings */
  runtimeConfig: unknown;
  price: PriceInput;
}

/**
 * Refusals (RegistryError, nothing written): INVALID_SEMVER; INVALID_INPUT for a config without
 * a pipeline or with runner settings, a stage of another publisher, a stage whose model has the
 * wrong task, or a stage that is itself a pipeline; NOT_FOUND or VERSION_YANKED for a stage ref
 * that does not resolve; IMMUTABLE_VERSION; PRICE_REQUIRED and INVALID_INPUT for the price.
 */
export async function publishPipelineVersion(
  db: Db,
  store: ArtifactStore,
  input: PublishPipelineVersionInput,
): Promise<PublishedModelVersion> {
  const { organizationId } = input;
  const version = parseVersionNumber(input.version);
  const pipeline = pipelineOf(parseRuntimeConfig(input.runtimeConfig));
  const reader = tenantReadClient(db, organizationId);
  const manifest = buildPipelineManifest(
    pipeline,
    await resolveStages(reader, organizationId, pipeline),
  );

  const existing = await reader.modelVersion.findFirst({
    where: { version, model: { organizationId, slug: input.model.slug } },
  });
  if (existing) {
    if (existing.sha256 !== manifest.sha256) {
      throw new RegistryError(
        'IMMUTABLE_VERSION',
        `${input.model.slug}@${version} exists with another pipeline; versions are immutable`,
      );
    }
    if (existing.status !== 'DRAFT') {
      return { modelId: existing.modelId, modelVersionId: existing.id, created: false };
    }
    await publishVersion(db, { organizationId, modelVersionId: existing.id, price: input.price });
    return { modelId: existing.modelId, modelVersionId: existing.id, created: true };
  }

  const modelId = await findOrCreateModel(db, reader, input);
  const modelVersionId = await storeDraft(db, store, {
    organizationId,
    modelId,
    slug: input.model.slug,
    version,
    pipeline,
    manifest,
  });
  try {
    await publishVersion(db, { organizationId, modelVersionId, price: input.price });
  } catch (error) {
    await deleteDraftVersion(db, store, { organizationId, modelVersionId });
    throw error;
  }
  return { modelId, modelVersionId, created: true };
}

function pipelineOf(config: RuntimeConfig): PipelineConfig {
  const { pipeline, ...rest } = config;
  if (!pipeline) {
    throw new RegistryError(
      'INVALID_INPUT',
      'runtime config: a composite version needs `pipeline`',
    );
  }
  const others = Object.keys(rest);
  if (others.length) {
    throw new RegistryError(
      'INVALID_INPUT',
      `runtime config: a composite version runs no model of its own, so ${others.map((k) => `'${k}'`).join(', ')} cannot apply; set them on the stage versions`,
    );
  }
  return pipeline;
}

/**
 * Each stage as the publisher sees it: a published (or deprecated) ONNX version of one of its own
 * models with the task the stage needs. Other publishers' models are refused because the
 * composite's price is charged once and earned by its publisher alone; stage calls are not
 * charged, so a composite over someone else's models would run them unpaid.
 */
async function resolveStages(
  reader: Db,
  organizationId: string,
  pipeline: PipelineConfig,
): Promise<PipelineStage[]> {
  const stages: PipelineStage[] = [];
  for (const { role, ref } of pipelineStageRefs(pipeline)) {
    const parsed = parseModelRef(ref)!; // the runtime-config schema admits pinned refs only
    const stage = await resolveModelVersionOrThrow(reader, parsed);
    const where = `runtime config: pipeline.${role} '${ref}'`;
    if (stage.model.organizationId !== organizationId) {
      throw new RegistryError(
        'INVALID_INPUT',
        `${where} is another publisher's model; a pipeline runs its own publisher's models only`,
      );
    }
    const task = PIPELINE_STAGE_TASKS[pipeline.kind][role];
    if (stage.model.task !== task) {
      throw new RegistryError(
        'INVALID_INPUT',
        `${where} is a ${stage.model.task} model; the ${role} stage needs ${task}`,
      );
    }
    if (stage.producer === PIPELINE_PRODUCER) {
      throw new RegistryError('INVALID_INPUT', `${where} is itself a pipeline`);
    }
    stages.push({ role, ref, sha256: stage.sha256 });
  }
  return stages;
}

async function findOrCreateModel(
  db: Db,
  reader: Db,
  input: PublishPipelineVersionInput,
): Promise<string> {
  const where = { organizationId: input.organizationId, slug: input.model.slug };
  const found = await reader.model.findFirst({ where, select: { id: true } });
  if (found) return found.id;
  try {
    return (await createModel(db, { organizationId: input.organizationId, ...input.model })).id;
  } catch (error) {
    // created by a concurrent call in the meantime
    if (isRegistryError(error, 'SLUG_TAKEN')) {
      return (await reader.model.findFirstOrThrow({ where, select: { id: true } })).id;
    }
    throw error;
  }
}

/** The manifest in the store and a DRAFT row pointing at it; on any failure, neither. */
async function storeDraft(
  db: Db,
  store: ArtifactStore,
  draft: {
    organizationId: string;
    modelId: string;
    slug: string;
    version: string;
    pipeline: PipelineConfig;
    manifest: PipelineManifest;
  },
): Promise<string> {
  const { organizationId, modelId, version, manifest } = draft;
  const key = `models/${organizationId}/${modelId}/${version}/${randomUUID()}.json`;
  try {
    const stored = await store.put(key, manifest.bytes);
    const row = await withTenant(db, organizationId, (tx) =>
      tx.modelVersion.create({
        data: {
          modelId,
          organizationId,
          version,
          status: 'DRAFT',
          artifactKey: key,
          sha256: stored.sha256,
          sizeBytes: BigInt(stored.sizeBytes),
          producer: PIPELINE_PRODUCER,
          // A composite takes an image through the api, not tensors: it has no tensor signature.
          inputs: [],
          outputs: [],
          runtimeConfig: { pipeline: draft.pipeline } as Prisma.InputJsonObject,
        },
      }),
    );
    return row.id;
  } catch (error) {
    await store.delete(key).catch(() => undefined);
    if (isUniqueViolation(error)) {
      throw new RegistryError('DUPLICATE_VERSION', `${draft.slug}@${version} already exists`, {
        version,
      });
    }
    throw error;
  }
}
