// Prometheus metrics of one runner (text format at GET /metrics): how long requests queue and
// compute, how big batches get, how deep queues are, what is loaded, and the process's memory.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BatchInfo } from '@modelhub/inference';
import type { HostedModel } from './hosted-model.ts';
import type { ModelRepository } from './model-repository.ts';

const MS_BUCKETS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];

export class RunnerMetrics {
  readonly registry = new Registry();
  private readonly queueTime = new Histogram({
    name: 'modelhub_runner_queue_ms',
    help: 'Time a request waited for its batch to start, in ms',
    labelNames: ['model'],
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });
  private readonly computeTime = new Histogram({
    name: 'modelhub_runner_compute_ms',
    help: 'onnxruntime time of one batch, in ms',
    labelNames: ['model'],
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });
  private readonly batchSize = new Histogram({
    name: 'modelhub_runner_batch_size',
    help: 'Rows per executed batch',
    labelNames: ['model'],
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'modelhub_runner_requests_total',
    help: 'Infer requests answered, by model and outcome',
    labelNames: ['model', 'code'],
    registers: [this.registry],
  });

  private readonly evictions = new Counter({
    name: 'modelhub_runner_evictions_total',
    help: 'Models unloaded to stay inside the memory budget',
    labelNames: ['model'],
    registers: [this.registry],
  });

  constructor(repository: ModelRepository) {
    const models = () => repository.list();
    collectDefaultMetrics({ register: this.registry, prefix: 'modelhub_runner_' });
    new Gauge({
      name: 'modelhub_runner_queue_depth',
      help: 'Items waiting in batch queues, per model',
      labelNames: ['model'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const m of models()) this.set({ model: `${m.name}@${m.version}` }, m.queueDepth);
      },
    });
    new Gauge({
      name: 'modelhub_runner_loaded_models',
      help: 'Model versions loaded in this runner',
      registers: [this.registry],
      collect() {
        this.set(models().length);
      },
    });
    new Gauge({
      name: 'modelhub_runner_model_memory_bytes',
      help: 'Estimated memory held by loaded models (counted against the budget)',
      registers: [this.registry],
      collect() {
        this.set(repository.memoryBytes);
      },
    });
  }

  countEviction(model: HostedModel): void {
    this.evictions.inc({ model: `${model.name}@${model.version}` });
  }

  observeBatch(model: HostedModel, info: BatchInfo): void {
    const labels = { model: `${model.name}@${model.version}` };
    this.batchSize.observe(labels, info.size);
    this.computeTime.observe(labels, info.computeMs);
    for (const ms of info.queueMs) this.queueTime.observe(labels, ms);
  }

  /** For requests that did not go through a batcher (models without a batch dimension). */
  observeUnbatched(model: HostedModel, queueMs: number, computeMs: number, rows: number): void {
    const labels = { model: `${model.name}@${model.version}` };
    this.batchSize.observe(labels, rows);
    this.computeTime.observe(labels, computeMs);
    this.queueTime.observe(labels, queueMs);
  }

  countRequest(model: string, code: string): void {
    this.requests.inc({ model, code });
  }
}
