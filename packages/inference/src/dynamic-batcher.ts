// Per-model dynamic batching, as Triton does it: requests queue, and a batch leaves as soon as the
// queued items fill it or its oldest request has waited `maxQueueDelayMs`. While every execution
// slot is busy the queue keeps filling, so batches grow with load; that is what makes batching
// pay off, since one session.run over N rows costs far less than N runs.
// Generic over the payload and the result: it knows nothing of tensors (see tensor-batching.ts).
import { InferenceError } from './inference-error.ts';

export interface BatcherOptions {
  /** the most items (first-dimension rows) in one batch; a single larger request runs alone */
  maxBatchSize: number;
  /** how long the oldest queued request waits for company before its batch leaves anyway */
  maxQueueDelayMs: number;
  /**
   * the most items waiting (not counting executing batches); beyond it `submit` rejects with
   * RESOURCE_EXHAUSTED. A request is always admitted to an empty queue, so one larger than this
   * can still run.
   */
  maxQueueSize: number;
  /** batches that may execute at once (model instances); default 1 */
  concurrency?: number;
  /** told about every executed batch, for metrics; an exception from it is ignored */
  onBatch?: (info: BatchInfo) => void;
}

export interface BatchInfo {
  /** items in the batch */
  size: number;
  requests: number;
  /** per request, in batch order: ms from submit until the batch started */
  queueMs: number[];
  /** ms `execute` took */
  computeMs: number;
  /** set when the batch failed; every request of the batch was rejected with it */
  error?: InferenceError;
}

export interface BatchRequest<T> {
  /** rows this request adds to a batch (its first dimension), at least 1 */
  items: number;
  payload: T;
}

export interface SubmitOptions {
  /**
   * Withdraws the request while it still waits in the queue (a deadline or a client gone). It
   * then rejects with the abort reason when that is an InferenceError, DEADLINE_EXCEEDED otherwise.
   * Once its batch started, the request runs to completion.
   */
  signal?: AbortSignal;
}

/** Runs one batch; must return one result per request, in the batch's order. */
export type BatchExecutor<T, R> = (batch: BatchRequest<T>[]) => Promise<R[]>;

interface Entry<T, R> {
  request: BatchRequest<T>;
  enqueuedAt: number;
  deadline: number;
  /** set by the delay timer, so a timer that fires a hair early by the clock still flushes */
  due: boolean;
  state: 'queued' | 'running' | 'withdrawn';
  resolve: (result: R) => void;
  reject: (error: InferenceError) => void;
  detach?: () => void;
}

