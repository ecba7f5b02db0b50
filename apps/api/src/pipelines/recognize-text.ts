// OCR with a composite version (`runtimeConfig.pipeline.kind = 'ocr'`): the image is checked,
// credit is checked, the pipeline runs its stages on the runners (detection -> line crops ->
// direction -> recognition), and the call is charged once at the composite's price. A refusal
// or a failure of any stage records nothing, so nothing is charged.
import type { Prisma } from '@modelhub/db';
import {
  DEFAULT_IMAGE_LIMITS,
  inspectImage,
  runOcrPipeline,
  type ImageLimits,
  type OcrLine,
  type OcrResult,
} from '@modelhub/models';
import type { ResolvedModelVersion } from '@modelhub/registry';
import { AppError, toAppError } from '../app-error.ts';
import type { Principal } from '../auth/principal.ts';
import type { PredictionDeps } from '../predictions/run-prediction.ts';
import {
  assertCompositeCredit,
  recordCompositePrediction,
  replayCompositePrediction,
  type ReplayedComposite,
} from './composite-usage.ts';
import { resolvePipelineStages, stageCalls } from './pipeline-stages.ts';
import { versionName, versionRuntimeConfig } from './version-runtime-config.ts';

export interface RecognizeTextInput {
  modelRef: string;
  image: Uint8Array;
  /** as the client declared it; checked against the bytes */
  contentType?: string | null;
  idempotencyKey?: string | null;
}

/** A line with its four corners always present. */
export type TextLine = OcrLine & { polygon: [number, number][] };

export interface TextRecognitionResult {
  predictionId: string;
  version: ResolvedModelVersion;
  width: number;
  height: number;
  /** top to bottom, then left to right */
  lines: TextLine[];
  /** the lines joined with newlines */
  text: string;
  costMicros: bigint;
  currency: string;
  /** summed over the stage calls */
  queueMs: number;
  computeMs: number;
  totalMs: number;
  replayed: boolean;
}

export async function recognizeText(
  deps: PredictionDeps,
  principal: Principal & { organizationId: string },
  input: RecognizeTextInput,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<TextRecognitionResult> {
  const startedAt = new Date();
  const started = performance.now();
  const version = await deps.lookups.visibleVersion(input.modelRef, principal.organizationId);
  const pipeline = versionRuntimeConfig(version).pipeline;
  if (pipeline?.kind !== 'ocr') {
    throw new AppError(
      'BAD_USER_INPUT',
      `${versionName(version)} is not an OCR pipeline; call predictImage or predict`,
      { reason: 'NOT_AN_OCR_PIPELINE' },
    );
  }
  try {
    await inspectImage(input.image, { contentType: input.contentType ?? null, limits });
  } catch (error) {
    throw toAppError(error);
  }
  const idempotencyKey = input.idempotencyKey ?? null;
  if (idempotencyKey) {
    const replay = await replayCompositePrediction(
      deps,
      principal.organizationId,
      idempotencyKey,
      version,
    );
    if (replay) return replayed(version, replay);
  }

  const stages = await resolvePipelineStages(deps.lookups, version, pipeline);
  await assertCompositeCredit(deps, principal.organizationId, version);
  const calls = stageCalls(deps.router, stages);
  let ocr: OcrResult;
  try {
    ocr = await runOcrPipeline(input.image, calls.call, {
      maxPixels: limits.maxPixels,
      classifyDirection: stages.has('classifier'),
    });
  } catch (error) {
    throw toAppError(error);
  }
  const result = toTextResult(ocr);
  const totalMs = performance.now() - started;

  const charge = await recordCompositePrediction(deps, principal, version, idempotencyKey, {
    runnerId: calls.firstRunnerId,
    output: result as unknown as Prisma.InputJsonValue,
    computeMs: calls.computeMs,
    queueMs: calls.queueMs,
    totalMs,
    startedAt,
  });
  if (!charge) {
    // A concurrent call with the same idempotency key committed first: answer with its result.
    const replay = await replayCompositePrediction(
      deps,
      principal.organizationId,
      idempotencyKey!,
      version,
    );
    if (replay) return replayed(version, replay);
    throw new Error('an idempotent call conflicted but its prediction is missing');
  }
  return {
    ...charge,
    ...result,
    version,
    queueMs: calls.queueMs,
    computeMs: calls.computeMs,
    totalMs,
    replayed: false,
  };
}

type TextOutput = Pick<TextRecognitionResult, 'width' | 'height' | 'lines' | 'text'>;

function toTextResult(ocr: OcrResult): TextOutput {
  const lines = ocr.lines.map((line): TextLine => ({
    ...line,
    polygon: line.polygon ?? corners(line.box),
  }));
  return {
    width: ocr.width,
    height: ocr.height,
    lines,
    text: lines.map((line) => line.text).join('\n'),
  };
}

function corners({ x, y, width, height }: OcrLine['box']): [number, number][] {
  return [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
}

function replayed(version: ResolvedModelVersion, replay: ReplayedComposite): TextRecognitionResult {
  const output = replay.output as TextOutput;
  return {
    predictionId: replay.predictionId,
    version,
    width: output.width,
    height: output.height,
    lines: output.lines,
    text: output.text,
    costMicros: replay.costMicros,
    currency: replay.currency,
    queueMs: replay.queueMs,
    computeMs: replay.computeMs,
    totalMs: replay.totalMs,
    replayed: true,
  };
}
