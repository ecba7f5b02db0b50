// Several onnxruntime sessions of one model ("instances", Triton's instance_group), so that
// several batches of the same model can execute at once.
import { InferenceError } from '@modelhub/inference';
import { loadOnnxModel, type OnnxModel, type OnnxSessionOptions } from './onnx-model.ts';

/**
 * Creates `count` independent sessions of one model. The execution providers are settled by
 * the first session (falling back to CPU at most once, `onFallback` told why) and reused for
 * the others, so all instances run on the same providers. If any session fails, the ones
 * already created are released before the error is thrown.
 */
export async function loadOnnxInstances(
  model: Uint8Array | string,
  count: number,
  options: OnnxSessionOptions = {},
  onFallback?: (reason: string) => void,
): Promise<OnnxModel[]> {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `a model needs at least 1 instance, not ${String(count)}`,
    );
  }
  const first = await loadOnnxModel(model, options, onFallback);
  const instances = [first];
  try {
    // One at a time: each creation already uses the intra-op threads, and a failure stops early.
    while (instances.length < count) {
      instances.push(
        await loadOnnxModel(model, { ...options, executionProviders: first.executionProviders }),
      );
    }
  } catch (error) {
    await Promise.allSettled(instances.map((instance) => instance.dispose()));
    throw error;
  }
  return instances;
}
