export { startRunner, type RunnerOptions, type RunningRunner } from './runner-server.ts';
export { readRunnerEnv, type RunnerEnv } from './env.ts';
