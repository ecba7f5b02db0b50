// Platform-computed evaluation: runs a published version's stored artifact in onnxruntime over a
// labelled dataset and stores the metrics as EvaluationResult rows. Everything is checked before
// the model runs and the rows are written in one transaction at the end, so a bad dataset or a
// failing model leaves the database as it was.
import type { ArtifactStore } from '@modelhub/artifact-store';
import { withTenant, type Db, type EvaluationResult } from '@modelhub/db';
import type { InferOutputTensor, TensorSpec } from '@modelhub/inference';
import { loadOnnxModel, type OnnxModel } from '@modelhub/runner-onnx';
import { characterErrorRate } from './character-error-rate.ts';
import { classificationMetrics } from './classification-metrics.ts';
import { EvaluationError } from './evaluation-error.ts';
import {
  checkLabelledSample,
  DEFAULT_MAX_SAMPLES,
  isTextSample,
  readLabelledDataset,
  type ClassificationSample,
  type LabelledSample,
  type TextSample,
} from './labelled-dataset.ts';
import { batchCapacity, checkModelInputs, sampleBatches, sampleTensors } from './sample-batches.ts';

/** Turns one batch of the model's output into one text per sample (e.g. CTC decoding). */
export interface ModelOutputTextDecoder {
  /** named in the stored `method` */
  description: string;
  decode(output: InferOutputTensor): string[];
}

export interface EvaluateModelVersionInput {
  modelVersionId: string;
  /** the publisher evaluating its own version (the api); omitted by platform jobs and the seed */
  organizationId?: string;
  /** stored as the rows' `dataset`; a new evaluation on the same dataset replaces the old rows */
  datasetName: string;
  /** the samples in memory (checked like file lines); exactly one of this and `datasetPath` */
  samples?: readonly unknown[];
  /** a JSON Lines file in the labelled-dataset format */
  datasetPath?: string;
  /** which part of which data this is, quoted in `method` (e.g. "held-out 2,000 of 10,000") */
  split?: string;
  /** what made the dataset or called the evaluation, quoted in `method` */
  script?: string;
  /** the output to score; default the model's first */
  outputName?: string;
  /** samples per onnxruntime run (default 64) */
  batchSize?: number;
  /** required for text datasets */
  textDecoder?: ModelOutputTextDecoder;
  maxSamples?: number;
}

export interface EvaluationSummary {
  modelVersionId: string;
  datasetName: string;
  sampleCount: number;
  /** metric name -> value, as stored */
  metrics: Record<string, number>;
  method: string;
  results: EvaluationResult[];
}

const DEFAULT_BATCH_SIZE = 64;
const MAX_BATCH_SIZE = 4096;
const MAX_DATASET_NAME = 200;

function checkArguments(input: EvaluateModelVersionInput): void {
  const name = input.datasetName;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_DATASET_NAME) {
    throw new EvaluationError(
      'INVALID_ARGUMENT',
      `datasetName must be 1 to ${MAX_DATASET_NAME} characters`,
    );
  }
  if ((input.samples === undefined) === (input.datasetPath === undefined)) {
    throw new EvaluationError('INVALID_ARGUMENT', 'give exactly one of samples and datasetPath');
  }
  if (input.samples !== undefined && !Array.isArray(input.samples)) {
    throw new EvaluationError('INVALID_ARGUMENT', 'samples must be an array');
  }
  const batch = input.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_BATCH_SIZE) {
    throw new EvaluationError('INVALID_ARGUMENT', `batchSize must be 1 to ${MAX_BATCH_SIZE}`);
  }
}

async function loadSamples(input: EvaluateModelVersionInput): Promise<LabelledSample[]> {
  const max = input.maxSamples ?? DEFAULT_MAX_SAMPLES;
  let samples: LabelledSample[];
  if (input.datasetPath !== undefined) {
    samples = await readLabelledDataset(input.datasetPath, max);
  } else {
    if (input.samples!.length > max) {
      throw new EvaluationError('DATASET_TOO_LARGE', `more than ${max} samples`);
    }
    samples = input.samples!.map((s, i) => checkLabelledSample(s, `sample ${i}`));
  }
  if (samples.length === 0)
    throw new EvaluationError('EMPTY_DATASET', 'the dataset has no samples');
  const text = isTextSample(samples[0]!);
  const odd = samples.findIndex((s) => isTextSample(s) !== text);
  if (odd >= 0) {
    throw new EvaluationError(
      'INVALID_DATASET',
      `sample ${odd}: a dataset has either labels or texts, not both`,
    );
  }
  return samples;
}

