// Rows looked up on behalf of an organization: another organization's model or version answers
// exactly like one that does not exist.
import type { Model, ModelVersion, Tx } from '@modelhub/db';
import { RegistryError } from './registry-error.ts';

/** A version as its publisher's organization refers to it. */
export interface VersionRef {
  organizationId: string;
  modelVersionId: string;
}

export async function findOwnedModel(
  tx: Tx,
  organizationId: string,
  modelId: string,
): Promise<Model> {
  const model = await tx.model.findFirst({ where: { id: modelId, organizationId } });
  if (!model) throw new RegistryError('NOT_FOUND', `model '${modelId}' not found`);
  return model;
}

/** The version, locked against concurrent status changes until the transaction ends. */
export async function lockOwnedVersion(
  tx: Tx,
  organizationId: string,
  modelVersionId: string,
): Promise<ModelVersion> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ModelVersion"
    WHERE id = ${modelVersionId} AND "organizationId" = ${organizationId}
    FOR UPDATE`;
  if (locked.length === 0) {
    throw new RegistryError('NOT_FOUND', `model version '${modelVersionId}' not found`);
  }
  return tx.modelVersion.findUniqueOrThrow({ where: { id: modelVersionId } });
}
