/**
 * Copy-ready examples for calling a model through the GraphQL `predict` mutation.
 */
import { elementCount, formatInteger } from '@/lib/format';
import type { TensorSpec } from '@/lib/model-schemas';

/** What a dynamic (-1) dimension becomes in examples: 1 for the batch, this size for the rest. */
export const EXAMPLE_DYNAMIC_SIZE = 32;

/** A concrete example shape: a dynamic batch (first) dimension becomes 1, other dynamic ones 32. */
export function exampleShape(shape: readonly number[]): number[] {
  return shape.map((dim, index) => (dim >= 0 ? dim : index === 0 ? 1 : EXAMPLE_DYNAMIC_SIZE));
}

/** Whether a dimension other than the batch is dynamic, i.e. the example picked a size for it. */
export function hasDynamicInnerDims(shape: readonly number[]): boolean {
  return shape.some((dim, index) => index > 0 && dim < 0);
}

/** A GraphQL string literal; JSON string escaping is a subset of GraphQL's. */
function graphqlString(value: string): string {
  return JSON.stringify(value);
}

/** An enum value as a GraphQL literal; anything that is not a GraphQL name is quoted instead. */
function enumLiteral(value: string): string {
  return /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : graphqlString(value);
}

/**
 * The `predict` mutation for a model, with `data: [...]` as the placeholder the caller fills
 * with the flattened tensor values.
 */
export function buildPredictMutation(modelRef: string, inputs: readonly TensorSpec[]): string {
  const inputLines = inputs.map(
    (input) =>
      // datatype is the api's `Datatype` enum: a bare name in GraphQL, not a string.
      `    { name: ${graphqlString(input.name)}, datatype: ${enumLiteral(input.datatype)}, ` +
      `shape: [${exampleShape(input.shape).join(',')}], data: [...] }`,
  );
  return [
    'mutation {',
    `  predict(model: ${graphqlString(modelRef)}, inputs: [`,
    ...inputLines,
    '  ]) {',
    '    outputs { name shape data }',
    '    costMicros',
    '  }',
    '}',
  ].join('\n');
}

/**
 * A curl command POSTing the mutation to `${apiUrl}/graphql`. The body goes through a quoted
 * heredoc, so nothing in it is interpreted by the shell.
 */
export function buildPredictCurl(
  apiUrl: string,
  modelRef: string,
  inputs: readonly TensorSpec[],
): string {
  const endpoint = `${apiUrl.replace(/\/+$/, '')}/graphql`;
  const query = buildPredictMutation(modelRef, inputs).replace(/\n\s*/g, ' ');
  const body = JSON.stringify({ query });
  return [
    `curl -sS -X POST '${endpoint.replaceAll("'", "'\\''")}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H 'Authorization: Bearer <YOUR_API_KEY>' \\`,
    `  --data-binary @- <<'JSON'`,
    body,
    'JSON',
  ].join('\n');
}

/** `x: 1×3×48×192 = 27,648 values` for the hint next to the snippet. */
export function describeExampleInput(input: TensorSpec): string {
  const shape = exampleShape(input.shape);
  const count = elementCount(shape);
  const dims = shape.length === 0 ? 'a scalar' : shape.join('×');
  return `${input.name}: ${dims} = ${formatInteger(count ?? 0n)} ${input.datatype} ${count === 1n ? 'value' : 'values'}`;
}

/** The version a snippet should be written for: the first published one, else the first. */
export function pickExampleVersion<T extends { status: string }>(
  versions: readonly T[],
): T | undefined {
  return versions.find((version) => version.status === 'PUBLISHED') ?? versions[0];
}
