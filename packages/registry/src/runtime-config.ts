// The runner settings a publisher attaches to a version: dynamic batching, warm-up inputs and
// input preprocessing. Checked once here, so the runner can trust what it reads.
import type { ModelSignature } from '@modelhub/inference';
import { z } from 'zod';
import { parseInput } from './input-issues.ts';
import { RegistryError } from './registry-error.ts';

const MAX_WARMUP_ELEMENTS = 16 * 1024 * 1024;

const batchingSchema = z.strictObject({
  enabled: z.boolean().optional(),
  maxBatchSize: z.int().min(1).max(1024).optional(),
  maxQueueDelayMs: z.int().min(0).max(10_000).optional(),
});

const warmupSchema = z.strictObject({
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
          .max(32),
      }),
    )
    .min(1)
    .max(64)
    .refine(
      (inputs) => inputs.every((i) => i.shape.reduce((n, d) => n * d, 1) <= MAX_WARMUP_ELEMENTS),
      { error: `a warm-up input may hold at most ${MAX_WARMUP_ELEMENTS} elements` },
    ),
});

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

export const runtimeConfigSchema = z.strictObject({
  batching: batchingSchema.optional(),
  warmup: warmupSchema.optional(),
  preprocessing: z.discriminatedUnion('kind', [imagePreprocessingSchema]).optional(),
});

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;

/** The runtime config if it is well-formed; INVALID_INPUT naming each wrong field otherwise. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  return parseInput(runtimeConfigSchema, value ?? {}, 'runtime config');
}

/** Warm-up inputs must name the model's inputs with their rank and fixed dims. */
export function checkRuntimeConfigAgainstSignature(
  config: RuntimeConfig,
  signature: ModelSignature,
): void {
  for (const warm of config.warmup?.inputs ?? []) {
    const spec = signature.inputs.find((i) => i.name === warm.name);
    if (!spec) {
      throw new RegistryError(
        'INVALID_INPUT',
        `runtime config: warm-up input '${warm.name}' is not an input of the model (it has ${signature.inputs.map((i) => `'${i.name}'`).join(', ')})`,
      );
    }
    const fits =
      spec.shape.length === warm.shape.length &&
      spec.shape.every((d, i) => d === -1 || d === warm.shape[i]);
    if (!fits) {
      throw new RegistryError(
        'INVALID_INPUT',
        `runtime config: warm-up shape [${warm.shape.join(', ')}] does not fit input '${spec.name}' of shape [${spec.shape.join(', ')}]`,
      );
    }
  }
}
