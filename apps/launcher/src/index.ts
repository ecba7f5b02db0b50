export { launchPlatform } from './launch-platform.ts';
export { seedPlatform } from './seed-platform.ts';
