// Prometheus metrics of one runner (text format at GET /metrics): how long requests queue and
// compute, how big batches get, how deep queues are, what is loaded with how many instances and
// how much memory, and the process's memory.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BatchInfo } from '@modelhub/inference';
import type { HostedModel } from './hosted-model.ts';
import type { ModelRepository } from './model-repository.ts';

const MS_BUCKETS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];

const label = (model: HostedModel) => ({ model: `${model.name}@${model.version}` });

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
    const perModel = (name: string, help: string, value: (m: HostedModel) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['model'],
        registers: [this.registry],
        collect() {
          this.reset();
          for (const m of models()) this.set(label(m), value(m));
        },
      });
    perModel(
      'modelhub_runner_queue_depth',
      'Items waiting in batch queues, per model',
      (m) => m.queueDepth,
    );
    perModel(
      'modelhub_runner_model_instances',
      'onnxruntime sessions (instances) per loaded model; this many batches run at once',
      (m) => m.instanceCount,
    );
    perModel(
      'modelhub_runner_model_busy_instances',
      'Instances executing a batch right now, per model',
      (m) => m.busyInstances,
    );
    perModel(
      'modelhub_runner_model_memory_bytes',
      'Memory a loaded model holds, measured at load (RSS growth, at least its floor)',
      (m) => m.memoryBytes,
    );
    new Gauge({
      name: 'modelhub_runner_loaded_models',
      help: 'Model versions loaded in this runner',
      registers: [this.registry],
      collect() {
        this.set(models().length);
      },
    });
    new Gauge({
      name: 'modelhub_runner_loaded_models_memory_bytes',
      help: 'Memory held by all loaded models together (what the budget limits)',
      registers: [this.registry],
      collect() {
        this.set(repository.memoryBytes);
      },
    });
    new Gauge({
      name: 'modelhub_runner_memory_budget_bytes',
      help: 'Memory the loaded models may hold together; 0 means no limit',
      registers: [this.registry],
      collect() {
        this.set(repository.memoryBudgetBytes);
      },
    });
  }

  countEviction(model: HostedModel): void {
    this.evictions.inc(label(model));
  }

  observeBatch(model: HostedModel, info: BatchInfo): void {
    const labels = label(model);
    this.batchSize.observe(labels, info.size);
    this.computeTime.observe(labels, info.computeMs);
    for (const ms of info.queueMs) this.queueTime.observe(labels, ms);
  }

  /** For requests that did not go through a batcher (models without a batch dimension). */
  observeUnbatched(model: HostedModel, queueMs: number, computeMs: number, rows: number): void {
    const labels = label(model);
    this.batchSize.observe(labels, rows);
    this.computeTime.observe(labels, computeMs);
    this.queueTime.observe(labels, queueMs);
  }

  countRequest(model: string, code: string): void {
    this.requests.inc({ model, code });
  }
}
