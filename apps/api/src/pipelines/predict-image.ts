// A prediction from an image: the version's `runtimeConfig.preprocessing` turns the image into
// its one input tensor, then the ordinary prediction path runs it (validation, credit, routing,
// usage, idempotency all as in `predict`), and a classifier's scores come back by label name.
// Every refusal happens before runPrediction, so a refused image is never charged.
import {
  DEFAULT_IMAGE_LIMITS,
  imageToTensor,
  topLabels,
  type ImageLimits,
  type LabelScore,
} from '@modelhub/models';
import { toJsonTensors, type TensorSpec } from '@modelhub/inference';
import type { ResolvedModelVersion } from '@modelhub/registry';
import { AppError, toAppError } from '../app-error.ts';
import type { Principal } from '../auth/principal.ts';
import {
  runPrediction,
  type PredictionDeps,
  type PredictionResult,
} from '../predictions/run-prediction.ts';
import { DEFAULT_TOP_K } from './call-arguments.ts';
import { versionName, versionRuntimeConfig } from './version-runtime-config.ts';

export interface PredictImageInput {
  modelRef: string;
  image: Uint8Array;
  /** as the client declared it; checked against the bytes */
  contentType?: string | null;
  idempotencyKey?: string | null;
  /** how many labels to return, best first */
  topK?: number;
}

export interface ImagePredictionResult extends PredictionResult {
  /** the best `topK` classes, when the version declares `runtimeConfig.labels`; else null */
  labels: LabelScore[] | null;
}

export async function predictImage(
  deps: PredictionDeps,
  principal: Principal & { organizationId: string },
  input: PredictImageInput,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<ImagePredictionResult> {
  const version = await deps.lookups.visibleVersion(input.modelRef, principal.organizationId);
  const config = versionRuntimeConfig(version);
  if (config.pipeline) {
    throw new AppError(
      'BAD_USER_INPUT',
      `${versionName(version)} is an ${config.pipeline.kind.toUpperCase()} pipeline: call recognizeText`,
      { reason: 'PIPELINE_MODEL' },
    );
  }
  if (!config.preprocessing) {
    throw new AppError(
      'BAD_USER_INPUT',
      `${versionName(version)} does not take images (its version declares no image preprocessing); call predict with tensors`,
      { reason: 'NOT_AN_IMAGE_MODEL' },
    );
  }
  const spec = imageInputOf(version);
  let tensor;
  try {
    ({ tensor } = await imageToTensor(input.image, config.preprocessing, {
      inputName: spec.name,
      contentType: input.contentType ?? null,
      limits,
    }));
  } catch (error) {
    throw toAppError(error);
  }
  const fits =
    tensor.shape.length === spec.shape.length &&
    spec.shape.every((dim, axis) => dim === -1 || dim === tensor.shape[axis]);
  if (!fits) {
    throw misconfigured(
      version,
      `its image preprocessing gives [${tensor.shape.join(', ')}] but input '${spec.name}' is [${spec.shape.join(', ')}]`,
    );
  }

  // Pinned to the version whose preprocessing was applied, should a new one be published meanwhile.
  const result = await runPrediction(deps, principal, {
    modelRef: versionName(version),
    inputs: [tensor],
    idempotencyKey: input.idempotencyKey ?? null,
  });
  return {
    ...result,
    // After the charge nothing may fail: labels that fit no output are left out, not an error.
    labels: config.labels
      ? topLabels(toJsonTensors(result.outputs), config.labels, input.topK ?? DEFAULT_TOP_K)
      : null,
  };
}

/** The one FP32 input an image can fill. */
function imageInputOf(version: ResolvedModelVersion): TensorSpec {
  const inputs = version.inputs as unknown as TensorSpec[];
  if (inputs.length !== 1) {
    throw misconfigured(version, `it takes ${inputs.length} inputs and an image fills one`);
  }
  const spec = inputs[0]!;
  if (spec.datatype !== 'FP32') {
    throw misconfigured(version, `its input '${spec.name}' is ${spec.datatype}, not FP32`);
  }
  return spec;
}

/** The publisher's mistake, which the caller cannot fix; refused before anything is charged. */
function misconfigured(version: ResolvedModelVersion, why: string): AppError {
  return new AppError(
    'BAD_USER_INPUT',
    `${versionName(version)} cannot take images: ${why}; its publisher must fix the version`,
    { reason: 'PREPROCESSING_MISMATCH' },
  );
}
