// What can still change while a version is a DRAFT: its runtime config and its price; and a
// draft can be discarded. Once published, a version's settings are frozen (IMMUTABLE_VERSION).
import type { ArtifactStore } from '@modelhub/artifact-store';
import {
  withTenant,
  type Db,
  type ModelVersion,
  type Price,
  type Prisma,
  type Tx,
} from '@modelhub/db';
import type { ModelSignature } from '@modelhub/inference';
import { lockOwnedVersion, type VersionRef } from './owned-rows.ts';
import { parsePrice, type ParsedPrice, type PriceInput } from './price-input.ts';
import { RegistryError } from './registry-error.ts';
import { checkRuntimeConfigAgainstSignature, parseRuntimeConfig } from './runtime-config.ts';

export function assertDraft(version: ModelVersion): void {
  if (version.status !== 'DRAFT') {
    throw new RegistryError(
      'IMMUTABLE_VERSION',
      `version ${version.version} is ${version.status.toLowerCase()}; only drafts can change`,
      { status: version.status },
    );
  }
}

export async function updateDraftVersion(
  db: Db,
  input: VersionRef & { runtimeConfig: unknown },
): Promise<ModelVersion> {
  const runtimeConfig = parseRuntimeConfig(input.runtimeConfig);
  return withTenant(db, input.organizationId, async (tx) => {
    const version = await lockOwnedVersion(tx, input.organizationId, input.modelVersionId);
    assertDraft(version);
    checkRuntimeConfigAgainstSignature(runtimeConfig, {
      inputs: version.inputs,
      outputs: version.outputs,
    } as unknown as ModelSignature);
    return tx.modelVersion.update({
      where: { id: version.id },
      data: { runtimeConfig: runtimeConfig as Prisma.InputJsonObject },
    });
  });
}

/** Sets (or replaces) the price the draft will be published with. */
export async function setDraftPrice(
  db: Db,
  input: VersionRef & { price: PriceInput },
): Promise<Price> {
  const price = parsePrice(input.price);
  return withTenant(db, input.organizationId, async (tx) => {
    const version = await lockOwnedVersion(tx, input.organizationId, input.modelVersionId);
    assertDraft(version);
    return replaceDraftPrice(tx, version, price, new Date());
  });
}

/**
 * A draft has never been charged at any price, so its price rows can simply be replaced; the
 * close-and-open history of prices starts at publication.
 */
export async function replaceDraftPrice(
  tx: Tx,
  version: ModelVersion,
  price: ParsedPrice,
  effectiveFrom: Date,
): Promise<Price> {
  await tx.price.deleteMany({ where: { modelVersionId: version.id } });
  return tx.price.create({
    data: {
      modelVersionId: version.id,
      organizationId: version.organizationId,
      ...price,
      effectiveFrom,
    },
  });
}

/** Discards a draft: its row, its price and its stored file. */
export async function deleteDraftVersion(
  db: Db,
  store: ArtifactStore,
  input: VersionRef,
): Promise<void> {
  const deleted = await withTenant(db, input.organizationId, async (tx) => {
    const version = await lockOwnedVersion(tx, input.organizationId, input.modelVersionId);
    assertDraft(version);
    await tx.modelVersion.delete({ where: { id: version.id } });
    return version;
  });
  await store.delete(deleted.artifactKey);
}
