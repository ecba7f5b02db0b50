// Every process validates its environment once, at start-up, against one zod schema, and a
// wrong value stops it with a message that names each variable and what is wrong with it.
import type { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  label: string,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(settings)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid ${label} configuration:\n${lines.join('\n')}`);
}
