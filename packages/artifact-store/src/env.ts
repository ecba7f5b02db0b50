import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  MODELHUB_DATA_DIR: z
    .string()
    .default(path.resolve(import.meta.dirname, '..', '..', '..', '.data')),
  ARTIFACT_STORE_DIR: z.string().optional(),
});

/** The artifact root: ARTIFACT_STORE_DIR, else `<data dir>/artifacts`. */
export function artifactRootFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = schema.parse(env);
  return parsed.ARTIFACT_STORE_DIR ?? path.join(parsed.MODELHUB_DATA_DIR, 'artifacts');
}
