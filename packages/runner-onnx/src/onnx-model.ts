// One loaded ONNX model: an onnxruntime session plus the v2 signature read from its graph.
import type { InferenceSession } from 'onnxruntime-node';
import {
  InferenceError,
  toJsonTensors,
  type AnyTensorData,
  type TypedOutputTensor,
  type InferInputTensor,
  type InferOutputTensor,
  type ModelSignature,
  type TensorSpec,
} from '@modelhub/inference';
import { toOrtTensor, v2Datatype } from './datatypes.ts';
import { createSessionHost, type PlainTensor, type SessionHost } from './session-host.ts';

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
   * Whether idle pool threads spin waiting for the next operator (onnxruntime's default, and
   * ours) instead of sleeping. A multi-threaded session needs it: woken per operator, a pool of
   * two ran the classifier at a third of the throughput. Spinning burns the cores between
   * requests, though, which a shared host may prefer to keep. No effect with one thread.
   */
  threadSpinning?: boolean;
  /**
   * Run the session in a worker thread of its own, so the calling thread's event loop keeps
   * serving while a batch computes (see session-host.ts). What a server wants; default false.
   */
  inWorkerThread?: boolean;
}

/** onnxruntime session config entries (onnxruntime_session_options_config_keys.h) */
function threadSpinningConfig(spinning: boolean) {
  const allow = spinning ? '1' : '0';
  return { intra_op: { allow_spinning: allow }, inter_op: { allow_spinning: allow } };
}

export interface RunTypedOptions {
  /**
   * The inputs' typed arrays were made for this run and are not read after it (a batch's
   * concatenated inputs): a session in a worker thread takes their memory rather than a copy.
   */
  inputsOwned?: boolean;
}

export interface OnnxModel {
  readonly signature: ModelSignature;
  /** the execution providers the session was created with */
  readonly executionProviders: ExecutionProvider[];
  /** Outputs as JSON-form arrays (64-bit integers as numbers). */
  run(inputs: InferInputTensor[], outputNames?: string[]): Promise<InferOutputTensor[]>;
  /**
   * Outputs as onnxruntime returns them: typed arrays (FP16 as raw half bits, INT64 as
   * BigInt64Array), what a server encodes into binary answers without a per-element copy.
   */
  runTyped(
    inputs: InferInputTensor[],
    outputNames?: string[],
    options?: RunTypedOptions,
  ): Promise<TypedOutputTensor[]>;
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

function readSignature(session: SessionHost): ModelSignature {
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
    extra: { session: threadSpinningConfig(options.threadSpinning ?? true) },
    ...(options.intraOpThreads ? { intraOpNumThreads: options.intraOpThreads } : {}),
    ...(options.interOpThreads && options.interOpThreads > 1
      ? { interOpNumThreads: options.interOpThreads, executionMode: 'parallel' as const }
      : {}),
  };
  return createSessionHost(model, sessionOptions, options.inWorkerThread ?? false);
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
  let session: SessionHost;
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
  const runTyped: OnnxModel['runTyped'] = async (inputs, outputNames, options) => {
    const feeds: Record<string, PlainTensor> = {};
    const ownedFeeds = new Set<string>();
    for (const input of inputs) {
      const feed = toOrtTensor(input.datatype, input.shape, input.data);
      feeds[input.name] = feed;
      // an array converted here from JSON values is this run's own
      if (options?.inputsOwned || feed.data !== input.data) ownedFeeds.add(input.name);
    }
    const wantedOutputs = outputNames?.length ? outputNames : session.outputNames;
    let results: Record<string, PlainTensor>;
    try {
      results = await session.run(feeds, [...wantedOutputs], { ownedFeeds });
    } catch (error) {
      throw new InferenceError(
        'INVALID_ARGUMENT',
        `the model rejected the inputs: ${(error as Error).message}`,
      );
    }
    const specs = new Map(signature.outputs.map((s) => [s.name, s]));
    return wantedOutputs.map((name) => {
      const tensor = results[name]!;
      return {
        name,
        datatype: specs.get(name)!.datatype,
        shape: [...tensor.dims],
        data: tensor.data as AnyTensorData,
      };
    });
  };
  return {
    signature,
    executionProviders: providers,
    runTyped,
    run: async (inputs, outputNames) =>
      toJsonTensors(await runTyped(inputs, outputNames)) as InferOutputTensor[],
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
