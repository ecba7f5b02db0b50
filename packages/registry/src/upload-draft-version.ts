// Uploading a new version of a model: the file streams into the artifact store under a key of
// its own, is inspected and loaded in a separate onnxruntime process, and only then becomes a
// DRAFT row. Any refusal removes the stored file, so nothing of a failed upload remains.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ArtifactError, type ArtifactStore } from '@modelhub/artifact-store';
import { withTenant, type Db, type ModelVersion, type Prisma } from '@modelhub/db';
import { findOwnedModel } from './owned-rows.ts';
import { inspectOnnx, type InspectionLimits, type OnnxInspection } from './onnx-inspection.ts';
import { isMissingReference, isUniqueViolation } from './prisma-errors.ts';
import { RegistryError } from './registry-error.ts';
import { checkRuntimeConfigAgainstSignature, parseRuntimeConfig } from './runtime-config.ts';
import {
  validateOnnxInChildProcess,
  type ValidatedOnnx,
} from './validation/validate-in-child-process.ts';
import type { ValidationLimits } from './validation/validation-limits.ts';
import { parseVersionNumber } from './version-number.ts';

export interface UploadDraftVersionInput {
  organizationId: string;
  modelId: string;
  /** canonical semver, e.g. 1.2.0 or 2.0.0-rc.1 (no build metadata) */
  version: string;
  /**
   * The .onnx file. A stream is read once, as it arrives; when the input is refused before
   * storing (bad version, unknown model, duplicate) it is left unread for the caller to discard.
   */
  body: Readable | Uint8Array;
  /** the most bytes accepted; beyond it the upload stops with TOO_LARGE */
  maxBytes: number;
  runtimeConfig?: unknown;
  validationLimits?: Partial<ValidationLimits>;
  inspectionLimits?: Partial<InspectionLimits>;
}

export interface UploadedDraftVersion {
  version: ModelVersion;
  /** what the file declares, dim names included */
  inspection: OnnxInspection;
  /** how onnxruntime loaded it */
  validation: ValidatedOnnx;
}

/**
 * Refusals (RegistryError): INVALID_SEMVER, INVALID_INPUT, NOT_FOUND, DUPLICATE_VERSION,
 * TOO_LARGE, and from the file itself INVALID_ONNX (a zero-byte file included), UNSUPPORTED_OPSET,
 * EXTERNAL_DATA, INVALID_SHAPE, VALIDATION_TIMEOUT, VALIDATION_MEMORY_LIMIT.
 */
export async function uploadDraftVersion(
  db: Db,
  store: ArtifactStore,
  input: UploadDraftVersionInput,
): Promise<UploadedDraftVersion> {
  const version = parseVersionNumber(input.version);
  if (!Number.isSafeInteger(input.maxBytes) || input.maxBytes <= 0) {
    throw new RegistryError('INVALID_INPUT', 'maxBytes must be a positive integer');
  }
  const runtimeConfig = parseRuntimeConfig(input.runtimeConfig);

  // Refused before a byte is stored; the unique index settles a race with a parallel upload.
  const model = await withTenant(db, input.organizationId, async (tx) => {
    const found = await findOwnedModel(tx, input.organizationId, input.modelId);
    const existing = await tx.modelVersion.findFirst({
      where: { modelId: found.id, version },
      select: { id: true },
    });
    if (existing) throw duplicate(found.slug, version);
    return found;
  });

  // A key per upload: two uploads of the same version never write over each other's file.
  const key = `models/${model.organizationId}/${model.id}/${version}/${randomUUID()}.onnx`;
  try {
    const stored = await store.put(key, input.body, { maxBytes: input.maxBytes });
    if (stored.sizeBytes === 0) {
      throw new RegistryError('INVALID_ONNX', 'the file is empty');
    }
    const bytes = await store.getVerified(key, stored.sha256);
    const inspection = inspectOnnx(bytes, input.inspectionLimits);
    const validation = await validateOnnxInChildProcess(bytes, input.validationLimits);
    checkRuntimeConfigAgainstSignature(runtimeConfig, validation.signature);

    const row = await withTenant(db, input.organizationId, (tx) =>
      tx.modelVersion.create({
        data: {
          modelId: model.id,
          organizationId: model.organizationId,
          version,
          status: 'DRAFT',
          artifactKey: key,
          sha256: stored.sha256,
          sizeBytes: BigInt(stored.sizeBytes),
          opset: inspection.opset,
          producer: inspection.producer,
          parameterCount: inspection.parameterCount,
          inputs: validation.signature.inputs as unknown as Prisma.InputJsonArray,
          outputs: validation.signature.outputs as unknown as Prisma.InputJsonArray,
          runtimeConfig: runtimeConfig as Prisma.InputJsonObject,
        },
      }),
    );
    return { version: row, inspection, validation };
  } catch (error) {
    // The refusal is what the caller needs to see; a store failing this delete as well is
    // failing the whole upload anyway.
    await store.delete(key).catch(() => undefined);
    if (error instanceof ArtifactError && error.code === 'TOO_LARGE') {
      throw new RegistryError('TOO_LARGE', `the file is larger than ${input.maxBytes} bytes`, {
        maxBytes: input.maxBytes,
      });
    }
    if (isUniqueViolation(error)) throw duplicate(model.slug, version);
    if (isMissingReference(error)) {
      throw new RegistryError('NOT_FOUND', `model '${input.modelId}' not found`);
    }
    throw error;
  }
}

function duplicate(slug: string, version: string): RegistryError {
  return new RegistryError('DUPLICATE_VERSION', `${slug}@${version} already exists`, {
    version,
  });
}
