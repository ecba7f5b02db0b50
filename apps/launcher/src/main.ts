import { launchPlatform } from './launch-platform.ts';

try {
  await launchPlatform();
} catch (error) {
  process.stderr.write(`[modelhub] could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
