import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadOnnxModel } from '@modelhub/runner-onnx';
import { describe, expect, it } from 'vitest';
import {
  OCR_CLASSIFIER_FILE,
  OCR_DETECTOR_FILE,
  addModel,
  unknownOperatorModel,
} from '../../test/onnx-fixtures.ts';
import { validateOnnxInChildProcess } from './validate-in-child-process.ts';
import { workerExecArgv } from './worker-exec-argv.ts';

const packageRoot = path.resolve(import.meta.dirname, '..', '..');

describe('validateOnnxInChildProcess', () => {
  it('returns the signature onnxruntime reads, the same as loading it in-process', async () => {
    const bytes = await readFile(OCR_CLASSIFIER_FILE);
    const inProcess = await loadOnnxModel(bytes);
    const expected = inProcess.signature;
    await inProcess.dispose();

    const validated = await validateOnnxInChildProcess(bytes);
    expect(validated.signature).toEqual(expected);
    expect(validated.signature.inputs).toEqual([
      { name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] },
    ]);
    expect(validated.peakRssBytes).toBeGreaterThan(10 * 1024 ** 2);
  });

  it('stops a load that outlasts the time limit', async () => {
    const bytes = await readFile(OCR_DETECTOR_FILE);
    const started = performance.now();
    await expect(validateOnnxInChildProcess(bytes, { timeoutMs: 1 })).rejects.toMatchObject({
      name: 'RegistryError',
      code: 'VALIDATION_TIMEOUT',
      details: { timeoutMs: 1 },
    });
    // killed, not waited for: the full load takes well over a second
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops a child that outgrows the memory limit', async () => {
    const bytes = await readFile(OCR_DETECTOR_FILE);
    const limit = 5 * 1024 * 1024;
    const error = await validateOnnxInChildProcess(bytes, { memoryBytes: limit }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'VALIDATION_MEMORY_LIMIT',
      details: { memoryBytes: limit },
    });
    expect((error as Error).message).toMatch(/took [\d.]+ MiB of memory; the limit is 5\.0 MiB/);
  });

  it("reports onnxruntime's own message for a model it refuses", async () => {
    const error = (await validateOnnxInChildProcess(unknownOperatorModel()).catch(
      (e: unknown) => e,
    )) as Error & { code: string };
    expect(error.code).toBe('INVALID_ONNX');
    expect(error.message).toMatch(/onnxruntime cannot load the model: .*NoSuchOperator/);
    expect(error.message).not.toMatch(/modelhub-validate-/);
  });

  it.each([{ timeoutMs: 0 }, { memoryBytes: -1 }, { timeoutMs: 1.5 }])(
    'refuses the limits %j',
    async (limits) => {
      await expect(validateOnnxInChildProcess(addModel(), limits)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    },
  );

  it('works from a parent started with `node --import tsx`, as the api runs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'validate-cli-'));
    const file = path.join(dir, 'add.onnx');
    await writeFile(file, addModel(['n', 3]));
    try {
      const run = (limits = '{}') =>
        promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'test/validate-from-cli.ts', file, limits],
          { cwd: packageRoot },
        ).then(({ stderr }) => JSON.parse(stderr.trim().split('\n').at(-1)!) as unknown);
      expect(await run()).toEqual({
        ok: {
          inputs: [
            { name: 'a', datatype: 'FP32', shape: [-1, 3] },
            { name: 'b', datatype: 'FP32', shape: [-1, 3] },
          ],
          outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 3] }],
        },
      });
      expect(await run('{"timeoutMs":1}')).toEqual({ code: 'VALIDATION_TIMEOUT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('workerExecArgv', () => {
  it("passes on the parent's tsx loader and nothing else", () => {
    expect(workerExecArgv(['--import', 'tsx', '--inspect=9229'])).toEqual(['--import', 'tsx']);
    // what the tsx CLI gives its process: its preflight hook stays with the CLI's own process
    expect(
      workerExecArgv([
        '--require',
        '/repo/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///repo/node_modules/tsx/dist/loader.mjs',
      ]),
    ).toEqual(['--import', 'file:///repo/node_modules/tsx/dist/loader.mjs']);
    expect(workerExecArgv(['--loader=tsx'])).toEqual(['--loader', 'tsx']);
  });

  it('brings its own tsx when the parent has none (vitest, plain node)', () => {
    const args = workerExecArgv(['--max-old-space-size=4096', '--import', 'other-hook']);
    expect(args).toHaveLength(2);
    expect(args[0]).toBe('--import');
    expect(args[1]).toMatch(/^file:\/\/.*\/tsx\/dist\/loader\.mjs$/);
  });
});
