// The runner settings a publisher attaches to a version (the one schema lives in
// @modelhub/inference, shared with the runner), checked at upload against the model itself.
import { runtimeConfigSchema, type ModelSignature, type RuntimeConfig } from '@modelhub/inference';
import { parseInput } from './input-issues.ts';
import { RegistryError } from './registry-error.ts';

/** The runtime config if it is well-formed; INVALID_INPUT naming each wrong field otherwise. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  return parseInput(runtimeConfigSchema, value ?? {}, 'runtime config');
}

/**
 * Warm-up inputs must name the model's inputs with their rank and fixed dims; labels must fit the
 * last dimension of an output; a version with an ONNX file cannot be a pipeline.
 */
export function checkRuntimeConfigAgainstSignature(
  config: RuntimeConfig,
  signature: ModelSignature,
): void {
  if (config.pipeline) {
    throw new RegistryError(
      'INVALID_INPUT',
      'runtime config: `pipeline` is for composite versions, which have no ONNX file; publish them with publishPipelineVersion',
    );
  }
  const labels = config.labels;
  if (labels) {
    const fits = signature.outputs.some((o) => {
      const last = o.shape[o.shape.length - 1];
      return last === -1 || last === labels.length;
    });
    if (!fits) {
      throw new RegistryError(
        'INVALID_INPUT',
        `runtime config: ${labels.length} labels fit no output of the model (the last dimension of ${signature.outputs.map((o) => `'${o.name}' [${o.shape.join(', ')}]`).join(', ')})`,
      );
    }
  }
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
