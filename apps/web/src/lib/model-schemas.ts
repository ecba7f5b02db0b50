/**
 * zod schemas (and the types inferred from them) for the model data the portal reads from
 * the API. They are the edge: API data is checked here once, components trust it.
 */
import { z } from 'zod';

/** Enum values are kept as strings so that a new task or unit on the API does not break pages. */
export const tensorSpecSchema = z.object({
  name: z.string(),
  datatype: z.string(),
  /** -1 marks a dynamic dimension. */
  shape: z.array(z.number().int().gte(-1)),
});
export type TensorSpec = z.output<typeof tensorSpecSchema>;

export const priceSchema = z.object({
  /** PER_CALL | PER_1K_ITEMS | PER_COMPUTE_SECOND */
  unit: z.string(),
  /** integer micro-units of `currency`, as a decimal string */
  amountMicros: z.string().regex(/^-?\d+$/, 'amountMicros must be an integer string'),
  currency: z.string(),
  freeAllowance: z.number().int().nonnegative(),
});
export type Price = z.output<typeof priceSchema>;

export const publisherSchema = z.object({
  slug: z.string(),
  name: z.string(),
});
export type Publisher = z.output<typeof publisherSchema>;

/** A BigInt scalar may arrive as a JSON string or number; the portal keeps it as a string. */
const byteCountSchema = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((value) => String(value));

export const catalogVersionSchema = z.object({
  version: z.string(),
  status: z.string(),
  inputs: z.array(tensorSpecSchema),
  outputs: z.array(tensorSpecSchema),
  prices: z.array(priceSchema),
});
export type CatalogVersion = z.output<typeof catalogVersionSchema>;

export const evaluationResultSchema = z.object({
  dataset: z.string(),
  /** accuracy, precision, recall, f1, cer, ... */
  metric: z.string(),
  value: z.number(),
  method: z.string(),
  measuredAt: z.string(),
});
export type EvaluationResult = z.output<typeof evaluationResultSchema>;

export const modelVersionSchema = catalogVersionSchema.extend({
  sha256: z.string(),
  sizeBytes: byteCountSchema,
  /** JSON: batching, image preprocessing, labels, or a composite's pipeline. */
  runtimeConfig: z.unknown(),
  evaluationResults: z.array(evaluationResultSchema).default([]),
});
export type ModelVersion = z.output<typeof modelVersionSchema>;

const modelBaseSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  name: z.string(),
  summary: z.string(),
  task: z.string(),
  license: z.string(),
  tags: z.array(z.string()),
  publisher: publisherSchema,
});

export const catalogModelSchema = modelBaseSchema.extend({
  slug: z.string(),
  callsLast30Days: z.number().int().nonnegative(),
  latestVersion: catalogVersionSchema.nullable(),
});
export type CatalogModel = z.output<typeof catalogModelSchema>;

export const dailyCallCountSchema = z.object({
  /** YYYY-MM-DD, UTC */
  day: z.string(),
  calls: z.number().int().nonnegative(),
});
export type DailyCallCount = z.output<typeof dailyCallCountSchema>;

export const modelDetailSchema = modelBaseSchema.extend({
  description: z.string(),
  /** Calls per UTC day by everyone, oldest first, zero days included. */
  dailyCalls: z.array(dailyCallCountSchema),
  versions: z.object({
    edges: z.array(z.object({ node: modelVersionSchema })),
  }),
});
export type ModelDetail = z.output<typeof modelDetailSchema>;
