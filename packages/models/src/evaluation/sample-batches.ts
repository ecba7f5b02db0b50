// Dataset samples -> the model's input tensors: every sample checked against the model's input
// signature first, then consecutive samples of equal shapes stacked into batches.
import type { InferInputTensor, TensorData, TensorSpec } from '@modelhub/inference';
import { EvaluationError } from './evaluation-error.ts';
import {
  inputValues,
  isFlatInput,
  type LabelledSample,
  type SampleInput,
  type SampleValues,
} from './labelled-dataset.ts';

/** One sample's inputs in signature order, each with its shape without the batch dim. */
export interface SampleTensors {
  shapes: number[][];
  values: SampleValues[];
}

export interface SampleBatch {
  /** the position of the batch's first sample in the dataset */
  start: number;
  count: number;
  inputs: InferInputTensor[];
}

/** The most samples one batch may hold given the input signature (a fixed batch dim caps it). */
export function batchCapacity(inputs: readonly TensorSpec[], wanted: number): number {
  const fixed = inputs.map((spec) => spec.shape[0]!).filter((d) => d >= 1);
  if (fixed.some((d) => d !== 1)) {
    throw new EvaluationError(
      'UNSUPPORTED_MODEL',
      `the model's batch dim is fixed at ${fixed.find((d) => d !== 1)}; evaluation needs a dynamic batch dim or batch size 1`,
    );
  }
  return fixed.length > 0 ? 1 : wanted;
}

export function checkModelInputs(inputs: readonly TensorSpec[]): void {
  for (const spec of inputs) {
    if (spec.datatype !== 'FP32') {
      throw new EvaluationError(
        'UNSUPPORTED_MODEL',
        `input '${spec.name}' is ${spec.datatype}; datasets carry FP32 inputs only`,
      );
    }
    if (spec.shape.length === 0) {
      throw new EvaluationError('UNSUPPORTED_MODEL', `input '${spec.name}' has no batch dim`);
    }
  }
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function sampleShape(spec: TensorSpec, input: SampleInput, where: string): number[] {
  const declared = spec.shape.slice(1);
  const values = inputValues(input);
  let shape: number[];
  if (isFlatInput(input)) {
    if (declared.some((d) => d < 0)) {
      throw new EvaluationError(
        'SHAPE_MISMATCH',
        `${where}: input '${spec.name}' has dynamic dims [${declared.join(', ')}]; give it as {"shape": [...], "data": [...]}`,
      );
    }
    shape = declared;
  } else {
    shape = [...input.shape];
    const fits =
      shape.length === declared.length &&
      shape.every((d, i) => declared[i]! < 0 || declared[i] === d);
    if (!fits) {
      throw new EvaluationError(
        'SHAPE_MISMATCH',
        `${where}: input '${spec.name}' has shape [${shape.join(', ')}]; the model takes [${declared.join(', ')}] per sample (-1 = any)`,
      );
    }
  }
  if (values.length !== product(shape)) {
    throw new EvaluationError(
      'SHAPE_MISMATCH',
      `${where}: input '${spec.name}' has ${values.length} values; shape [${shape.join(', ')}] needs ${product(shape)}`,
    );
  }
  return shape;
}

/** Checks one sample's input names and shapes against the model's inputs. */
export function sampleTensors(
  sample: LabelledSample,
  inputs: readonly TensorSpec[],
  where: string,
): SampleTensors {
  const names = new Set(inputs.map((spec) => spec.name));
  const extra = Object.keys(sample.inputs).filter((name) => !names.has(name));
  const missing = inputs.filter((spec) => !(spec.name in sample.inputs)).map((s) => s.name);
  if (extra.length || missing.length) {
    throw new EvaluationError(
      'INPUT_MISMATCH',
      `${where}: the model's inputs are ${[...names].map((n) => `'${n}'`).join(', ')}` +
        (missing.length ? `; missing ${missing.map((n) => `'${n}'`).join(', ')}` : '') +
        (extra.length ? `; unknown ${extra.map((n) => `'${n}'`).join(', ')}` : ''),
    );
  }
  const shapes = inputs.map((spec) => sampleShape(spec, sample.inputs[spec.name]!, where));
  const values = inputs.map((spec) => inputValues(sample.inputs[spec.name]!));
  return { shapes, values };
}

function sameShapes(a: SampleTensors, b: SampleTensors): boolean {
  return a.shapes.every((shape, i) => shape.join(',') === b.shapes[i]!.join(','));
}

/**
 * Batches of up to `batchSize` consecutive samples whose input shapes agree, built one at a
 * time so only one batch's tensors exist at once.
 */
export function* sampleBatches(
  samples: readonly SampleTensors[],
  inputs: readonly TensorSpec[],
  batchSize: number,
): Generator<SampleBatch> {
  let start = 0;
  while (start < samples.length) {
    const first = samples[start]!;
    let end = start + 1;
    while (end < samples.length && end - start < batchSize && sameShapes(first, samples[end]!)) {
      end++;
    }
    const members = samples.slice(start, end);
    yield {
      start,
      count: members.length,
      inputs: inputs.map((spec, i) => {
        const itemSize = product(first.shapes[i]!);
        const data = new Float32Array(members.length * itemSize);
        members.forEach((member, m) => data.set(member.values[i]!, m * itemSize));
        return {
          name: spec.name,
          datatype: 'FP32',
          shape: [members.length, ...first.shapes[i]!],
          // onnxruntime takes the typed array as it is; TensorData is the JSON view of the same.
          data: data as unknown as TensorData,
        };
      }),
    };
    start = end;
  }
}
