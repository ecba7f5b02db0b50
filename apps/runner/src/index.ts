export { startRunner, type RunnerOptions, type RunningRunner } from './runner-server.ts';
export { readRunnerEnv, type RunnerEnv } from './env.ts';
export { RUNNER_STATS_PATH, type LoadedModelStats, type RunnerStats } from './runner-stats.ts';
