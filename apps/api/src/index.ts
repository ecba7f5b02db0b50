export { startApi, type ApiOptions, type RunningApi } from './api-server.ts';
export { readApiEnv, type ApiEnv } from './env.ts';
export { printApiSchema } from './graphql/schema.ts';
