import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DynamicBatcher,
  type BatcherOptions,
  type BatchInfo,
  type BatchRequest,
} from './dynamic-batcher.ts';
import { InferenceError } from './inference-error.ts';

// Timing is asserted by structure (what ran together, in which order), never by milliseconds:
// CI machines are noisy. The vitest timeout is what catches a flush that never happens.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets queued microtasks and immediate callbacks (the batcher's pump) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InferenceError);
    return (error as InferenceError).code;
  }
  throw new Error('expected an InferenceError');
}

const options = (over: Partial<BatcherOptions> = {}): BatcherOptions => ({
  maxBatchSize: 4,
  maxQueueDelayMs: 5,
  maxQueueSize: 100,
  ...over,
});

/** An executor that records each batch's payloads and can be held shut with a gate. */
function recorder<T>(hold?: Promise<void>) {
  const batches: T[][] = [];
  const execute = async (batch: BatchRequest<T>[]) => {
    batches.push(batch.map((r) => r.payload));
    await hold;
    return batch.map((r) => r.payload);
  };
  return { batches, execute };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('DynamicBatcher', () => {
  it('gives every caller exactly its own result under 200 concurrent submits', async () => {
    interface Payload {
      id: number;
      items: number;
    }
    const infos: BatchInfo[] = [];
    const dispatched: number[] = [];
    let executing = 0;
    let maxExecuting = 0;
    const batcher = new DynamicBatcher<Payload, { echo: Payload }>(
      options({
        maxBatchSize: 8,
        maxQueueDelayMs: 2,
        maxQueueSize: 1000,
        concurrency: 2,
        onBatch: (i) => infos.push(i),
      }),
      async (batch) => {
        executing++;
        maxExecuting = Math.max(maxExecuting, executing);
        dispatched.push(...batch.map((r) => r.payload.id));
        const items = batch.reduce((n, r) => n + r.items, 0);
        expect(items).toBeLessThanOrEqual(8);
        await sleep(1 + Math.random() * 3);
        executing--;
        return batch.map((r) => ({ echo: r.payload }));
      },
    );

    const payloads = Array.from({ length: 200 }, (_, id) => ({
      id,
      items: 1 + Math.floor(Math.random() * 4),
    }));
    // Spread over a few ticks so batches form both from a full queue and from the delay.
    const submitted: number[] = [];
    const results = await Promise.all(
      payloads.map(async (payload) => {
        if (payload.id % 50 === 0) await sleep(3);
        submitted.push(payload.id);
        return batcher.submit({ items: payload.items, payload });
      }),
    );

    results.forEach((result, i) => expect(result.echo).toBe(payloads[i]));
    expect(infos.reduce((n, i) => n + i.requests, 0)).toBe(200);
    expect(infos.every((i) => i.size <= 8 && i.queueMs.length === i.requests)).toBe(true);
    expect(infos.some((i) => i.requests > 1)).toBe(true);
    expect(maxExecuting).toBeLessThanOrEqual(2);
    // FIFO: every request dispatched once, in exactly the order it was submitted.
    expect(dispatched).toEqual(submitted);
    expect(batcher.queueDepth).toBe(0);
  });

  it('grows batches while the execution slot is busy', async () => {
    const { open, opened } = gate();
    const { batches, execute } = recorder<number>(opened);
    const batcher = new DynamicBatcher(options({ maxBatchSize: 16 }), execute);
    const first = batcher.submit({ items: 1, payload: 0 });
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    const rest = Array.from({ length: 10 }, (_, i) => batcher.submit({ items: 1, payload: i + 1 }));
    await sleep(20); // well past the delay: the queue must still wait for the slot
    expect(batches).toHaveLength(1);
    expect(batcher.queueDepth).toBe(10);
    open();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
  });

  it('flushes a lone request after maxQueueDelayMs, not before', async () => {
    vi.useFakeTimers();
    const { batches, execute } = recorder<string>();
    const batcher = new DynamicBatcher(options({ maxBatchSize: 8, maxQueueDelayMs: 50 }), execute);
    const result = batcher.submit({ items: 1, payload: 'alone' });
    await vi.advanceTimersByTimeAsync(10);
    expect(batches).toHaveLength(0);
    expect(batcher.queueDepth).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['alone']]);
    await expect(result).resolves.toBe('alone');
  });

  it('dispatches a full batch without waiting for the delay', async () => {
    const { batches, execute } = recorder<number>();
    // An hour of delay: the test only finishes if a full batch leaves on its own.
    const batcher = new DynamicBatcher(options({ maxQueueDelayMs: 3_600_000 }), execute);
    const results = await Promise.all([
      batcher.submit({ items: 3, payload: 1 }),
      batcher.submit({ items: 1, payload: 2 }),
    ]);
    expect(results).toEqual([1, 2]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('never exceeds maxBatchSize and never splits a request; an oversized one runs alone', async () => {
    const { open, opened } = gate();
    const { batches, execute } = recorder<string>(opened);
    const batcher = new DynamicBatcher(options({ maxBatchSize: 4 }), execute);
    const all = [
      batcher.submit({ items: 1, payload: 'a' }),
      batcher.submit({ items: 2, payload: 'b' }),
      batcher.submit({ items: 6, payload: 'c' }),
      batcher.submit({ items: 1, payload: 'd' }),
      batcher.submit({ items: 3, payload: 'e' }),
      batcher.submit({ items: 1, payload: 'f' }),
    ];
    open();
    await Promise.all(all);
    // a+b = 3 and c would make 9; c alone; d+e = 4 is full; f waits for the delay.
    expect(batches).toEqual([['a', 'b'], ['c'], ['d', 'e'], ['f']]);
  });

  it('runs a lone oversized request on an empty queue', async () => {
    const { batches, execute } = recorder<string>();
    const batcher = new DynamicBatcher(options({ maxBatchSize: 2, maxQueueSize: 4 }), execute);
    await expect(batcher.submit({ items: 10, payload: 'big' })).resolves.toBe('big');
    expect(batches).toEqual([['big']]);
  });

  it('rejects with RESOURCE_EXHAUSTED when the queue is full, without growing it', async () => {
    const { open, opened } = gate();
    const { execute } = recorder<number>(opened);
    const batcher = new DynamicBatcher(
      options({ maxBatchSize: 2, maxQueueSize: 5, maxQueueDelayMs: 0 }),
      execute,
    );
    const running = batcher.submit({ items: 2, payload: 0 });
    await settle(); // the first batch has left the queue and holds the only slot
    expect(batcher.inFlight).toBe(1);
    const queued = [1, 2, 3].map((i) => batcher.submit({ items: i === 3 ? 1 : 2, payload: i }));
    expect(batcher.queuedItems).toBe(5);
    const depth = batcher.queueDepth;
    const refused = await Promise.allSettled([
      batcher.submit({ items: 1, payload: 4 }),
      batcher.submit({ items: 1, payload: 5 }),
    ]);
    for (const outcome of refused) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as InferenceError;
      expect(error.code).toBe('RESOURCE_EXHAUSTED');
      expect(error.httpStatus).toBe(429);
    }
    expect(batcher.queueDepth).toBe(depth);
    expect(batcher.queuedItems).toBe(5);
    open();
    await expect(Promise.all([running, ...queued])).resolves.toEqual([0, 1, 2, 3]);
    await expect(batcher.submit({ items: 1, payload: 6 })).resolves.toBe(6);
  });

  it('rejects only the failing batch: plain errors become INTERNAL, InferenceErrors stay', async () => {
    const { open, opened } = gate();
    const typed = new InferenceError('INVALID_ARGUMENT', 'the model refused');
    const infos: BatchInfo[] = [];
    const batcher = new DynamicBatcher<string, string>(
      options({ maxBatchSize: 2, onBatch: (i) => infos.push(i) }),
      async (batch) => {
        await opened;
        const names = batch.map((r) => r.payload);
        if (names.includes('c')) throw new Error('CUDA out of memory');
        if (names.includes('e')) throw typed;
        return names.map((n) => n.toUpperCase());
      },
    );
    const [a, b, c, d, e, f] = ['a', 'b', 'c', 'd', 'e', 'f'].map((payload) =>
      batcher.submit({ items: 1, payload }),
    );
    open();
    await expect(Promise.all([a, b])).resolves.toEqual(['A', 'B']);
    const error = await c!.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(InferenceError);
    expect((error as InferenceError).code).toBe('INTERNAL');
    expect((error as InferenceError).message).toMatch(/CUDA out of memory/);
    expect(await d!.catch((err: unknown) => err)).toBe(error); // same batch, same error
    await expect(e).rejects.toBe(typed);
    await expect(f).rejects.toBe(typed);
    expect(infos.map((i) => i.error?.code)).toEqual([undefined, 'INTERNAL', 'INVALID_ARGUMENT']);
    // The batcher keeps serving after failures.
    await expect(batcher.submit({ items: 1, payload: 'g' })).resolves.toBe('G');
  });

  it('rejects a batch whose executor returns the wrong number of results', async () => {
    const batcher = new DynamicBatcher<number, number>(options(), async () => [1, 2, 3]);
    expect(await codeOf(batcher.submit({ items: 1, payload: 1 }))).toBe('INTERNAL');
  });

  it('drain flushes the queue without waiting for the delay, then refuses new work', async () => {
    const { batches, execute } = recorder<number>();
    const batcher = new DynamicBatcher(
      options({ maxBatchSize: 2, maxQueueDelayMs: 3_600_000 }),
      execute,
    );
    const pending = [1, 2, 3].map((payload) => batcher.submit({ items: 1, payload }));
    const drained = batcher.drain();
    expect(batcher.drain()).toBe(drained);
    expect(await codeOf(batcher.submit({ items: 1, payload: 4 }))).toBe('UNAVAILABLE');
    await drained;
    await expect(Promise.all(pending)).resolves.toEqual([1, 2, 3]);
    expect(batches).toEqual([[1, 2], [3]]);
    expect(batcher.queueDepth).toBe(0);
    expect(batcher.inFlight).toBe(0);
  });

  it('drain waits for executing batches and resolves at once when idle', async () => {
    const { open, opened } = gate();
    const { execute } = recorder<number>(opened);
    const batcher = new DynamicBatcher(options({ maxQueueDelayMs: 0 }), execute);
    const running = batcher.submit({ items: 1, payload: 1 });
    await settle();
    let drained = false;
    const draining = batcher.drain().then(() => (drained = true));
    await sleep(10);
    expect(drained).toBe(false);
    open();
    await draining;
    await expect(running).resolves.toBe(1);
    await new DynamicBatcher(options(), execute).drain();
  });

  it('withdraws a queued request whose signal aborts', async () => {
    const { open, opened } = gate();
    const { batches, execute } = recorder<string>(opened);
    const batcher = new DynamicBatcher(options({ maxBatchSize: 1, maxQueueDelayMs: 0 }), execute);
    const first = batcher.submit({ items: 1, payload: 'runs' });
    await settle();
    const controller = new AbortController();
    const withdrawn = batcher.submit({ items: 1, payload: 'gone' }, { signal: controller.signal });
    const kept = batcher.submit({ items: 1, payload: 'kept' });
    expect(batcher.queueDepth).toBe(2);
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    expect(await codeOf(withdrawn)).toBe('DEADLINE_EXCEEDED');
    expect(batcher.queueDepth).toBe(1);
    open();
    await expect(Promise.all([first, kept])).resolves.toEqual(['runs', 'kept']);
    expect(batches).toEqual([['runs'], ['kept']]);
    const reason = new InferenceError('UNAVAILABLE', 'client went away');
    await expect(
      batcher.submit({ items: 1, payload: 'late' }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });

  it('rejects bad item counts and bad options', async () => {
    const batcher = new DynamicBatcher(options(), recorder<number>().execute);
    for (const items of [0, -1, 1.5, Number.NaN])
      expect(await codeOf(batcher.submit({ items, payload: 1 }))).toBe('INVALID_ARGUMENT');
    const execute = recorder<number>().execute;
    expect(() => new DynamicBatcher(options({ maxBatchSize: 0 }), execute)).toThrow(RangeError);
    expect(() => new DynamicBatcher(options({ maxQueueDelayMs: -1 }), execute)).toThrow(RangeError);
    expect(() => new DynamicBatcher(options({ concurrency: 1.5 }), execute)).toThrow(RangeError);
    expect(
      () => new DynamicBatcher(options({ maxQueueSize: Number.POSITIVE_INFINITY }), execute),
    ).not.toThrow();
  });

  it('survives an onBatch hook that throws', async () => {
    const batcher = new DynamicBatcher(
      options({
        onBatch: () => {
          throw new Error('metrics down');
        },
      }),
      recorder<number>().execute,
    );
    await expect(batcher.submit({ items: 1, payload: 7 })).resolves.toBe(7);
  });
});
