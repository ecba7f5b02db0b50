// Structural validation of a v2 JSON infer request, before anything looks at a model.
import { z } from 'zod';
import { InferenceError } from './inference-error.ts';
import { DATATYPES, isTypedArray, type AnyTensorData, type InferRequest } from './v2-types.ts';

const name = z.string().min(1).max(256);
const parameters = z.record(z.string(), z.unknown()).optional();

const tensor = z.object({
  name,
  datatype: z.enum(DATATYPES),
  shape: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(2 ** 31),
    )
    .max(16),
  // v2 allows nested row-major arrays; `flattenTensorData` flattens them. Binary tensors arrive
  // decoded as typed arrays. Elements are checked against the model's datatype by
  // `validateInferInputs`, so the schema does not walk them (tens of thousands per image: walking
  // twice showed up in profiles).
  data: z.custom<AnyTensorData>(
    (value) => Array.isArray(value) || isTypedArray(value),
    'must be an array',
  ),
  parameters,
});

export const inferRequestSchema = z.object({
  id: z.string().max(256).optional(),
  parameters,
  inputs: z.array(tensor).min(1).max(64),
  outputs: z.array(z.object({ name, parameters })).max(64).optional(),
});

/** Parses an untrusted request body; throws INVALID_ARGUMENT naming the offending field. */
export function parseInferRequest(body: unknown): InferRequest {
  const parsed = inferRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'body';
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `invalid infer request: ${where}: ${issue.message}`,
    );
  }
  return parsed.data as InferRequest;
}
