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
