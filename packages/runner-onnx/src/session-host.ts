// Where an onnxruntime session lives: on the calling thread, or in a worker thread of its own.
// onnxruntime-node's `run` is synchronous on the thread that calls it, so a session on the main
// thread stops the event loop for the whole batch: no request is read, batched or answered while
// it computes. A server keeps its sessions in worker threads; one-off users (validation in a
// child process, evaluation, tests) may keep them in-thread.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { createWorkerSessionHost } from './worker-session-host.ts';

/** A tensor as plain data, the form that crosses to a worker thread. */
export interface PlainTensor {
  type: Tensor.Type;
  data: Tensor.DataType;
  dims: readonly number[];
}

export interface SessionRunOptions {
  /**
   * Feeds whose typed arrays the caller made for this run and never reads again (a batch's
   * concatenated inputs): a worker thread takes their memory instead of a copy, and they are
   * empty (detached) once `run` is called. Arrays that are views into a larger buffer are copied.
   */
  ownedFeeds?: ReadonlySet<string>;
}

export interface SessionHost {
  readonly inputMetadata: readonly InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly InferenceSession.ValueMetadata[];
  readonly outputNames: readonly string[];
  /** Rejects with onnxruntime's own error when the session refuses the feeds. */
  run(
    feeds: Record<string, PlainTensor>,
    fetches: readonly string[],
    options?: SessionRunOptions,
  ): Promise<Record<string, PlainTensor>>;
  release(): Promise<void>;
}

/** Rejects with onnxruntime's own error when it cannot create the session. */
export async function createSessionHost(
  model: Uint8Array | string,
  sessionOptions: InferenceSession.SessionOptions,
  inWorkerThread: boolean,
): Promise<SessionHost> {
  if (inWorkerThread) return createWorkerSessionHost(model, sessionOptions);
  const session =
    typeof model === 'string'
      ? await InferenceSession.create(model, sessionOptions)
      : await InferenceSession.create(model, sessionOptions);
  return {
    inputMetadata: session.inputMetadata,
    outputMetadata: session.outputMetadata,
    outputNames: session.outputNames,
    async run(feeds, fetches) {
      const tensors: Record<string, Tensor> = {};
      for (const [name, t] of Object.entries(feeds))
        tensors[name] = new Tensor(t.type, t.data as Tensor.DataTypeMap[typeof t.type], [
          ...t.dims,
        ]);
      const results = await session.run(tensors, [...fetches]);
      const outputs: Record<string, PlainTensor> = {};
      for (const name of fetches) {
        const tensor = results[name] as Tensor;
        outputs[name] = { type: tensor.type, data: tensor.data, dims: tensor.dims };
      }
      return outputs;
    },
    release: () => session.release(),
  };
}
