export { startWorker, type Worker, type WorkerOptions } from './worker.ts';
export { readWorkerEnv, type WorkerEnv } from './env.ts';
