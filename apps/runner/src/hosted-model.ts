// One model version this runner serves: its onnxruntime session and, when its inputs and
// outputs all have a dynamic first dimension, one dynamic batcher per compatible input shape,
// so concurrent requests run as one batch (Triton's dynamic batching).
import {
  batchKey,
  batchRows,
  concatInputs,
  DynamicBatcher,
  splitOutputs,
  type BatchInfo,
  type InferInputTensor,
  type InferOutputTensor,
  type ModelSignature,
} from '@modelhub/inference';
import type { OnnxModel } from '@modelhub/runner-onnx';

export interface BatchingConfig {
  enabled: boolean;
  maxBatchSize: number;
  maxQueueDelayMs: number;
  /** items waiting per queue before requests are refused with RESOURCE_EXHAUSTED */
  maxQueueItems: number;
}

export interface InferResult {
  outputs: InferOutputTensor[];
  queueMs: number;
  computeMs: number;
  /** rows in the batch this request ran in */
  batchSize: number;
}

interface Executed {
  outputs: InferOutputTensor[];
  startedAt: number;
  computeMs: number;
  batchSize: number;
}

export class HostedModel {
  private readonly batchers = new Map<string, DynamicBatcher<InferInputTensor[], Executed>>();
  readonly batching: BatchingConfig;
  /** for LRU eviction */
  lastUsedAt = Date.now();
  /** requests inside `infer`; a model with work in hand is never evicted */
  private active = 0;

  constructor(
    readonly name: string,
    readonly version: string,
    readonly modelVersionId: string,
    readonly signature: ModelSignature,
    readonly onnx: OnnxModel,
    /** estimated memory the loaded session holds, counted against the runner's budget */
    readonly memoryBytes: number,
    batching: BatchingConfig,
    private readonly onBatch?: (model: HostedModel, info: BatchInfo) => void,
  ) {
    const batchable = [...signature.inputs, ...signature.outputs].every((t) => t.shape[0] === -1);
    this.batching = {
      ...batching,
      enabled: batching.enabled && batchable && batching.maxBatchSize > 1,
    };
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
    const outputs = outputNames?.length
      ? executed.outputs.filter((o) => outputNames.includes(o.name))
      : executed.outputs;
    return {
      outputs,
      queueMs: executed.startedAt - submitted,
      computeMs: executed.computeMs,
      batchSize: executed.batchSize,
    };
  }

  /** Refuses new work and finishes what is queued. */
  async drain(): Promise<void> {
    await Promise.all([...this.batchers.values()].map((b) => b.drain()));
  }

  async dispose(): Promise<void> {
    await this.drain();
    await this.onnx.dispose();
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
          onBatch: (info) => this.onBatch?.(this, info),
        },
        (batch) => this.execute(batch.map((r) => r.payload)),
      );
      this.batchers.set(key, batcher);
    }
    return batcher;
  }

  /** Runs requests as one session.run (concatenated along the batch dimension) and splits. */
  private async execute(requests: InferInputTensor[][]): Promise<Executed[]> {
    const startedAt = performance.now();
    if (requests.length === 1) {
      const outputs = await this.onnx.run(requests[0]!);
      const computeMs = performance.now() - startedAt;
      return [{ outputs, startedAt, computeMs, batchSize: batchRows(requests[0]!) }];
    }
    const rows = requests.map((r) => batchRows(r));
    const outputs = await this.onnx.run(concatInputs(requests));
    const computeMs = performance.now() - startedAt;
    const batchSize = rows.reduce((a, b) => a + b, 0);
    return splitOutputs(outputs, rows).map((o) => ({
      outputs: o,
      startedAt,
      computeMs,
      batchSize,
    }));
  }
}
