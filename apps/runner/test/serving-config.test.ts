import { describe, expect, it } from 'vitest';
import { ConfigError } from '@modelhub/config';
import os from 'node:os';
import { MAX_MODEL_INSTANCES, parseRuntimeConfig } from '@modelhub/inference';
import { readRunnerEnv } from '../src/env.ts';
import { resolveServingConfig, type ServingDefaults } from '../src/serving-config.ts';

const defaults: ServingDefaults = {
  instances: 1,
  intraOpThreads: 0,
  interOpThreads: 0,
  executionProviders: ['cpu'],
  threadSpinning: false,
  batching: { enabled: true, maxBatchSize: 32, maxQueueDelayMs: 2, maxQueueItems: 1024 },
  cpus: 8,
};
const resolve = (runtimeConfig: unknown, over: Partial<ServingDefaults> = {}) =>
  resolveServingConfig(parseRuntimeConfig(runtimeConfig), { ...defaults, ...over });

describe('resolveServingConfig', () => {
  it('serves with the runner defaults when the version says nothing', () => {
    const config = resolve({});
    expect(config.instances).toBe(1);
    // one instance: onnxruntime sizes its own thread pool
    expect(config.session).toEqual({
      executionProviders: ['cpu'],
      threadSpinning: false,
      inWorkerThread: true,
    });
    expect(config.batching).toEqual(defaults.batching);
    expect(config.inputPolicy).toEqual({ nonFinite: 'reject' });
    expect(config.oversubscribed).toBe(false);
  });

  it('splits the cores between instances when nobody set intra-op threads', () => {
    expect(resolve({ instances: 4 }).session.intraOpThreads).toBe(2);
    expect(resolve({}, { instances: 3 }).session.intraOpThreads).toBe(2);
    expect(resolve({ instances: 16 }).session.intraOpThreads).toBe(1);
    expect(resolve({ instances: 16 }).oversubscribed).toBe(true);
  });

  it("lets the version's settings win over the runner's", () => {
    const config = resolve(
      {
        instances: 2,
        intraOpThreads: 3,
        interOpThreads: 2,
        requireFiniteInputs: false,
        batching: { maxBatchSize: 4, maxQueueDelayMs: 0 },
      },
      { instances: 4, intraOpThreads: 1 },
    );
    expect(config.instances).toBe(2);
    expect(config.session).toEqual({
      executionProviders: ['cpu'],
      threadSpinning: false,
      inWorkerThread: true,
      intraOpThreads: 3,
      interOpThreads: 2,
    });
    expect(config.batching).toMatchObject({ enabled: true, maxBatchSize: 4, maxQueueDelayMs: 0 });
    expect(config.inputPolicy).toEqual({ nonFinite: 'allow' });
    expect(config.oversubscribed).toBe(false);
  });

  it('lets a version turn batching off but not on', () => {
    expect(resolve({ batching: { enabled: false } }).batching.enabled).toBe(false);
    const off = { ...defaults.batching, enabled: false };
    expect(resolve({ batching: { enabled: true } }, { batching: off }).batching.enabled).toBe(
      false,
    );
  });
});

describe('runner environment', () => {
  const base = { DATABASE_URL: 'postgresql://localhost/x' };

  it('reads instances, threads and size limits', () => {
    const env = readRunnerEnv({
      ...base,
      RUNNER_INSTANCES_PER_MODEL: '2',
      RUNNER_INTRA_OP_THREADS: '1',
      RUNNER_INTER_OP_THREADS: '2',
      RUNNER_MAX_INPUT_ELEMENTS: '1000',
      RUNNER_MEMORY_FLOOR_PER_ARTIFACT_BYTE: '2.5',
      RUNNER_THREAD_SPINNING: 'off',
    });
    expect(env).toMatchObject({
      RUNNER_INSTANCES_PER_MODEL: 2,
      RUNNER_INTRA_OP_THREADS: 1,
      RUNNER_INTER_OP_THREADS: 2,
      RUNNER_MAX_INPUT_ELEMENTS: 1000,
      RUNNER_MEMORY_FLOOR_PER_ARTIFACT_BYTE: 2.5,
      RUNNER_THREAD_SPINNING: 'off',
    });
    expect(readRunnerEnv(base)).toMatchObject({
      // one instance per core (each gets one intra-op thread: see resolveServingConfig)
      RUNNER_INSTANCES_PER_MODEL: Math.min(os.availableParallelism(), MAX_MODEL_INSTANCES),
      RUNNER_INTER_OP_THREADS: 0,
      RUNNER_MEMORY_FLOOR_PER_ARTIFACT_BYTE: 1,
      RUNNER_THREAD_SPINNING: 'on',
    });
  });

  it.each([
    ['RUNNER_INSTANCES_PER_MODEL', '0'],
    ['RUNNER_INSTANCES_PER_MODEL', '65'],
    ['RUNNER_INSTANCES_PER_MODEL', 'two'],
    ['RUNNER_INTER_OP_THREADS', '-1'],
    ['RUNNER_MAX_INPUT_ELEMENTS', '0'],
    ['RUNNER_MEMORY_FLOOR_PER_ARTIFACT_BYTE', '0.5'],
  ])('refuses %s=%s at start-up', (name, value) => {
    expect(() => readRunnerEnv({ ...base, [name]: value })).toThrow(ConfigError);
    expect(() => readRunnerEnv({ ...base, [name]: value })).toThrow(name);
  });
});
