// The labelled-dataset format evaluations read: one sample per JSON Lines line,
//   {"inputs": {"image": [0, 0.5, ...]}, "label": 3}                       a classifier sample
//   {"inputs": {"x": {"shape": [3, 48, 320], "data": [...]}}, "text": "HELLO"}  a text sample
// An input is its values flattened row-major, without the batch dim; `{shape, data}` gives the
// sample's shape where the model's input has dynamic dims besides the batch.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { EvaluationError } from './evaluation-error.ts';

export type SampleValues = readonly number[] | Float32Array;
export type SampleInput = SampleValues | { shape: readonly number[]; data: SampleValues };

export interface ClassificationSample {
  inputs: Readonly<Record<string, SampleInput>>;
  /** the class index the model's output should rank first */
  label: number;
}

export interface TextSample {
  inputs: Readonly<Record<string, SampleInput>>;
  /** the text the model should read */
  text: string;
}

export type LabelledSample = ClassificationSample | TextSample;

/** A flat array of values, as opposed to `{ shape, data }`. */
export function isFlatInput(input: SampleInput): input is SampleValues {
  return Array.isArray(input) || input instanceof Float32Array;
}

/** The values of an input, whichever form it takes. */
export function inputValues(input: SampleInput): SampleValues {
  return isFlatInput(input) ? input : input.data;
}

export function isTextSample(sample: LabelledSample): sample is TextSample {
  return 'text' in sample;
}

/** Samples a dataset may hold unless the caller allows more. */
export const DEFAULT_MAX_SAMPLES = 100_000;

function invalid(where: string, message: string): EvaluationError {
  return new EvaluationError('INVALID_DATASET', `${where}: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValues(values: unknown, where: string): SampleValues {
  if (values instanceof Float32Array) {
    if (!values.every(Number.isFinite)) throw invalid(where, 'values must be finite numbers');
    return values;
  }
  if (!Array.isArray(values)) throw invalid(where, 'expected an array of numbers');
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalid(where, 'values must be finite numbers');
    }
  }
  return values as number[];
}

function checkInput(value: unknown, where: string): SampleInput {
  if (value instanceof Float32Array || !isRecord(value)) return checkValues(value, where);
  const { shape, data } = value;
  if (
    !Array.isArray(shape) ||
    !shape.every((d): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 1)
  ) {
    throw invalid(where, '`shape` must be an array of positive integers');
  }
  return { shape, data: checkValues(data, `${where}.data`) };
}

/**
 * Checks the structure of one sample (a parsed JSON value or an in-memory object): an `inputs`
 * object of tensors and exactly one of an integer `label` or a string `text`.
 */
export function checkLabelledSample(value: unknown, where: string): LabelledSample {
  if (!isRecord(value)) throw invalid(where, 'a sample must be an object');
  const { inputs, label, text } = value;
  if (!isRecord(inputs) || Object.keys(inputs).length === 0) {
    throw invalid(where, '`inputs` must be an object with at least one input');
  }
  const checkedInputs: Record<string, SampleInput> = {};
  for (const [name, input] of Object.entries(inputs)) {
    checkedInputs[name] = checkInput(input, `${where} input '${name}'`);
  }
  if ((label === undefined) === (text === undefined)) {
    throw invalid(where, 'a sample has exactly one of `label` (classifiers) or `text`');
  }
  if (text !== undefined) {
    if (typeof text !== 'string') throw invalid(where, '`text` must be a string');
    return { inputs: checkedInputs, text };
  }
  if (typeof label !== 'number' || !Number.isInteger(label)) {
    throw invalid(where, '`label` must be an integer class index');
  }
  return { inputs: checkedInputs, label };
}

/** Reads a JSON Lines dataset file; blank lines are skipped. */
export async function readLabelledDataset(
  file: string,
  maxSamples = DEFAULT_MAX_SAMPLES,
): Promise<LabelledSample[]> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    throw new EvaluationError('DATASET_NOT_FOUND', `no dataset file at ${file}`);
  }
  const samples: LabelledSample[] = [];
  const input = createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      if (samples.length === maxSamples) {
        throw new EvaluationError(
          'DATASET_TOO_LARGE',
          `${file} has more than ${maxSamples} samples`,
        );
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw invalid(`line ${lineNumber}`, `not JSON (${(error as Error).message})`);
      }
      samples.push(checkLabelledSample(value, `line ${lineNumber}`));
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return samples;
}

/** The shortest decimal that reads back as the same float32 (0.149, not 0.14900000393390656). */
function shortFloat32(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return Number(value.toPrecision(9));
}

function formatValues(values: SampleValues): number[] {
  return values instanceof Float32Array ? Array.from(values, shortFloat32) : [...values];
}

/** One sample as a line of the JSON Lines format (without the newline). */
export function formatLabelledSample(sample: LabelledSample): string {
  const inputs: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(sample.inputs)) {
    inputs[name] = isFlatInput(input)
      ? formatValues(input)
      : { shape: [...input.shape], data: formatValues(input.data) };
  }
  return JSON.stringify(
    isTextSample(sample) ? { inputs, text: sample.text } : { inputs, label: sample.label },
  );
}