async function loadStoredModel(
  db: Db,
  store: ArtifactStore,
  modelVersionId: string,
  organizationId: string | undefined,
) {
  // With an organization, the version is read as that tenant: under row-level security only
  // its own versions (and public ones) exist, and only its own are evaluated.
  const version =
    typeof modelVersionId === 'string'
      ? organizationId
        ? await withTenant(db, organizationId, (tx) =>
            tx.modelVersion.findFirst({ where: { id: modelVersionId, organizationId } }),
          )
        : await db.modelVersion.findUnique({ where: { id: modelVersionId } })
      : null;
  if (!version) {
    throw new EvaluationError('VERSION_NOT_FOUND', `no model version '${String(modelVersionId)}'`);
  }
  let model: OnnxModel;
  try {
    model = await loadOnnxModel(await store.getVerified(version.artifactKey, version.sha256));
  } catch (error) {
    throw new EvaluationError(
      'MODEL_FAILED',
      `the stored artifact of version ${version.id} could not be loaded: ${(error as Error).message}`,
    );
  }
  return { version, model };
}

/** Classes a classifier output distinguishes per sample: its size, or 2 for one score. */
function classCount(perSample: number): number {
  return perSample === 1 ? 2 : perSample;
}

/** Top class per sample; a single score is a binary classifier's probability of class 1. */
function predictedClasses(output: InferOutputTensor, count: number): number[] {
  const data = output.data as number[];
  const perSample = data.length / count;
  const predictions: number[] = [];
  for (let n = 0; n < count; n++) {
    const row = n * perSample;
    if (perSample === 1) {
      predictions.push(data[row]! >= 0.5 ? 1 : 0);
      continue;
    }
    let best = 0;
    for (let c = 1; c < perSample; c++) if (data[row + c]! > data[row + best]!) best = c;
    predictions.push(best);
  }
  return predictions;
}

function checkLabels(samples: readonly LabelledSample[], classes: number): void {
  samples.forEach((sample, i) => {
    const label = (sample as ClassificationSample).label;
    if (label < 0 || label >= classes) {
      throw new EvaluationError(
        'LABEL_OUT_OF_RANGE',
        `sample ${i}: label ${label} is not a class of this model (0 to ${classes - 1})`,
      );
    }
  });
}

function pickOutput(outputs: readonly TensorSpec[], name: string | undefined): TensorSpec {
  const spec = name === undefined ? outputs[0] : outputs.find((o) => o.name === name);
  if (!spec) {
    throw new EvaluationError(
      'INVALID_ARGUMENT',
      `the model has no output '${name}'; it has ${outputs.map((o) => `'${o.name}'`).join(', ')}`,
    );
  }
  return spec;
}

/** What one pass over the dataset gives: the pairs to score, and how the model was run. */
interface DatasetRun {
  output: TensorSpec;
  batchCapacity: number;
  labels: number[];
  predictions: number[];
  references: string[];
  hypotheses: string[];
}

