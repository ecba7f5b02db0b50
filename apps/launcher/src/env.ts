// The launcher's configuration: the ports of the three services and where data lives. The
// database settings are validated by @modelhub/db itself.
import { parseEnv } from '@modelhub/config';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z
  .object({
    API_PORT: port(4000),
    WEB_PORT: port(3000),
    RUNNER_PORT: port(8001),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .refine((e) => new Set([e.API_PORT, e.WEB_PORT, e.RUNNER_PORT]).size === 3, {
    message: 'API_PORT, WEB_PORT and RUNNER_PORT must differ',
  });

export type LauncherEnv = z.infer<typeof schema>;

export function readLauncherEnv(env: NodeJS.ProcessEnv = process.env): LauncherEnv {
  return parseEnv(schema, env, 'launcher');
}
