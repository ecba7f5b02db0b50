/**
 * The web app's configuration, validated once at start-up. Nothing else in apps/web reads
 * `process.env`; import `env` from here instead.
 */
import { z } from 'zod';

/** Treat an empty variable (`API_URL=`) the same as an unset one. */
const emptyAsUnset = (value: unknown): unknown => (value === '' ? undefined : value);

const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:4000' })
  .transform((url) => url.replace(/\/+$/, ''));

export const envSchema = z
  .object({
    /** Where the server reaches the Modelhub API; the GraphQL endpoint is `${API_URL}/graphql`. */
    API_URL: z.preprocess(emptyAsUnset, baseUrl.default('http://localhost:4000')),
    /** The API's address as API users see it, shown in code snippets. Defaults to API_URL. */
    API_PUBLIC_URL: z.preprocess(emptyAsUnset, baseUrl.optional()),
    /** How long one API request may take before it fails with API_TIMEOUT. */
    API_TIMEOUT_MS: z.preprocess(
      emptyAsUnset,
      z.coerce.number().int().positive().max(120_000).default(10_000),
    ),
  })
  .transform(({ API_URL, API_PUBLIC_URL, API_TIMEOUT_MS }) => ({
    API_URL,
    API_PUBLIC_URL: API_PUBLIC_URL ?? API_URL,
    API_TIMEOUT_MS,
  }));

export type Env = z.output<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment for @modelhub/web:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
