// A model version's `runtimeConfig`: how a runner serves it (instances, threads, batching,
// warm-up, input policy). Publishers write it and it is stored as JSON, so a runner parses it
// before using any of it; keys it does not know are kept for other consumers (preprocessing).
import { z } from 'zod';

/** The most onnxruntime sessions one runner keeps for one model version. */
export const MAX_MODEL_INSTANCES = 64;

const threads = z.number().int().min(0).max(1024);

export const runtimeConfigSchema = z.looseObject({
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
    .looseObject({
      enabled: z.boolean().optional(),
      maxBatchSize: z.number().int().min(1).max(4096).optional(),
      maxQueueDelayMs: z.number().min(0).max(1000).optional(),
    })
    .optional(),
  /** shapes for the warm-up run on zeros, for inputs with dynamic dims besides the batch */
  warmup: z
    .looseObject({
      inputs: z.array(
        z.object({
          name: z.string().min(1),
          shape: z.array(z.number().int().min(1)).min(1).max(16),
        }),
      ),
    })
    .optional(),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

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
