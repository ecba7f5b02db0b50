export { launchPlatform } from './launch-platform.ts';
export { seedPlatform } from './seed-platform.ts';
export { ServiceProcess, type ServiceSpec } from './service-process.ts';
export { waitForHttp, assertPortFree } from './wait-for.ts';
export { SERVER_NODE_FLAGS } from './server-node-flags.ts';
