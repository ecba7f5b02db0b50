// A model version's `runtimeConfig`: how a runner serves it (instances, threads, batching,
// warm-up, input policy), how the api turns images into its input and its output into labels
// (preprocessing, labels), or, for a composite version, the pipeline of models it runs. Publishers write it and it is stored as JSON: the registry
// refuses an invalid one at upload, and a runner parses it again before using any of it.
import { z } from 'zod';

/** The most onnxruntime sessions one runner keeps for one model version. */
export const MAX_MODEL_INSTANCES = 64;

const threads = z.number().int().min(0).max(1024);

const MAX_WARMUP_ELEMENTS = 16 * 1024 * 1024;

const channelValues = z.array(z.number().finite()).min(1).max(4);

const imagePreprocessingSchema = z
  .strictObject({
    kind: z.literal('image'),
    width: z.int().min(1).max(16_384),
    height: z.int().min(1).max(16_384),
    layout: z.enum(['NCHW', 'NHWC']),
    colorOrder: z.enum(['RGB', 'BGR']),
    /** per channel, applied as (pixel / 255 - mean) / std */
    mean: channelValues,
    std: channelValues.refine((s) => s.every((v) => v > 0), { error: 'std must be positive' }),
  })
  .refine((p) => p.mean.length === p.std.length, {
    error: 'mean and std need one value per channel each',
    path: ['std'],
  });

/**
 * A pinned model version, `org/model@1.2.3`: a pipeline names the exact versions it was published
 * with, so its behaviour cannot change under it when a stage model gets a new version.
 */
const SLUG = '[a-z0-9][a-z0-9-]{0,62}';
const SEMVER = '(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[0-9A-Za-z.-]{1,64})?';
export const PINNED_MODEL_REF_PATTERN = new RegExp(`^${SLUG}/${SLUG}@${SEMVER}$`);

const pinnedModelRef = z.string().regex(PINNED_MODEL_REF_PATTERN, {
  error: 'expected a pinned model reference "org/model@1.2.3"',
});

/** OCR as one model: detection -> line crops -> (direction classifier) -> recognition. */
const ocrPipelineSchema = z.strictObject({
  kind: z.literal('ocr'),
  detection: pinnedModelRef,
  recognition: pinnedModelRef,
  /** when set, every line is classified and lines found upside down are turned before reading */
  classifier: pinnedModelRef.optional(),
});

/** The largest label list: a classifier over more classes than this is not a classifier. */
export const MAX_LABELS = 100_000;

/** Strict: a misspelt key is refused when the version is uploaded, not silently ignored. */
export const runtimeConfigSchema = z.strictObject({
  /**
   * onnxruntime sessions ("instances", Triton's instance_group) the runner creates for the
   * version; batches run on idle instances, so this many execute at once.
   */
  instances: z.number().int().min(1).max(MAX_MODEL_INSTANCES).optional(),
  /** threads inside one operator, per instance; 0 lets the runner choose */
  intraOpThreads: threads.optional(),
  /** threads running independent operators at once, per instance; 0 or 1 means sequential */
  interOpThreads: threads.optional(),
  /** false lets NaN and +-Infinity through to float inputs (default true: 400 INVALID_ARGUMENT) */
  requireFiniteInputs: z.boolean().optional(),
  batching: z
    .strictObject({
      enabled: z.boolean().optional(),
      maxBatchSize: z.int().min(1).max(4096).optional(),
      maxQueueDelayMs: z.number().min(0).max(10_000).optional(),
    })
    .optional(),
  /** shapes for the warm-up run on zeros, for inputs with dynamic dims besides the batch */
  warmup: z
    .strictObject({
      inputs: z
        .array(
          z.strictObject({
            name: z.string().min(1).max(256),
            shape: z
              .array(
                z
                  .int()
                  .min(1)
                  .max(2 ** 31 - 1),
              )
              .min(1)
              .max(32),
          }),
        )
        .min(1)
        .max(64)
        .refine(
          (inputs) =>
            inputs.every((i) => i.shape.reduce((n, d) => n * d, 1) <= MAX_WARMUP_ELEMENTS),
          { error: `a warm-up input may hold at most ${MAX_WARMUP_ELEMENTS} elements` },
        ),
    })
    .optional(),
  /** how the api turns an uploaded image into the model's input tensor */
  preprocessing: z.discriminatedUnion('kind', [imagePreprocessingSchema]).optional(),
  /**
   * the class names of a classifier, in the order of its scores (the last dimension of its
   * output), so callers get `{ label, score }` instead of an index into a tensor
   */
  labels: z.array(z.string().min(1).max(256)).min(1).max(MAX_LABELS).optional(),
  /**
   * a composite version: no ONNX file of its own, the api runs the named model versions as the
   * stages of a task pipeline (published with the registry's `publishPipelineVersion`)
   */
  pipeline: z.discriminatedUnion('kind', [ocrPipelineSchema]).optional(),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;
export type ImagePreprocessing = NonNullable<RuntimeConfig['preprocessing']>;
export type PipelineConfig = NonNullable<RuntimeConfig['pipeline']>;
export type OcrPipelineConfig = Extract<PipelineConfig, { kind: 'ocr' }>;

/** A runtimeConfig that cannot be served as written; the message names the field. */
export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
  readonly code = 'INVALID_RUNTIME_CONFIG';
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Parses a stored runtimeConfig (null and undefined mean `{}`); throws RuntimeConfigError. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const parsed = runtimeConfigSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: ['runtimeConfig', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new RuntimeConfigError(
    `invalid ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );
}
