// The db package's environment, validated once. Nothing else in this package reads process.env.
import path from 'node:path';
import { parseEnv } from '@modelhub/config';
import { z } from 'zod';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL')
    .optional(),
  /** the api's connection, as a role without BYPASSRLS; derived from DATABASE_URL when unset */
  APP_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL')
    .optional(),
  /** password given to the app role when APP_DATABASE_URL is derived */
  APP_DATABASE_PASSWORD: z.string().min(8).default('modelhub_app'),
  MODELHUB_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
});

export type DbEnv = z.infer<typeof schema>;

export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  return parseEnv(schema, env, 'database');
}
