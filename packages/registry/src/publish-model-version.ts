// Publishes one version of a model: stores the artifact, reads its signature by loading it in
// onnxruntime, and records model, version and price in one transaction.
import { createReadStream } from 'node:fs';
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { Db, ModelTask, Prisma, PriceUnit, Visibility } from '@modelhub/db';
import { loadOnnxModel } from '@modelhub/runner-onnx';

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
  const org = await db.organization.findUniqueOrThrow({ where: { id: input.organizationId } });
  const key = `models/${org.slug}/${input.model.slug}/${input.version}/model.onnx`;
  const artifact = await store.put(key, createReadStream(input.file));

  const existing = await db.modelVersion.findFirst({
    where: { version: input.version, model: { organizationId: org.id, slug: input.model.slug } },
  });
  if (existing) {
    if (existing.sha256 !== artifact.sha256) {
      throw new Error(
        `${org.slug}/${input.model.slug}@${input.version} is published with other bytes; versions are immutable`,
      );
    }
    return { modelId: existing.modelId, modelVersionId: existing.id, created: false };
  }

  const onnx = await loadOnnxModel(await store.getVerified(key, artifact.sha256));
  const signature = onnx.signature;
  await onnx.dispose();

  return db.$transaction(async (tx) => {
    const model = await tx.model.upsert({
      where: { organizationId_slug: { organizationId: org.id, slug: input.model.slug } },
      update: {},
      create: { organizationId: org.id, ...input.model },
    });
    const version = await tx.modelVersion.create({
      data: {
        modelId: model.id,
        organizationId: org.id,
        version: input.version,
        status: 'PUBLISHED',
        artifactKey: artifact.key,
        sha256: artifact.sha256,
        sizeBytes: BigInt(artifact.sizeBytes),
        inputs: signature.inputs as unknown as Prisma.InputJsonArray,
        outputs: signature.outputs as unknown as Prisma.InputJsonArray,
        runtimeConfig: input.runtimeConfig ?? {},
        publishedAt: new Date(),
      },
    });
    await tx.price.create({
      data: { modelVersionId: version.id, organizationId: org.id, ...input.price },
    });
    return { modelId: model.id, modelVersionId: version.id, created: true };
  });
}
