// Loads an uploaded model in onnxruntime inside a child process under a time and a memory
// limit, and returns the signature onnxruntime reads from it.
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelSignature } from '@modelhub/inference';
import { RegistryError } from '../registry-error.ts';
import { readProcessRssBytes } from './process-rss.ts';
import { resolveValidationLimits, type ValidationLimits } from './validation-limits.ts';
import { workerExecArgv } from './worker-exec-argv.ts';
import type { WorkerMessage } from './worker-messages.ts';

const WORKER = fileURLToPath(new URL('./validation-worker.ts', import.meta.url));
const RSS_POLL_MS = 20;
const STDERR_TAIL = 2000;

export interface ValidatedOnnx {
  /** inputs and outputs as onnxruntime sees them (v2 datatypes, -1 for dynamic dims) */
  signature: ModelSignature;
  /** the child's peak resident memory */
  peakRssBytes: number;
  durationMs: number;
}

/**
 * Throws RegistryError INVALID_ONNX (onnxruntime refused or crashed, with its message),
 * VALIDATION_TIMEOUT or VALIDATION_MEMORY_LIMIT; the child is gone when this settles.
 */
export async function validateOnnxInChildProcess(
  model: Uint8Array,
  limits: Partial<ValidationLimits> = {},
): Promise<ValidatedOnnx> {
  const resolved = resolveValidationLimits(limits);
  // onnxruntime gets a path rather than bytes over IPC, which would copy the model twice
  const dir = await mkdtemp(path.join(os.tmpdir(), 'modelhub-validate-'));
  const file = path.join(dir, 'model.onnx');
  try {
    await writeFile(file, model, { mode: 0o600 });
    return await runWorker(file, resolved);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runWorker(file: string, limits: ValidationLimits): Promise<ValidatedOnnx> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [file], {
      execArgv: workerExecArgv(),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let peakRssBytes = 0;
    let outcome: { ok: ValidatedOnnx } | { error: Error } | null = null;
    let exited = false;

    const settle = (result: { ok: ValidatedOnnx } | { error: Error }) => {
      if (outcome) return;
      outcome = result;
      clearTimeout(timer);
      clearInterval(poll);
      // resolve only once the child is gone, so no validation outlives its call
      if (exited) finish();
      else child.kill('SIGKILL');
    };
    const finish = () => {
      if (!outcome) return;
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.error);
    };
    const checkMemory = (rssBytes: number) => {
      peakRssBytes = Math.max(peakRssBytes, rssBytes);
      if (rssBytes > limits.memoryBytes) {
        settle({
          error: new RegistryError(
            'VALIDATION_MEMORY_LIMIT',
            `loading the model took ${mib(rssBytes)} of memory; the limit is ${mib(limits.memoryBytes)}`,
            { memoryBytes: limits.memoryBytes },
          ),
        });
      }
    };

    const timer = setTimeout(() => {
      settle({
        error: new RegistryError(
          'VALIDATION_TIMEOUT',
          `loading the model took longer than ${limits.timeoutMs} ms`,
          { timeoutMs: limits.timeoutMs },
        ),
      });
    }, limits.timeoutMs);
    let sampling = false;
    const poll = setInterval(() => {
      if (sampling || child.pid === undefined) return;
      sampling = true;
      void readProcessRssBytes(child.pid).then((rss) => {
        sampling = false;
        if (rss !== null && !outcome) checkMemory(rss);
      });
    }, RSS_POLL_MS);

    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      // eslint-disable-next-line no-control-regex -- onnxruntime colours its log lines
      stderr = (stderr + chunk.replace(/\x1b\[[0-9;]*m/g, '')).slice(-STDERR_TAIL);
    });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'rss') checkMemory(message.rssBytes);
      else if (message.type === 'loaded') {
        checkMemory(message.peakRssBytes);
        settle({
          ok: {
            signature: message.signature,
            peakRssBytes,
            durationMs: Math.round(performance.now() - started),
          },
        });
      } else {
        settle({
          error: new RegistryError(
            'INVALID_ONNX',
            // the temp path means nothing to the publisher
            `onnxruntime cannot load the model: ${message.message.replaceAll(file, 'model.onnx')}`,
          ),
        });
      }
    });
    child.on('error', (error) => {
      settle({ error });
      // a child that never started emits no 'exit'
      if (child.pid === undefined || child.exitCode !== null) {
        exited = true;
        finish();
      }
    });
    child.on('exit', (code, signal) => {
      exited = true;
      settle({
        error: new RegistryError(
          'INVALID_ONNX',
          `onnxruntime crashed loading the model (${signal ?? `exit code ${code}`})${
            stderr.trim() ? `: ${stderr.trim().replaceAll(file, 'model.onnx')}` : ''
          }`,
        ),
      });
      finish();
    });
  });
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
