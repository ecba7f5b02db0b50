import { describe, expect, it } from 'vitest';
import { playgroundModeOf } from './playground-mode';
import { PLAYGROUND_SAMPLES, samplesFor } from './playground-samples';

const version = (runtimeConfig: unknown) => ({ runtimeConfig, status: 'PUBLISHED' });

describe('playgroundModeOf', () => {
  it('runs OCR pipelines with recognizeText', () => {
    expect(
      playgroundModeOf(version({ pipeline: { kind: 'ocr', detection: {}, recognition: {} } })),
    ).toEqual({ kind: 'ocr' });
  });

  it('runs models with image preprocessing with predictImage, bars when they declare labels', () => {
    expect(
      playgroundModeOf(
        version({
          preprocessing: { kind: 'image', width: 28, height: 28, mean: [0], std: [1] },
          labels: ['0', '1'],
        }),
      ),
    ).toEqual({ kind: 'image', hasLabels: true, width: 28, height: 28 });
    expect(playgroundModeOf(version({ preprocessing: { kind: 'image' } }))).toEqual({
      kind: 'image',
      hasLabels: false,
      width: null,
      height: null,
    });
  });

  it('says why for tensor models, unknown pipelines and models without a version', () => {
    const tensor = playgroundModeOf(version({ batching: { enabled: true } }));
    expect(tensor.kind === 'unsupported' && tensor.reason).toContain('raw tensors');
    expect(playgroundModeOf(version(null)).kind).toBe('unsupported');
    const pipeline = playgroundModeOf(version({ pipeline: { kind: 'speech' } }));
    expect(pipeline.kind === 'unsupported' && pipeline.reason).toContain('pipeline');
    const none = playgroundModeOf(undefined);
    expect(none.kind === 'unsupported' && none.reason).toContain('no published version');
  });
});

describe('samplesFor', () => {
  it('offers the text sample for OCR and the digit first for labelled image models', () => {
    expect(samplesFor('ocr').map((s) => s.id)).toEqual(['ocr-invoice']);
    expect(samplesFor('image', true)[0]!.id).toBe('mnist-digit-7');
    expect(samplesFor('image')).toHaveLength(PLAYGROUND_SAMPLES.length);
  });
});
