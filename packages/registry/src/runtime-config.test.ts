import { describe, expect, it } from 'vitest';
import { checkRuntimeConfigAgainstSignature, parseRuntimeConfig } from './runtime-config.ts';

const signature = {
  inputs: [{ name: 'x', datatype: 'FP32' as const, shape: [-1, 3, 48, -1] }],
  outputs: [{ name: 'y', datatype: 'FP32' as const, shape: [-1, 2] }],
};

describe('parseRuntimeConfig', () => {
  it('accepts batching, warm-up and image preprocessing', () => {
    const config = {
      batching: { enabled: true, maxBatchSize: 32, maxQueueDelayMs: 5 },
      warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] },
      preprocessing: {
        kind: 'image',
        width: 192,
        height: 48,
        layout: 'NCHW',
        colorOrder: 'RGB',
        mean: [0.5, 0.5, 0.5],
        std: [0.5, 0.5, 0.5],
      },
    };
    expect(parseRuntimeConfig(config)).toEqual(config);
    expect(parseRuntimeConfig(undefined)).toEqual({});
    expect(parseRuntimeConfig({ batching: { maxBatchSize: 8 } })).toEqual({
      batching: { maxBatchSize: 8 },
    });
  });

  const image = {
    kind: 'image',
    width: 32,
    height: 32,
    layout: 'NHWC',
    colorOrder: 'BGR',
    mean: [0],
    std: [1],
  };
  it.each([
    ['a typo in a key', { batchin: {} }, /\(value\): Unrecognized key/i],
    ['batch size 0', { batching: { maxBatchSize: 0 } }, /batching\.maxBatchSize/],
    ['a negative delay', { batching: { maxQueueDelayMs: -1 } }, /batching\.maxQueueDelayMs/],
    ['an empty warm-up', { warmup: { inputs: [] } }, /warmup\.inputs/],
    [
      'a zero warm-up dim',
      { warmup: { inputs: [{ name: 'x', shape: [0] }] } },
      /warmup\.inputs\.0\.shape\.0/,
    ],
    [
      'a warm-up of 2^32 elements',
      { warmup: { inputs: [{ name: 'x', shape: [65_536, 65_536] }] } },
      /at most 16777216 elements/,
    ],
    [
      'an unknown preprocessing kind',
      { preprocessing: { ...image, kind: 'audio' } },
      /preprocessing\.kind/,
    ],
    ['an unknown layout', { preprocessing: { ...image, layout: 'CHW' } }, /preprocessing\.layout/],
    ['a zero std', { preprocessing: { ...image, std: [0] } }, /std must be positive/],
    [
      'mean and std of different lengths',
      { preprocessing: { ...image, mean: [0, 0, 0] } },
      /one value per channel/,
    ],
    ['a string', 'fast', /invalid runtime config/],
  ])('refuses %s', (_what, value, message) => {
    expect(() => parseRuntimeConfig(value)).toThrow(message);
    expect(() => parseRuntimeConfig(value)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('checkRuntimeConfigAgainstSignature', () => {
  const check = (inputs: { name: string; shape: number[] }[]) => () =>
    checkRuntimeConfigAgainstSignature(parseRuntimeConfig({ warmup: { inputs } }), signature);

  it('accepts warm-up shapes that fill in the dynamic dims', () => {
    expect(check([{ name: 'x', shape: [4, 3, 48, 320] }])).not.toThrow();
  });

  it.each([
    [
      [{ name: 'image', shape: [1, 3, 48, 192] }],
      /'image' is not an input of the model \(it has 'x'\)/,
    ],
    [[{ name: 'x', shape: [1, 3, 48] }], /does not fit input 'x' of shape \[-1, 3, 48, -1\]/],
    [[{ name: 'x', shape: [1, 3, 32, 192] }], /does not fit/],
  ])('refuses %j', (inputs, message) => {
    expect(check(inputs)).toThrow(message);
  });
});

describe('checkRuntimeConfigAgainstSignature: labels and pipelines', () => {
  const check = (config: unknown) => () =>
    checkRuntimeConfigAgainstSignature(parseRuntimeConfig(config), signature);

  it('accepts labels that fit the last dimension of an output', () => {
    expect(check({ labels: ['0°', '180°'] })).not.toThrow();
  });

  it('refuses labels of another count, naming the outputs', () => {
    expect(check({ labels: ['a', 'b', 'c'] })).toThrow(
      /3 labels fit no output of the model \(the last dimension of 'y' \[-1, 2\]\)/,
    );
  });

  it('refuses a pipeline on a version with an ONNX file', () => {
    const pipeline = { kind: 'ocr', detection: 'a/b@1.0.0', recognition: 'a/c@1.0.0' };
    expect(check({ pipeline })).toThrow(/publish them with publishPipelineVersion/);
    expect(check({ pipeline })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
