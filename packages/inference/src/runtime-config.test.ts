import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig, RuntimeConfigError } from './runtime-config.ts';

describe('parseRuntimeConfig', () => {
  it('reads a full config', () => {
    const config = parseRuntimeConfig({
      instances: 2,
      intraOpThreads: 1,
      interOpThreads: 0,
      requireFiniteInputs: false,
      batching: { enabled: true, maxBatchSize: 8, maxQueueDelayMs: 1.5 },
      warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] },
      preprocessing: {
        kind: 'image',
        width: 28,
        height: 28,
        layout: 'NCHW',
        colorOrder: 'RGB',
        mean: [0],
        std: [1],
      },
    });
    expect(config).toMatchObject({
      instances: 2,
      requireFiniteInputs: false,
      preprocessing: { kind: 'image', width: 28 },
    });
    expect(config.batching?.maxQueueDelayMs).toBe(1.5);
  });

  it('reads class labels and an OCR pipeline of pinned versions', () => {
    const config = parseRuntimeConfig({
      labels: ['0°', '180°'],
      pipeline: {
        kind: 'ocr',
        detection: 'modelhub/ppocr-v4-detection@4.0.0',
        recognition: 'modelhub/ppocr-v4-recognition@4.0.0',
        classifier: 'modelhub/ppocr-direction-classifier@2.0.0-rc.1',
      },
    });
    expect(config.labels).toEqual(['0°', '180°']);
    expect(config.pipeline).toEqual({
      kind: 'ocr',
      detection: 'modelhub/ppocr-v4-detection@4.0.0',
      recognition: 'modelhub/ppocr-v4-recognition@4.0.0',
      classifier: 'modelhub/ppocr-direction-classifier@2.0.0-rc.1',
    });
  });

  it.each([[null], [undefined], [{}]])('reads %j as the empty config', (value) => {
    expect(parseRuntimeConfig(value)).toEqual({});
  });

  it.each([
    ['an unknown key', { instancez: 2 }, 'runtimeConfig'],
    ['instances 0', { instances: 0 }, 'runtimeConfig.instances'],
    ['fractional instances', { instances: 1.5 }, 'runtimeConfig.instances'],
    ['instances as a string', { instances: '2' }, 'runtimeConfig.instances'],
    ['too many instances', { instances: 65 }, 'runtimeConfig.instances'],
    ['negative threads', { intraOpThreads: -1 }, 'runtimeConfig.intraOpThreads'],
    [
      'a non-boolean finite flag',
      { requireFiniteInputs: 'yes' },
      'runtimeConfig.requireFiniteInputs',
    ],
    ['a zero batch size', { batching: { maxBatchSize: 0 } }, 'runtimeConfig.batching.maxBatchSize'],
    [
      'a warm-up dim of 0',
      { warmup: { inputs: [{ name: 'x', shape: [0] }] } },
      'runtimeConfig.warmup.inputs.0.shape.0',
    ],
    ['an array', [1], 'runtimeConfig'],
    ['an empty label list', { labels: [] }, 'runtimeConfig.labels'],
    ['an empty label', { labels: ['cat', ''] }, 'runtimeConfig.labels.1'],
    [
      'a pipeline of an unknown kind',
      { pipeline: { kind: 'asr', detection: 'a/b@1.0.0', recognition: 'a/c@1.0.0' } },
      'runtimeConfig.pipeline.kind',
    ],
    [
      'a pipeline stage without a pinned version',
      { pipeline: { kind: 'ocr', detection: 'a/b', recognition: 'a/c@1.0.0' } },
      'runtimeConfig.pipeline.detection',
    ],
    [
      'a pipeline stage with a version range',
      { pipeline: { kind: 'ocr', detection: 'a/b@1.0.0', recognition: 'a/c@^1.0.0' } },
      'runtimeConfig.pipeline.recognition',
    ],
    [
      'a pipeline without a recognition stage',
      { pipeline: { kind: 'ocr', detection: 'a/b@1.0.0' } },
      'runtimeConfig.pipeline.recognition',
    ],
    [
      'a misspelt pipeline key',
      {
        pipeline: {
          kind: 'ocr',
          detection: 'a/b@1.0.0',
          recognition: 'a/c@1.0.0',
          clasifier: 'a/d@1.0.0',
        },
      },
      'runtimeConfig.pipeline',
    ],
  ])('rejects %s with INVALID_RUNTIME_CONFIG naming the field', (_what, value, path) => {
    let error: unknown;
    try {
      parseRuntimeConfig(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeConfigError);
    expect((error as RuntimeConfigError).code).toBe('INVALID_RUNTIME_CONFIG');
    expect((error as RuntimeConfigError).issues[0]!.path).toBe(path);
    expect((error as RuntimeConfigError).message).toContain(path);
  });
});
