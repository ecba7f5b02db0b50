import type { z } from 'zod';
import { BillingError } from './billing-error.ts';

/** Parses `value`, turning zod's issues into one INVALID_INPUT that names each field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(value)',
    message: issue.message,
  }));
  throw new BillingError(
    'INVALID_INPUT',
    `invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}
