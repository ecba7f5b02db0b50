import { describe, expect, it } from 'vitest';
import {
  InferenceError,
  type InferInputTensor,
  type InferRequest,
  type TypedInferResponse,
} from '@modelhub/inference';
import { RunnerCallBatcher, type RoutedResponse } from './runner-call-batcher.ts';

/** A stand-in for a runner's model: answers each row's sum, and refuses rows holding -1. */
class SummingRunner {
  readonly requests: InferRequest[] = [];
  private readonly answers: (() => void)[] = [];

  /** While held, requests wait until `release`. */
  held = false;

  send = async (request: InferRequest): Promise<RoutedResponse<TypedInferResponse>> => {
    this.requests.push(request);
    if (this.held) await new Promise<void>((resolve) => this.answers.push(resolve));
    const input = request.inputs[0]!;
    const data = input.data as Float32Array;
    const rowSize = data.length / input.shape[0]!;
    const sums = new Float32Array(input.shape[0]!);
    for (let row = 0; row < sums.length; row++) {
      const values = data.subarray(row * rowSize, (row + 1) * rowSize);
      if (values.includes(-1)) throw new InferenceError('INVALID_ARGUMENT', 'a row holds -1');
      sums[row] = values.reduce((a, b) => a + b, 0);
    }
    return {
      runnerId: 'runner-1',
      response: {
        model_name: 'm',
        outputs: [{ name: 'sum', datatype: 'FP32', shape: [sums.length], data: sums }],
        parameters: { queue_ms: 1, compute_ms: 2 },
      },
    };
  };

  release() {
    this.held = false;
    for (const answer of this.answers.splice(0)) answer();
  }
}

/** `rows` rows of two values each, all equal to `value`. */
function input(value: number, rows = 1, name = 'x'): InferInputTensor {
  return {
    name,
    datatype: 'FP32',
    shape: [rows, 2],
    data: new Float32Array(rows * 2).fill(value),
  };
}

const sums = (routed: RoutedResponse<TypedInferResponse>) =>
  Array.from(routed.response.outputs[0]!.data as Float32Array);

