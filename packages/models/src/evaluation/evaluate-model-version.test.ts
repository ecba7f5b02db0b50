// evaluateModelVersion on real published artifacts (a classifier trained here and the PaddleOCR
// recognizer) in onnxruntime, with results in a real PostgreSQL database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { publishModelVersion, type PublishModelVersionInput } from '@modelhub/registry';
import { loadOnnxModel } from '@modelhub/runner-onnx';
import { OCR_DICTIONARY_FILE, OCR_RECOGNIZER } from '../demo-zoo.ts';
import { argmaxRows, mlpProbabilities } from '../mnist/mlp.ts';
import {
  MNIST_CLASSIFIER_SETTINGS,
  trainMnistClassifier,
  type MnistClassifierSettings,
  type TrainedMnistClassifier,
} from '../mnist/mnist-classifier.ts';
import { MNIST_PIXELS } from '../mnist/mnist-digits.ts';
import { mnistHeldOutSamples } from '../mnist/mnist-held-out.ts';
import { ctcGreedyDecode, loadOcrDictionary } from '../ocr/ctc-decode.ts';
import { lineBatches, RECOGNITION_LAYOUT } from '../ocr/line-preprocess.ts';
import { characterErrorRate } from './character-error-rate.ts';
import { classificationMetrics } from './classification-metrics.ts';
import { ctcGreedyTextDecoder } from './ctc-text-decoder.ts';
import { evaluateModelVersion, type EvaluateModelVersionInput } from './evaluate-model-version.ts';
import { EvaluationError } from './evaluation-error.ts';
import {
  formatLabelledSample,
  type ClassificationSample,
  type TextSample,
} from './labelled-dataset.ts';

// A small network trains in a second; what is tested here is the evaluation, not the model.
const SMALL: MnistClassifierSettings = {
  split: MNIST_CLASSIFIER_SETTINGS.split,
  training: { ...MNIST_CLASSIFIER_SETTINGS.training, hiddenSize: 16, epochs: 1 },
};
const SAMPLE_COUNT = 300;

function publishInput(
  organizationId: string,
  slug: string,
  file: string,
): PublishModelVersionInput {
  return {
    organizationId,
    model: {
      slug,
      name: slug,
      task: 'IMAGE_CLASSIFICATION',
      summary: '',
      description: '',
      license: 'MIT',
      tags: [],
      visibility: 'PUBLIC',
    },
    version: '1.0.0',
    file,
    price: { unit: 'PER_CALL', amountMicros: 1n, freeAllowance: 0 },
  };
}

/** Lines of text rendered by Pango, as the recognizer's [3, 48, W] input each, with references. */
async function renderedLines(texts: string[], references: string[]): Promise<TextSample[]> {
  const images = await Promise.all(
    texts.map(async (text) => {
      const { data, info } = await sharp({
        text: { text, font: 'DejaVu Sans', dpi: 200, rgba: true },
      })
        .flatten({ background: '#ffffff' })
        .extend({ top: 8, bottom: 8, left: 8, right: 8, background: '#ffffff' })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data };
    }),
  );
  const samples: TextSample[] = [];
  for await (const batch of lineBatches(images, { ...RECOGNITION_LAYOUT, batchSize: 1 })) {
    const [, ...shape] = batch.tensor.shape;
    samples[batch.lines[0]!] = {
      inputs: { x: { shape, data: batch.tensor.data as number[] } },
      text: references[batch.lines[0]!]!,
    };
  }
  return samples;
}