function toInferenceError(error: unknown): InferenceError {
  if (error instanceof InferenceError) return error;
  const wrapped = new InferenceError(
    'INTERNAL',
    `batch execution failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  wrapped.cause = error; // for logs; not part of the client-facing toJSON
  return wrapped;
}

function checkOptions(options: BatcherOptions): void {
  const positiveInteger = (name: keyof BatcherOptions, value: unknown, allowInfinity = false) => {
    const ok =
      (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) ||
      (allowInfinity && value === Number.POSITIVE_INFINITY);
    if (!ok)
      throw new RangeError(
        `batcher option ${name} must be a positive integer, not ${String(value)}`,
      );
  };
  positiveInteger('maxBatchSize', options.maxBatchSize);
  positiveInteger('maxQueueSize', options.maxQueueSize, true);
  positiveInteger('concurrency', options.concurrency ?? 1);
  const delay = options.maxQueueDelayMs;
  if (!Number.isFinite(delay) || delay < 0)
    throw new RangeError(
      `batcher option maxQueueDelayMs must be a finite number >= 0, not ${delay}`,
    );
}

export class DynamicBatcher<T, R> {
  private readonly maxBatchSize: number;
  private readonly maxQueueDelayMs: number;
  private readonly maxQueueSize: number;
  private readonly concurrency: number;
  private readonly onBatch: ((info: BatchInfo) => void) | undefined;

  // FIFO as an array with a moving head: O(1) dequeue without shifting. Withdrawn entries stay in
  // place (flagged) until they reach the head.
  private queue: Entry<T, R>[] = [];
  private head = 0;
  private waitingRequests = 0;
  private waitingItems = 0;
  private running = 0;
  private pumpScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private timerEntry: Entry<T, R> | undefined;
  private draining = false;
  private drained: Promise<void> | undefined;
  private resolveDrained: (() => void) | undefined;

  constructor(
    options: BatcherOptions,
    private readonly execute: BatchExecutor<T, R>,
  ) {
    checkOptions(options);
    this.maxBatchSize = options.maxBatchSize;
    this.maxQueueDelayMs = options.maxQueueDelayMs;
    this.maxQueueSize = options.maxQueueSize;
    this.concurrency = options.concurrency ?? 1;
    this.onBatch = options.onBatch;
  }

  /** Requests waiting in the queue (not yet executing). */
  get queueDepth(): number {
    return this.waitingRequests;
  }

  /** Items (rows) waiting in the queue. */
  get queuedItems(): number {
    return this.waitingItems;
  }

  /** Batches executing right now. */
  get inFlight(): number {
    return this.running;
  }

  /**
   * Queues a request and resolves with its own result once its batch ran. Rejects with
   * RESOURCE_EXHAUSTED when the queue is full, UNAVAILABLE once draining, INVALID_ARGUMENT for a
   * bad item count, and with the batch's error when its batch fails.
   */
  submit(request: BatchRequest<T>, options: SubmitOptions = {}): Promise<R> {
    if (this.draining) {
      return Promise.reject(
        new InferenceError('UNAVAILABLE', 'the model is shutting down and accepts no new requests'),
      );
    }
    if (!Number.isSafeInteger(request.items) || request.items < 1) {
      return Promise.reject(
        new InferenceError(
          'INVALID_ARGUMENT',
          `a request must have at least 1 item, not ${request.items}`,
        ),
      );
    }
    if (this.waitingRequests > 0 && this.waitingItems + request.items > this.maxQueueSize) {
      return Promise.reject(
        new InferenceError('RESOURCE_EXHAUSTED', 'the model queue is full; retry later', {
          queuedItems: this.waitingItems,
          maxQueueSize: this.maxQueueSize,
        }),
      );
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));

    return new Promise<R>((resolve, reject) => {
      const enqueuedAt = performance.now();
      const entry: Entry<T, R> = {
        request,
        enqueuedAt,
        deadline: enqueuedAt + this.maxQueueDelayMs,
        due: false,
        state: 'queued',
        resolve,
        reject,
      };
      if (signal) {
        const onAbort = () => this.withdraw(entry, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        entry.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(entry);
      this.waitingRequests++;
      this.waitingItems += request.items;
      this.schedulePump();
    });
  }

  /**
   * Stops accepting requests (UNAVAILABLE), runs everything queued without waiting for the delay,
   * and resolves once nothing is queued or executing. Calling it again returns the same promise.
   */
  drain(): Promise<void> {
    if (!this.drained) {
      this.draining = true;
      this.drained = new Promise((resolve) => (this.resolveDrained = resolve));
      this.schedulePump();
    }
    return this.drained;
  }

  private withdraw(entry: Entry<T, R>, reason: unknown): void {
    if (entry.state !== 'queued') return;
    entry.state = 'withdrawn';
    this.waitingRequests--;
    this.waitingItems -= entry.request.items;
    entry.reject(abortError(reason));
    this.schedulePump();
  }

  /** The oldest still-queued entry, dropping withdrawn ones from the front. */
  private peek(): Entry<T, R> | undefined {
    while (this.head < this.queue.length && this.queue[this.head]!.state !== 'queued') this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return this.queue[this.head];
  }

  // Dispatching happens in a microtask, never inside submit: requests submitted in the same tick
  // coalesce into one batch, and an executor that submits again cannot re-enter the pump.
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => this.pump());
  }

  private isReady(oldest: Entry<T, R>): boolean {
    return (
      this.draining ||
      this.waitingItems >= this.maxBatchSize ||
      oldest.due ||
      performance.now() >= oldest.deadline
    );
  }

  private pump(): void {
    this.pumpScheduled = false;
    while (this.running < this.concurrency) {
      const oldest = this.peek();
      if (!oldest || !this.isReady(oldest)) break;
      this.dispatch(this.takeBatch());
    }
    this.armTimer();
    if (this.draining && this.running === 0 && this.waitingRequests === 0) this.resolveDrained?.();
  }

  /** FIFO, up to maxBatchSize items; never splits a request; an oversized one goes alone. */
  private takeBatch(): Entry<T, R>[] {
    const batch: Entry<T, R>[] = [];
    let items = 0;
    for (let next = this.peek(); next; next = this.peek()) {
      if (batch.length > 0 && items + next.request.items > this.maxBatchSize) break;
      this.head++;
      next.state = 'running';
      next.detach?.();
      this.waitingRequests--;
      this.waitingItems -= next.request.items;
      items += next.request.items;
      batch.push(next);
      if (items >= this.maxBatchSize) break;
    }
    return batch;
  }

  // The timer only matters while a slot is free and the oldest request is not yet due: when every
  // slot is busy, the next batch to finish pumps again anyway.
  private armTimer(): void {
    const oldest = this.peek();
    if (!oldest || oldest.due || this.draining || this.running >= this.concurrency) {
      this.clearTimer();
      return;
    }
    if (this.timerEntry === oldest) return;
    this.clearTimer();
    this.timerEntry = oldest;
    const wait = Math.max(0, Math.ceil(oldest.deadline - performance.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerEntry = undefined;
      oldest.due = true;
      this.pump();
    }, wait);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerEntry = undefined;
  }

  private dispatch(batch: Entry<T, R>[]): void {
    this.running++;
    void this.run(batch);
  }

  private async run(batch: Entry<T, R>[]): Promise<void> {
    const started = performance.now();
    let results: R[] | undefined;
    let failure: InferenceError | undefined;
    try {
      results = await this.execute(batch.map((e) => e.request));
      if (!Array.isArray(results) || results.length !== batch.length) {
        throw new InferenceError(
          'INTERNAL',
          `the batch executor returned ${Array.isArray(results) ? results.length : 'no'} results for ${batch.length} requests`,
        );
      }
    } catch (error) {
      failure = toInferenceError(error);
    }
    const computeMs = performance.now() - started;
    this.running--;
    batch.forEach((entry, i) => {
      if (failure) entry.reject(failure);
      else entry.resolve(results![i] as R);
    });
    if (this.onBatch) {
      const info: BatchInfo = {
        size: batch.reduce((n, e) => n + e.request.items, 0),
        requests: batch.length,
        queueMs: batch.map((e) => started - e.enqueuedAt),
        computeMs,
      };
      if (failure) info.error = failure;
      try {
        this.onBatch(info);
      } catch {
        // metrics must never break serving
      }
    }
    this.schedulePump();
  }
}

function abortError(reason: unknown): InferenceError {
  if (reason instanceof InferenceError) return reason;
  return new InferenceError(
    'DEADLINE_EXCEEDED',
    'the request was withdrawn before it ran' +
      (reason instanceof Error && reason.message ? `: ${reason.message}` : ''),
  );
}