describe('RunnerCallBatcher', () => {
  it('sends a lone call at once, as it is', async () => {
    const runner = new SummingRunner();
    const batcher = new RunnerCallBatcher({ maxInFlight: () => 1, maxQueueItems: 100 });
    const routed = await batcher.infer('v1', { inputs: [input(3, 2)] }, 8, runner.send);
    expect(sums(routed)).toEqual([6, 6]);
    expect(runner.requests).toHaveLength(1);
    expect(runner.requests[0]!.inputs[0]!.shape).toEqual([2, 2]);
    expect(routed.runnerId).toBe('runner-1');
  });

  it('coalesces the calls that arrive while the runners are busy, and gives each its own rows', async () => {
    const runner = new SummingRunner();
    const batcher = new RunnerCallBatcher({ maxInFlight: () => 1, maxQueueItems: 100 });
    runner.held = true;
    const first = batcher.infer('v1', { inputs: [input(1)] }, 8, runner.send);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4].map((v, i) =>
      batcher.infer('v1', { inputs: [input(v, i + 1)] }, 8, runner.send),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    runner.release();
    const answers = await Promise.all([first, ...rest]);
    expect(answers.map(sums)).toEqual([[2], [4], [6, 6], [8, 8, 8]]);
    // the first alone, then the three waiting ones as one request of 1 + 2 + 3 rows
    expect(runner.requests.map((r) => r.inputs[0]!.shape[0])).toEqual([1, 6]);
    // a coalesced call's queue time includes its wait in the api (about 20 ms here)
    const queueMs = answers[1]!.response.parameters!.queue_ms as number;
    expect(queueMs).toBeGreaterThan(10);
    expect(answers[0]!.response.parameters!.queue_ms).toBeLessThan(queueMs);
  });

  it('keeps each request within maxBatchSize items', async () => {
    const runner = new SummingRunner();
    const batcher = new RunnerCallBatcher({ maxInFlight: () => 1, maxQueueItems: 100 });
    runner.held = true;
    const calls = [1, 2, 3, 4, 5].map((v) =>
      batcher.infer('v1', { inputs: [input(v)] }, 2, runner.send),
    );
    await new Promise((resolve) => setImmediate(resolve));
    runner.release();
    const inOrder = await Promise.all(calls);
    expect(inOrder.map(sums)).toEqual([[2], [4], [6], [8], [10]]);
    expect(runner.requests.every((r) => r.inputs[0]!.shape[0]! <= 2)).toBe(true);
  });

  it('never batches calls of different models, input shapes or requested outputs', async () => {
    const runner = new SummingRunner();
    const batcher = new RunnerCallBatcher({ maxInFlight: () => 1, maxQueueItems: 100 });
    runner.held = true;
    const calls = [
      batcher.infer('v1', { inputs: [input(1)] }, 8, runner.send),
      batcher.infer('v2', { inputs: [input(1)] }, 8, runner.send),
      batcher.infer('v1', { inputs: [input(1, 1, 'y')] }, 8, runner.send),
      batcher.infer('v1', { inputs: [input(1)], outputs: [{ name: 'sum' }] }, 8, runner.send),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.requests).toHaveLength(4);
    runner.release();
    await Promise.all(calls);
  });

  it('when a batch fails on content, sends each call alone so only the culprit fails', async () => {
    const runner = new SummingRunner();
    const batcher = new RunnerCallBatcher({ maxInFlight: () => 1, maxQueueItems: 100 });
    runner.held = true;
    const first = batcher.infer('v1', { inputs: [input(1)] }, 8, runner.send);
    await new Promise((resolve) => setImmediate(resolve));
    const good = batcher.infer('v1', { inputs: [input(5)] }, 8, runner.send);
    const bad = batcher.infer('v1', { inputs: [input(-1)] }, 8, runner.send);
    await new Promise((resolve) => setImmediate(resolve));
    runner.release();
    expect(sums(await first)).toEqual([2]);
    expect(sums(await good)).toEqual([10]);
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // the first, the failed batch of two, then the two alone
    expect(runner.requests.map((r) => r.inputs[0]!.shape[0])).toEqual([1, 2, 1, 1]);
  });

  it('fails every call of a batch with the runner error that is not about content, once', async () => {
    const batcher = new RunnerCallBatcher({ maxInFlight: () => 1, maxQueueItems: 100 });
    const sent: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const send = async (request: InferRequest): Promise<never> => {
      sent.push(request.inputs[0]!.shape[0]!);
      await held;
      throw new InferenceError('UNAVAILABLE', 'no runner could be reached');
    };
    const calls = [1, 2, 3].map((v) => batcher.infer('v1', { inputs: [input(v)] }, 8, send));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // called in one tick, the three went as one request
    expect(sent).toEqual([3]);
  });

  it('refuses calls with RESOURCE_EXHAUSTED once its queue for the model is full', async () => {
    const runner = new SummingRunner();
    const batcher = new RunnerCallBatcher({ maxInFlight: () => 1, maxQueueItems: 2 });
    runner.held = true;
    const running = batcher.infer('v1', { inputs: [input(1)] }, 8, runner.send);
    await new Promise((resolve) => setImmediate(resolve));
    const accepted = [
      running,
      ...[2, 3].map((v) => batcher.infer('v1', { inputs: [input(v)] }, 8, runner.send)),
    ];
    await expect(batcher.infer('v1', { inputs: [input(4)] }, 8, runner.send)).rejects.toMatchObject(
      { code: 'RESOURCE_EXHAUSTED' },
    );
    runner.release();
    expect((await Promise.all(accepted)).map(sums)).toEqual([[2], [4], [6]]);
  });
});