/** Checks every sample against the model, then runs the model over them batch by batch. */
async function runOverDataset(
  model: OnnxModel,
  samples: readonly LabelledSample[],
  input: EvaluateModelVersionInput,
): Promise<DatasetRun> {
  const isText = isTextSample(samples[0]!);
  const { inputs, outputs } = model.signature;
  checkModelInputs(inputs);
  const output = pickOutput(outputs, input.outputName);
  const capacity = batchCapacity(inputs, input.batchSize ?? DEFAULT_BATCH_SIZE);
  const tensors = samples.map((s, i) => sampleTensors(s, inputs, `sample ${i}`));

  let classes: number | undefined;
  if (!isText) {
    const perSample = output.shape.slice(1);
    if (perSample.length > 1 && perSample.slice(1).some((d) => d !== 1)) {
      throw new EvaluationError(
        'UNSUPPORTED_MODEL',
        `output '${output.name}' has shape [${output.shape.join(', ')}]; a classifier gives [batch, classes]`,
      );
    }
    if (perSample.every((d) => d >= 1)) {
      classes = classCount(perSample.reduce((a, b) => a * b, 1));
      checkLabels(samples, classes);
    }
  }

  const run: DatasetRun = {
    output,
    batchCapacity: capacity,
    labels: [],
    predictions: [],
    references: [],
    hypotheses: [],
  };
  for (const batch of sampleBatches(tensors, inputs, capacity)) {
    let result: InferOutputTensor;
    try {
      [result] = (await model.run(batch.inputs, [output.name])) as [InferOutputTensor];
    } catch (error) {
      throw new EvaluationError(
        'MODEL_FAILED',
        `samples ${batch.start} to ${batch.start + batch.count - 1}: ${(error as Error).message}`,
      );
    }
    const members = samples.slice(batch.start, batch.start + batch.count);
    if (isText) {
      const texts = input.textDecoder!.decode(result);
      members.forEach((s, i) => {
        run.references.push((s as TextSample).text);
        run.hypotheses.push(texts[i] ?? '');
      });
    } else {
      if (classes === undefined) {
        // Dynamic class dim: the first batch tells how many classes there are.
        classes = classCount((result.data as number[]).length / batch.count);
        checkLabels(samples, classes);
      }
      members.forEach((s) => run.labels.push((s as ClassificationSample).label));
      run.predictions.push(...predictedClasses(result, batch.count));
    }
  }
  return run;
}

/** The metrics to store, and the sentence of `method` that defines them. */
function score(
  run: DatasetRun,
  textDecoder: ModelOutputTextDecoder | undefined,
): { metrics: Record<string, number>; definition: string } {
  if (textDecoder) {
    return {
      metrics: { cer: characterErrorRate(run.references, run.hypotheses) },
      definition: `CER = summed edit distance / reference characters; text by ${textDecoder.description}`,
    };
  }
  const m = classificationMetrics(run.labels, run.predictions);
  return {
    metrics: { accuracy: m.accuracy, precision: m.precision, recall: m.recall, f1: m.f1 },
    definition: `top-1 accuracy; precision, recall and F1 macro-averaged over ${m.classes} classes`,
  };
}

export async function evaluateModelVersion(
  db: Db,
  store: ArtifactStore,
  input: EvaluateModelVersionInput,
): Promise<EvaluationSummary> {
  checkArguments(input);
  const samples = await loadSamples(input);
  const isText = isTextSample(samples[0]!);
  if (isText) {
    if (!input.textDecoder) {
      throw new EvaluationError(
        'TEXT_DECODER_MISSING',
        'a text dataset needs a textDecoder that turns the model output into text',
      );
    }
    if (samples.every((s) => (s as TextSample).text === '')) {
      throw new EvaluationError('INVALID_DATASET', 'every reference text is empty');
    }
  }

  const { version, model } = await loadStoredModel(
    db,
    store,
    input.modelVersionId,
    input.organizationId,
  );
  let run: DatasetRun;
  try {
    run = await runOverDataset(model, samples, input);
  } finally {
    await model.dispose();
  }
  const { metrics, definition } = score(run, isText ? input.textDecoder : undefined);
  const method = [
    `${samples.length} samples${input.split ? ` (${input.split})` : ''}`,
    `output '${run.output.name}' of the stored artifact (sha256 ${version.sha256.slice(0, 12)}) in onnxruntime-node on CPU, batches of up to ${run.batchCapacity}`,
    definition,
    `evaluateModelVersion (@modelhub/models)${input.script ? ` called by ${input.script}` : ''}`,
  ].join('; ');

  const datasetName = input.datasetName.trim();
  const results = await withTenant(db, version.organizationId, async (tx) => {
    await tx.evaluationResult.deleteMany({
      where: { modelVersionId: version.id, dataset: datasetName },
    });
    return tx.evaluationResult.createManyAndReturn({
      data: Object.entries(metrics).map(([metric, value]) => ({
        modelVersionId: version.id,
        organizationId: version.organizationId,
        dataset: datasetName,
        metric,
        value,
        method,
      })),
    });
  });
  return {
    modelVersionId: version.id,
    datasetName,
    sampleCount: samples.length,
    metrics,
    method,
    results,
  };
}