describe('evaluateModelVersion', () => {
  let database: TestDatabase;
  let dir: string;
  let store: LocalArtifactStore;
  let trained: TrainedMnistClassifier;
  let classifierId: string;
  let recognizerId: string;
  let samples: ClassificationSample[];

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'evaluation-'));
    store = new LocalArtifactStore(path.join(dir, 'artifacts'));
    const { publisherOrganizationId } = await seedBaseData(database.db);
    trained = trainMnistClassifier(SMALL);
    const file = path.join(dir, 'mnist.onnx');
    await writeFile(file, trained.onnx);
    classifierId = (
      await publishModelVersion(
        database.db,
        store,
        publishInput(publisherOrganizationId, 'digits', file),
      )
    ).modelVersionId;
    recognizerId = (
      await publishModelVersion(database.db, store, {
        ...publishInput(publisherOrganizationId, 'reader', OCR_RECOGNIZER.file),
        model: {
          ...publishInput(publisherOrganizationId, 'reader', '').model,
          task: 'TEXT_RECOGNITION',
        },
      })
    ).modelVersionId;
    samples = mnistHeldOutSamples(SMALL).slice(0, SAMPLE_COUNT);
  }, 120_000);
  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  /** The metrics the TypeScript forward pass gives on the same samples. */
  function expectedMetrics(of: readonly ClassificationSample[]) {
    const pixels = new Float32Array(of.length * MNIST_PIXELS);
    of.forEach((s, i) => pixels.set(s.inputs.image as Float32Array, i * MNIST_PIXELS));
    const predicted = argmaxRows(
      mlpProbabilities(trained.parameters, pixels, of.length),
      of.length,
      10,
    );
    return classificationMetrics(
      of.map((s) => s.label),
      predicted,
    );
  }

  it('stores accuracy and macro precision, recall and F1 of a classifier, with the sample count', async () => {
    const summary = await evaluateModelVersion(database.db, store, {
      modelVersionId: classifierId,
      datasetName: 'mnist-sample',
      samples,
      split: 'first 300 held-out digits',
      script: 'the evaluation test',
      // not a divisor of 300: the last batch is smaller
      batchSize: 64,
    });
    const expected = expectedMetrics(samples);
    expect(summary.sampleCount).toBe(SAMPLE_COUNT);
    expect(summary.metrics.accuracy).toBeCloseTo(expected.accuracy, 12);
    expect(summary.metrics.precision).toBeCloseTo(expected.precision, 12);
    expect(summary.metrics.recall).toBeCloseTo(expected.recall, 12);
    expect(summary.metrics.f1).toBeCloseTo(expected.f1, 12);
    expect(expected.accuracy).toBeGreaterThan(0.5);

    const rows = await database.db.evaluationResult.findMany({
      where: { modelVersionId: classifierId },
      orderBy: { metric: 'asc' },
    });
    expect(rows.map((r) => r.metric)).toEqual(['accuracy', 'f1', 'precision', 'recall']);
    for (const row of rows) {
      expect(row.dataset).toBe('mnist-sample');
      expect(row.value).toBe(summary.metrics[row.metric]);
      expect(row.method).toContain('300 samples (first 300 held-out digits)');
      expect(row.method).toContain('macro-averaged over 10 classes');
      expect(row.method).toContain('batches of up to 64');
      expect(row.method).toContain('called by the evaluation test');
    }
  });

  it('reads a JSON Lines file and replaces the earlier rows of the same dataset', async () => {
    const file = path.join(dir, 'digits.jsonl');
    const subset = samples.slice(0, 50);
    await writeFile(file, subset.map(formatLabelledSample).join('\n') + '\n');
    const before = await database.db.evaluationResult.findMany({
      where: { modelVersionId: classifierId, dataset: 'mnist-sample' },
    });
    const summary = await evaluateModelVersion(database.db, store, {
      modelVersionId: classifierId,
      datasetName: 'mnist-sample',
      datasetPath: file,
    });
    expect(summary.sampleCount).toBe(50);
    expect(summary.metrics.accuracy).toBeCloseTo(expectedMetrics(subset).accuracy, 12);
    const after = await database.db.evaluationResult.findMany({
      where: { modelVersionId: classifierId, dataset: 'mnist-sample' },
    });
    expect(after).toHaveLength(4);
    expect(after.map((r) => r.id).some((id) => before.some((b) => b.id === id))).toBe(false);
    expect(after.every((r) => r.method.startsWith('50 samples;'))).toBe(true);
    expect(after.every((r) => r.organizationId === before[0]!.organizationId)).toBe(true);
  });

  it('measures the character error rate of a text model through a CTC decoder', async () => {
    const labels = await loadOcrDictionary(OCR_DICTIONARY_FILE);
    const texts = ['HELLO WORLD 2026', 'Invoice No. 48213', 'quick brown fox'];
    // A mislabelled reference: a perfect reading still scores 1 edit in 48 characters.
    const references = ['HELLO WORLD 2026', 'Invoice No. 48213', 'quick brown box'];
    const lines = await renderedLines(texts, references);
    const summary = await evaluateModelVersion(database.db, store, {
      modelVersionId: recognizerId,
      datasetName: 'rendered-lines',
      samples: lines,
      textDecoder: ctcGreedyTextDecoder(labels),
    });
    expect(summary.sampleCount).toBe(3);
    expect(Object.keys(summary.metrics)).toEqual(['cer']);

    // The same lines read directly, one by one, give the same CER.
    const model = await loadOnnxModel(OCR_RECOGNIZER.file);
    const read: string[] = [];
    for (const line of lines) {
      const x = line.inputs.x as { shape: number[]; data: number[] };
      const [out] = await model.run([
        { name: 'x', datatype: 'FP32', shape: [1, ...x.shape], data: x.data },
      ]);
      read.push(ctcGreedyDecode(out!.data as number[], out!.shape[1]!, labels).text);
    }
    await model.dispose();
    const cer = characterErrorRate(references, read);
    process.stdout.write(
      `recognizer on rendered lines: ${JSON.stringify(read)}, CER ${cer.toFixed(4)}\n`,
    );
    expect(summary.metrics.cer).toBeCloseTo(cer, 12);
    expect(cer).toBeGreaterThanOrEqual(1 / 48 - 1e-12);
    expect(cer).toBeLessThan(0.1);
    const [row] = await database.db.evaluationResult.findMany({
      where: { modelVersionId: recognizerId },
    });
    expect(row).toMatchObject({ metric: 'cer', dataset: 'rendered-lines' });
    expect(row!.method).toContain('greedy CTC decoding over 6625 classes');
  });

  describe('rejects bad datasets and writes nothing', () => {
    const good = () => samples[0]!;
    const image = () => good().inputs.image as Float32Array;
    const cases: [string, () => Partial<EvaluateModelVersionInput>, string][] = [
      ['an empty dataset', () => ({ samples: [] }), 'EMPTY_DATASET'],
      [
        'a wrong input name',
        () => ({ samples: [{ inputs: { pixels: image() }, label: 1 }] }),
        'INPUT_MISMATCH',
      ],
      [
        'an extra input',
        () => ({ samples: [{ inputs: { image: image(), mask: [1] }, label: 1 }] }),
        'INPUT_MISMATCH',
      ],
      [
        'too few values',
        () => ({ samples: [{ inputs: { image: image().subarray(1) }, label: 1 }] }),
        'SHAPE_MISMATCH',
      ],
      [
        'a wrong shape',
        () => ({
          samples: [
            { inputs: { image: { shape: [1, 28, 27], data: image().subarray(28) } }, label: 1 },
          ],
        }),
        'SHAPE_MISMATCH',
      ],
      [
        'a label above the classes',
        () => ({ samples: [good(), { ...good(), label: 10 }] }),
        'LABEL_OUT_OF_RANGE',
      ],
      ['a negative label', () => ({ samples: [{ ...good(), label: -1 }] }), 'LABEL_OUT_OF_RANGE'],
      ['a fractional label', () => ({ samples: [{ ...good(), label: 2.5 }] }), 'INVALID_DATASET'],
      [
        'labels and texts mixed',
        () => ({ samples: [good(), { inputs: good().inputs, text: 'seven' }] }),
        'INVALID_DATASET',
      ],
      [
        'texts without a decoder',
        () => ({ samples: [{ inputs: good().inputs, text: 'seven' }] }),
        'TEXT_DECODER_MISSING',
      ],
      // valid samples first: nothing is written before every sample was checked
      [
        'one bad sample after many good ones',
        () => ({ samples: [...samples, { inputs: {}, label: 1 }] }),
        'INVALID_DATASET',
      ],
      [
        'a missing file',
        () => ({ datasetPath: path.join(dir, 'missing.jsonl') }),
        'DATASET_NOT_FOUND',
      ],
      [
        'both samples and a file',
        () => ({ samples: [good()], datasetPath: 'x.jsonl' }),
        'INVALID_ARGUMENT',
      ],
      [
        'an empty dataset name',
        () => ({ samples: [good()], datasetName: ' ' }),
        'INVALID_ARGUMENT',
      ],
      [
        'an unknown output',
        () => ({ samples: [good()], outputName: 'logits' }),
        'INVALID_ARGUMENT',
      ],
      [
        'too many samples',
        () => ({ samples: [good(), good()], maxSamples: 1 }),
        'DATASET_TOO_LARGE',
      ],
      [
        'an unknown version',
        () => ({ samples: [good()], modelVersionId: 'no-such-version' }),
        'VERSION_NOT_FOUND',
      ],
    ];

    it.each(cases)('%s', async (_, overrides, code) => {
      const rowsBefore = await database.db.evaluationResult.findMany({ orderBy: { id: 'asc' } });
      const error = await evaluateModelVersion(database.db, store, {
        modelVersionId: classifierId,
        datasetName: 'mnist-sample',
        ...overrides(),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EvaluationError);
      expect((error as EvaluationError).code).toBe(code);
      // the earlier evaluation of the same dataset is still there, untouched
      expect(await database.db.evaluationResult.findMany({ orderBy: { id: 'asc' } })).toEqual(
        rowsBefore,
      );
    });

    it('a JSON Lines file with a bad line', async () => {
      const file = path.join(dir, 'bad.jsonl');
      await writeFile(
        file,
        `${formatLabelledSample(good())}\n{"inputs": {"image": [1, 2]}, "label": 3\n`,
      );
      const count = await database.db.evaluationResult.count();
      const error = await evaluateModelVersion(database.db, store, {
        modelVersionId: classifierId,
        datasetName: 'mnist-sample',
        datasetPath: file,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'INVALID_DATASET',
        message: expect.stringMatching(/^line 2/),
      });
      expect(await database.db.evaluationResult.count()).toBe(count);
    });
  });
});
