// Coalesces concurrent calls for one model into one runner request. A runner batches what it
// receives anyway (its dynamic batcher), but every request it receives costs both processes an
// HTTP exchange, tensor encoding and decoding, and a turn through the runner's queue: at
// concurrency 64 that was a third of the runner's CPU per item. So the api keeps at most
// `maxInFlight` requests per model at the runners and, while they are all out, gathers the next
// calls into one request, which the runner runs as one batch and which is split back here. A lone
// call is sent at once (no delay), so latency at low load is unchanged.
// The same DynamicBatcher as the runner's, with no queue delay: batches grow only with load.
import {
  batchKey,
  batchRows,
  concatInputs,
  DynamicBatcher,
  InferenceError,
  splitOutputs,
  type InferInputTensor,
  type InferRequest,
  type TypedInferResponse,
} from '@modelhub/inference';

/** What one runner call answered, and which runner answered it. */
export interface RoutedResponse<R> {
  response: R;
  runnerId: string;
}

/** Sends one request to a runner: the router's unbatched call. */
export type SendToRunner = (request: InferRequest) => Promise<RoutedResponse<TypedInferResponse>>;

export interface RunnerCallBatcherOptions {
  /** requests per target (and input shape) that may be at the runners at once; asked again
   * before each request, as the runners holding a target come and go */
  maxInFlight: (target: string) => number;
  /** items per model waiting here beyond which calls are refused with RESOURCE_EXHAUSTED */
  maxQueueItems: number;
}

interface PendingCall {
  inputs: InferInputTensor[];
  submittedAt: number;
}

/** A call's own answer, or the error that only it caused (a batch's error belongs to all). */
type CallOutcome =
  | { ok: true; routed: RoutedResponse<TypedInferResponse>; waitedMs: number }
  | { ok: false; error: unknown };

/** Errors about a request's content: in a batch of several, any one of them could be the cause. */
const CONTENT_ERRORS = new Set(['INVALID_ARGUMENT', 'PAYLOAD_TOO_LARGE']);

export class RunnerCallBatcher {
  private readonly batchers = new Map<
    string,
    { batcher: DynamicBatcher<PendingCall, CallOutcome>; calls: number }
  >();

  constructor(private readonly options: RunnerCallBatcherOptions) {}

  /**
   * Runs `request` through `send`, together with the concurrent calls of the same `target` (a
   * model version on the runners) whose inputs can share a batch. `send` must be the same for one
   * target. Every input's first dimension must be the batch dimension, and the model's outputs'
   * too: the caller decides that from the model's signature. The answer's `queue_ms` includes the
   * time the call waited here.
   */
  async infer(
    target: string,
    request: InferRequest,
    maxBatchSize: number,
    send: SendToRunner,
  ): Promise<RoutedResponse<TypedInferResponse>> {
    const outputs = request.outputs?.map((o) => o.name) ?? [];
    const key = JSON.stringify([target, batchKey(request.inputs), outputs]);
    let entry = this.batchers.get(key);
    if (!entry) {
      entry = {
        calls: 0,
        batcher: new DynamicBatcher<PendingCall, CallOutcome>(
          {
            maxBatchSize,
            maxQueueDelayMs: 0,
            maxQueueSize: this.options.maxQueueItems,
            concurrency: () => this.options.maxInFlight(target),
          },
          (batch) =>
            runBatch(
              batch.map((b) => b.payload),
              request.outputs,
              send,
            ),
        ),
      };
      this.batchers.set(key, entry);
    }
    entry.calls++;
    let outcome: CallOutcome;
    try {
      outcome = await entry.batcher.submit({
        items: batchRows(request.inputs),
        payload: { inputs: request.inputs, submittedAt: performance.now() },
      });
    } finally {
      // Input shapes vary (images of any width): a key's batcher lives only while it has calls.
      if (--entry.calls === 0) this.batchers.delete(key);
    }
    if (!outcome.ok) throw outcome.error;
    const { routed, waitedMs } = outcome;
    const parameters = routed.response.parameters ?? {};
    const queueMs = typeof parameters.queue_ms === 'number' ? parameters.queue_ms : 0;
    return {
      ...routed,
      response: {
        ...routed.response,
        parameters: { ...parameters, queue_ms: queueMs + waitedMs },
      },
    };
  }
}

async function runBatch(
  calls: PendingCall[],
  outputs: InferRequest['outputs'],
  send: SendToRunner,
): Promise<CallOutcome[]> {
  const startedAt = performance.now();
  const waited = (call: PendingCall) => startedAt - call.submittedAt;
  if (calls.length === 1) return [await sendAlone(calls[0]!, outputs, send, waited(calls[0]!))];
  let routed: RoutedResponse<TypedInferResponse>;
  try {
    routed = await send({
      inputs: concatInputs(calls.map((c) => c.inputs)),
      ...(outputs ? { outputs } : {}),
    });
  } catch (error) {
    // One call's content may have failed the whole batch: each goes alone, so the others succeed
    // and the culprit gets its own error.
    if (error instanceof InferenceError && CONTENT_ERRORS.has(error.code)) {
      return Promise.all(calls.map((call) => sendAlone(call, outputs, send, waited(call))));
    }
    return calls.map(() => ({ ok: false, error }));
  }
  const parts = splitOutputs(
    routed.response.outputs,
    calls.map((c) => batchRows(c.inputs)),
  );
  return calls.map((call, i) => ({
    ok: true,
    routed: { ...routed, response: { ...routed.response, outputs: parts[i]! } },
    waitedMs: waited(call),
  }));
}

async function sendAlone(
  call: PendingCall,
  outputs: InferRequest['outputs'],
  send: SendToRunner,
  waitedMs: number,
): Promise<CallOutcome> {
  try {
    const routed = await send({ inputs: call.inputs, ...(outputs ? { outputs } : {}) });
    return { ok: true, routed, waitedMs };
  } catch (error) {
    return { ok: false, error };
  }
}
