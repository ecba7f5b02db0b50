// One run on zeros right after loading, on every instance, so the first real requests do not pay
// for onnxruntime's first-run allocations (and the memory measured at load includes them).
import type { InferInputTensor, ModelSignature } from '@modelhub/inference';
import type { OnnxModel } from '@modelhub/runner-onnx';

/**
 * The warm-up inputs: declared shapes (runtimeConfig.warmup), or the signature's with a dynamic
 * batch dimension set to 1. Null when some input cannot be built (other dynamic dims and no
 * declared shape, or a datatype that zeros do not fit as plain numbers).
 */
export function warmUpInputs(
  signature: ModelSignature,
  declared: ReadonlyMap<string, number[]>,
): InferInputTensor[] | null {
  const inputs: InferInputTensor[] = [];
  for (const spec of signature.inputs) {
    const shape = declared.get(spec.name) ?? spec.shape.map((d, i) => (i === 0 && d < 0 ? 1 : d));
    if (
      shape.some((d) => d < 1) ||
      !/^(FP|INT|UINT)/.test(spec.datatype) ||
      spec.datatype === 'FP16'
    )
      return null;
    const size = shape.reduce((a, b) => a * b, 1);
    inputs.push({
      name: spec.name,
      datatype: spec.datatype,
      shape,
      data: new Array<number>(size).fill(0),
    });
  }
  return inputs;
}

/** Runs the warm-up on each instance in turn; resolves with the first failure, if any. */
export async function warmUp(
  instances: readonly OnnxModel[],
  inputs: InferInputTensor[],
): Promise<unknown> {
  for (const instance of instances) {
    try {
      await instance.run(inputs);
    } catch (error) {
      return error;
    }
  }
  return undefined;
}
