import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationError } from './evaluation-error.ts';
import {
  checkLabelledSample,
  formatLabelledSample,
  readLabelledDataset,
  type LabelledSample,
} from './labelled-dataset.ts';

async function rejection(promise: Promise<unknown>): Promise<EvaluationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EvaluationError);
  return error as EvaluationError;
}

function thrown(fn: () => unknown): EvaluationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationError);
    return error as EvaluationError;
  }
  throw new Error('expected an EvaluationError');
}

describe('labelled datasets', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dataset-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads JSON Lines of classifier and text samples, skipping blank lines', async () => {
    const file = path.join(dir, 'ok.jsonl');
    await writeFile(
      file,
      '{"inputs": {"image": [0, 0.5, 1]}, "label": 2}\n\n' +
        '{"inputs": {"x": {"shape": [1, 3], "data": [1, 2, 3]}}, "label": 0}\r\n',
    );
    expect(await readLabelledDataset(file)).toEqual([
      { inputs: { image: [0, 0.5, 1] }, label: 2 },
      { inputs: { x: { shape: [1, 3], data: [1, 2, 3] } }, label: 0 },
    ]);
  });

  it('writes samples that read back to the same float32 values', async () => {
    const pixels = Float32Array.from([0, 0.149, 0.992, 1 / 3]);
    const samples: LabelledSample[] = [
      { inputs: { image: pixels }, label: 7 },
      { inputs: { x: { shape: [2, 2], data: pixels } }, text: 'AB' },
    ];
    const line = formatLabelledSample(samples[0]!);
    // the shortest decimals, not float32 noise such as 0.14900000393390656
    expect(line).toBe('{"inputs":{"image":[0,0.149,0.992,0.33333334]},"label":7}');
    const file = path.join(dir, 'round-trip.jsonl');
    await writeFile(file, samples.map(formatLabelledSample).join('\n'));
    const [first, second] = await readLabelledDataset(file);
    expect(Float32Array.from(first!.inputs.image as number[])).toEqual(pixels);
    expect(second).toMatchObject({ text: 'AB', inputs: { x: { shape: [2, 2] } } });
  });

  it('names the line of a sample that is not JSON', async () => {
    const file = path.join(dir, 'broken.jsonl');
    await writeFile(file, '{"inputs": {"a": [1]}, "label": 0}\n{"inputs": [1, 2\n');
    const error = await rejection(readLabelledDataset(file));
    expect(error.code).toBe('INVALID_DATASET');
    expect(error.message).toMatch(/^line 2: not JSON/);
  });

  it('reports a missing file and a file with too many samples', async () => {
    expect((await rejection(readLabelledDataset(path.join(dir, 'nope.jsonl')))).code).toBe(
      'DATASET_NOT_FOUND',
    );
    const file = path.join(dir, 'three.jsonl');
    await writeFile(file, '{"inputs": {"a": [1]}, "label": 0}\n'.repeat(3));
    expect((await rejection(readLabelledDataset(file, 2))).code).toBe('DATASET_TOO_LARGE');
  });

  it.each([
    ['not an object', [1, 2], /a sample must be an object/],
    ['no inputs', { label: 1 }, /`inputs` must be an object/],
    ['empty inputs', { inputs: {}, label: 1 }, /`inputs` must be an object/],
    ['label and text', { inputs: { a: [1] }, label: 1, text: 'x' }, /exactly one of/],
    ['neither label nor text', { inputs: { a: [1] } }, /exactly one of/],
    ['a fractional label', { inputs: { a: [1] }, label: 1.5 }, /integer class index/],
    ['a string label', { inputs: { a: [1] }, label: '1' }, /integer class index/],
    ['a numeric text', { inputs: { a: [1] }, text: 5 }, /`text` must be a string/],
    ['a string value', { inputs: { a: [1, '2'] }, label: 0 }, /finite numbers/],
    ['a NaN value', { inputs: { a: Float32Array.from([1, NaN]) }, label: 0 }, /finite numbers/],
    ['a bad shape', { inputs: { a: { shape: [0, 2], data: [] } }, label: 0 }, /positive integers/],
  ])('rejects a sample with %s', (_, value, message) => {
    const error = thrown(() => checkLabelledSample(value, 'sample 4'));
    expect(error.code).toBe('INVALID_DATASET');
    expect(error.message).toMatch(/^sample 4/);
    expect(error.message).toMatch(message);
  });
});
