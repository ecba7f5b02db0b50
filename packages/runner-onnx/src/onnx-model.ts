// One loaded ONNX model: an onnxruntime session plus the v2 signature read from its graph.
import { InferenceSession, type Tensor } from 'onnxruntime-node';
import {
  InferenceError,
  type InferInputTensor,
  type InferOutputTensor,
  type ModelSignature,
  type TensorSpec,
} from '@modelhub/inference';
import { fromOrtTensor, toOrtTensor, v2Datatype } from './datatypes.ts';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface OnnxSessionOptions {
  /** in order of preference; CPU is always appended as the fallback */
  executionProviders?: ExecutionProvider[];
  /** threads one operator may use; 0 or absent lets onnxruntime size it to the machine */
  intraOpThreads?: number;
  /**
   * threads running independent operators at once; above 1 the session runs in onnxruntime's
   * parallel execution mode, the only mode that uses them
   */
  interOpThreads?: number;
  /**
   * Whether idle pool threads spin waiting for the next operator (onnxruntime's default) instead
   * of sleeping. Spinning saves a few microseconds per operator on cores the runner has to
   * itself, and burns whole cores between requests on a host it shares (the api, PostgreSQL):
   * off unless asked for.
   */
  threadSpinning?: boolean;
}

/** onnxruntime session config entries (onnxruntime_session_options_config_keys.h) */
function threadSpinningConfig(spinning: boolean) {
  const allow = spinning ? '1' : '0';
  return { intra_op: { allow_spinning: allow }, inter_op: { allow_spinning: allow } };
}

export interface OnnxModel {
  readonly signature: ModelSignature;
  /** the execution providers the session was created with */
  readonly executionProviders: ExecutionProvider[];
  run(inputs: InferInputTensor[], outputNames?: string[]): Promise<InferOutputTensor[]>;
  dispose(): Promise<void>;
}

function toSpec(meta: InferenceSession.ValueMetadata): TensorSpec {
  if (!meta.isTensor) {
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `'${meta.name}' is not a tensor; only tensor inputs and outputs are supported`,
    );
  }
  const datatype = v2Datatype(meta.type);
  if (!datatype)
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `'${meta.name}' has unsupported type ${meta.type}`,
    );
  // Symbolic dims ('batch', 'p2o.DynamicDimension.0') are dynamic: -1.
  return {
    name: meta.name,
    datatype,
    shape: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1)),
  };
}

export function readSignature(session: InferenceSession): ModelSignature {
  return { inputs: session.inputMetadata.map(toSpec), outputs: session.outputMetadata.map(toSpec) };
}

async function createSession(
  model: Uint8Array | string,
  options: OnnxSessionOptions,
  providers: ExecutionProvider[],
) {
  const sessionOptions: InferenceSession.SessionOptions = {
    executionProviders: providers,
    graphOptimizationLevel: 'all',
    extra: { session: threadSpinningConfig(options.threadSpinning ?? false) },
    ...(options.intraOpThreads ? { intraOpNumThreads: options.intraOpThreads } : {}),
    ...(options.interOpThreads && options.interOpThreads > 1
      ? { interOpNumThreads: options.interOpThreads, executionMode: 'parallel' as const }
      : {}),
  };
  return typeof model === 'string'
    ? InferenceSession.create(model, sessionOptions)
    : InferenceSession.create(model, sessionOptions);
}

/**
 * Loads a model from bytes or a file path. A provider that is not available (CUDA without a
 * GPU build) falls back to CPU; `onFallback` is told why.
 */
export async function loadOnnxModel(
  model: Uint8Array | string,
  options: OnnxSessionOptions = {},
  onFallback?: (reason: string) => void,
): Promise<OnnxModel> {
  const wanted = [...new Set([...(options.executionProviders ?? []), 'cpu' as const])];
  let providers = wanted;
  let session: InferenceSession;
  try {
    session = await createSession(model, options, wanted);
  } catch (error) {
    if (wanted.length === 1) throw invalidModel(error);
    onFallback?.(
      `execution providers ${wanted.join(',')} unavailable (${(error as Error).message}); using cpu`,
    );
    providers = ['cpu'];
    try {
      session = await createSession(model, options, providers);
    } catch (cpuError) {
      throw invalidModel(cpuError);
    }
  }
  const signature = readSignature(session);
  return {
    signature,
    executionProviders: providers,
    async run(inputs, outputNames) {
      const feeds: Record<string, Tensor> = {};
      for (const input of inputs)
        feeds[input.name] = toOrtTensor(input.datatype, input.shape, input.data);
      const wantedOutputs = outputNames?.length ? outputNames : session.outputNames;
      let results: InferenceSession.OnnxValueMapType;
      try {
        results = await session.run(feeds, [...wantedOutputs]);
      } catch (error) {
        throw new InferenceError(
          'INVALID_ARGUMENT',
          `the model rejected the inputs: ${(error as Error).message}`,
        );
      }
      const specs = new Map(signature.outputs.map((s) => [s.name, s]));
      return wantedOutputs.map((name) => {
        const tensor = results[name] as Tensor;
        return {
          name,
          datatype: specs.get(name)!.datatype,
          shape: [...tensor.dims],
          data: fromOrtTensor(tensor),
        };
      });
    },
    async dispose() {
      await session.release();
    },
  };
}

function invalidModel(error: unknown): InferenceError {
  return new InferenceError(
    'INVALID_ARGUMENT',
    `not a loadable ONNX model: ${(error as Error).message}`,
  );
}
