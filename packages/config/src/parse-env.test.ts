import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parseEnv } from './parse-env.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
});

describe('parseEnv', () => {
  it('applies defaults and coerces', () => {
    expect(parseEnv(schema, {}, 'api')).toEqual({ PORT: 4000 });
    expect(parseEnv(schema, { PORT: '8080' }, 'api')).toEqual({ PORT: 8080 });
  });

  it('names every wrong variable in one message', () => {
    const run = () => parseEnv(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x' }, 'api');
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(
      /Invalid api configuration:\n {2}PORT: .*\n {2}DATABASE_URL: must be a postgresql:\/\/ URL/,
    );
  });
});
