// One model version this runner serves: its onnxruntime sessions ("instances") and, when its
// inputs and outputs all have a dynamic first dimension, one dynamic batcher per compatible input
// shape, so concurrent requests run as one batch (Triton's dynamic batching). Each batcher lets
// as many batches run at once as there are instances, and every batch runs on an idle instance.
import {
  batchKey,
  batchRows,
  concatInputs,
  DynamicBatcher,
  splitOutputs,
  type BatchInfo,
  type InferInputTensor,
  type TypedOutputTensor,
  type InputPolicy,
  type ModelSignature,
} from '@modelhub/inference';
import type { OnnxModel } from '@modelhub/runner-onnx';
import { InstancePool } from './instance-pool.ts';

export interface BatchingConfig {
  enabled: boolean;
  maxBatchSize: number;
  maxQueueDelayMs: number;
  /** items waiting per queue before requests are refused with RESOURCE_EXHAUSTED */
  maxQueueItems: number;
}

export interface HostedModelOptions {
  name: string;
  version: string;
  modelVersionId: string;
  signature: ModelSignature;
  /** the model's sessions, at least one; the hosted model owns and releases them */
  instances: OnnxModel[];
  /** memory the sessions hold (measured at load), counted against the runner's budget */
  memoryBytes: number;
  batching: BatchingConfig;
  inputPolicy: InputPolicy;
  onBatch?: (model: HostedModel, info: BatchInfo) => void;
}

export interface InferResult {
  /** typed arrays as onnxruntime returned them; JSON answers convert (toJsonTensors) */
  outputs: TypedOutputTensor[];
  queueMs: number;
  computeMs: number;
  /** rows in the batch this request ran in */
  batchSize: number;
  /** the instance that ran the batch, 0-based */
  instance: number;
  /** batches executing when this one started, itself included */
  concurrentBatches: number;
}

type Executed = Omit<InferResult, 'queueMs'> & { startedAt: number };

export class HostedModel {
  readonly name: string;
  readonly version: string;
  readonly modelVersionId: string;
  readonly signature: ModelSignature;
  readonly memoryBytes: number;
  readonly batching: BatchingConfig;
  readonly inputPolicy: InputPolicy;
  /** for LRU eviction */
  lastUsedAt = Date.now();
  private readonly pool: InstancePool<OnnxModel>;
  private readonly batchers = new Map<string, DynamicBatcher<InferInputTensor[], Executed>>();
  private readonly onBatch: HostedModelOptions['onBatch'];
  /** requests inside `infer`; a model with work in hand is never evicted */
  private active = 0;

  constructor(options: HostedModelOptions) {
    this.name = options.name;
    this.version = options.version;
    this.modelVersionId = options.modelVersionId;
    this.signature = options.signature;
    this.memoryBytes = options.memoryBytes;
    this.inputPolicy = options.inputPolicy;
    this.onBatch = options.onBatch;
    this.pool = new InstancePool(options.instances);
    const { signature, batching } = options;
    const batchable = [...signature.inputs, ...signature.outputs].every((t) => t.shape[0] === -1);
    this.batching = {
      ...batching,
      enabled: batching.enabled && batchable && batching.maxBatchSize > 1,
    };
  }

  /** onnxruntime sessions this model runs batches on */
  get instanceCount(): number {
    return this.pool.size;
  }

  /** instances executing a batch right now */
  get busyInstances(): number {
    return this.pool.busy;
  }

  get queueDepth(): number {
    let depth = 0;
    for (const b of this.batchers.values()) depth += b.queuedItems;
    return depth;
  }

  get idle(): boolean {
    return this.active === 0;
  }

  async infer(inputs: InferInputTensor[], outputNames?: string[]): Promise<InferResult> {
    const submitted = performance.now();
    this.lastUsedAt = Date.now();
    this.active++;
    let executed: Executed;
    try {
      executed = this.batching.enabled
        ? await this.batcherFor(inputs).submit({ items: batchRows(inputs), payload: inputs })
        : await this.execute([inputs]).then((r) => r[0]!);
    } finally {
      this.active--;
    }
    const { startedAt, ...result } = executed;
    const outputs = outputNames?.length
      ? result.outputs.filter((o) => outputNames.includes(o.name))
      : result.outputs;
    return { ...result, outputs, queueMs: startedAt - submitted };
  }

  /** Refuses new work and finishes what is queued. */
  async drain(): Promise<void> {
    await Promise.all([...this.batchers.values()].map((b) => b.drain()));
  }

  async dispose(): Promise<void> {
    await this.drain();
    await Promise.all(this.pool.instances.map((instance) => instance.dispose()));
  }

  private batcherFor(inputs: InferInputTensor[]) {
    const key = batchKey(inputs);
    let batcher = this.batchers.get(key);
    if (!batcher) {
      batcher = new DynamicBatcher<InferInputTensor[], Executed>(
        {
          maxBatchSize: this.batching.maxBatchSize,
          maxQueueDelayMs: this.batching.maxQueueDelayMs,
          maxQueueSize: this.batching.maxQueueItems,
          concurrency: this.pool.size,
          onBatch: (info) => this.onBatch?.(this, info),
        },
        (batch) => this.execute(batch.map((r) => r.payload)),
      );
      this.batchers.set(key, batcher);
    }
    return batcher;
  }

  /**
   * Runs requests as one session.run on an idle instance (concatenated along the batch
   * dimension) and splits the outputs back per request.
   */
  private execute(requests: InferInputTensor[][]): Promise<Executed[]> {
    return this.pool.use(async (onnx, lease) => {
      const startedAt = performance.now();
      const placement = { instance: lease.index, concurrentBatches: lease.busy, startedAt };
      if (requests.length === 1) {
        const outputs = await onnx.runTyped(requests[0]!);
        const computeMs = performance.now() - startedAt;
        return [{ outputs, computeMs, batchSize: batchRows(requests[0]!), ...placement }];
      }
      const rows = requests.map((r) => batchRows(r));
      // The concatenated inputs are the batch's own: their memory moves to the session's thread.
      const outputs = await onnx.runTyped(concatInputs(requests), undefined, { inputsOwned: true });
      const computeMs = performance.now() - startedAt;
      const batchSize = rows.reduce((a, b) => a + b, 0);
      return splitOutputs(outputs, rows).map((o) => ({
        outputs: o,
        computeMs,
        batchSize,
        ...placement,
      }));
    });
  }
}
