// A session in a worker thread of its own: the main thread posts feeds and gets outputs back,
// and its event loop keeps running while the batch computes.
import { Worker } from 'node:worker_threads';
import type { InferenceSession } from 'onnxruntime-node';
import type { PlainTensor, SessionHost, SessionRunOptions } from './session-host.ts';

const WORKER = new URL('./onnx-session-worker.mjs', import.meta.url);

type FromWorker =
  | {
      kind: 'loaded';
      inputMetadata: InferenceSession.ValueMetadata[];
      outputMetadata: InferenceSession.ValueMetadata[];
      outputNames: string[];
    }
  | { kind: 'failed'; message: string }
  | { kind: 'result'; id: number; outputs: Record<string, PlainTensor> }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'released' };

interface Pending {
  resolve: (outputs: Record<string, PlainTensor>) => void;
  reject: (error: Error) => void;
}

export function createWorkerSessionHost(
  model: Uint8Array | string,
  sessionOptions: InferenceSession.SessionOptions,
): Promise<SessionHost> {
  const worker = new Worker(WORKER, { workerData: { model, sessionOptions } });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let gone: Error | null = null;
  let onReleased: (() => void) | null = null;

  return new Promise((resolve, reject) => {
    const failAll = (error: Error) => {
      gone = error;
      reject(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      onReleased?.();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the session's worker thread exited (${code})`)));
    worker.on('message', (message: FromWorker) => {
      switch (message.kind) {
        case 'loaded':
          resolve({
            inputMetadata: message.inputMetadata,
            outputMetadata: message.outputMetadata,
            outputNames: message.outputNames,
            run(feeds, fetches, options) {
              if (gone) return Promise.reject(gone);
              const id = nextId++;
              return new Promise((resolveRun, rejectRun) => {
                pending.set(id, { resolve: resolveRun, reject: rejectRun });
                worker.postMessage(
                  { kind: 'run', id, feeds, fetches },
                  transferableFeeds(feeds, options),
                );
              });
            },
            async release() {
              if (gone) return;
              await new Promise<void>((done) => {
                onReleased = done;
                worker.postMessage({ kind: 'release' });
              });
              await worker.terminate();
            },
          });
          return;
        case 'failed':
          reject(new Error(message.message));
          void worker.terminate();
          return;
        case 'result':
        case 'error': {
          const p = pending.get(message.id);
          pending.delete(message.id);
          if (message.kind === 'result') p?.resolve(message.outputs);
          else p?.reject(new Error(message.message));
          return;
        }
        case 'released':
          onReleased?.();
      }
    });
  });
}

/**
 * The memory of the owned feeds that can move to the worker: each array must span its whole
 * buffer. Other feeds are copied, as typed inputs are often views into a request's body.
 */
function transferableFeeds(
  feeds: Record<string, PlainTensor>,
  options: SessionRunOptions | undefined,
): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const name of options?.ownedFeeds ?? []) {
    const data = feeds[name]?.data;
    if (
      ArrayBuffer.isView(data) &&
      data.buffer instanceof ArrayBuffer &&
      data.byteOffset === 0 &&
      data.byteLength === data.buffer.byteLength
    ) {
      buffers.add(data.buffer);
    }
  }
  return [...buffers];
}
