/**
 * The web app's configuration, validated once at start-up. Nothing else in apps/web reads
 * `process.env`; import `env` from here instead. (next-auth itself also reads NEXTAUTH_URL, which
 * is why that variable keeps next-auth's name.)
 */
import { z } from 'zod';

/** Treat an empty variable (`API_URL=`) the same as an unset one. */
const emptyAsUnset = (value: unknown): unknown => (value === '' ? undefined : value);

const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:4000' })
  .transform((url) => url.replace(/\/+$/, ''));

const optionalText = z.preprocess(emptyAsUnset, z.string().trim().min(1).optional());

/** The shortest AUTH_SECRET accepted: 32 characters, e.g. `openssl rand -base64 32`. */
export const MIN_AUTH_SECRET_LENGTH = 32;

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
    /**
     * Signs and encrypts the session JWT; the api decodes the same cookie with the same value.
     * Optional here so that `next build` works without it: every sign-in path refuses to run
     * without it (AuthConfigError), the public catalog keeps working.
     */
    AUTH_SECRET: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .min(MIN_AUTH_SECRET_LENGTH, {
          error: `must be at least ${MIN_AUTH_SECRET_LENGTH} characters (try \`openssl rand -base64 32\`)`,
        })
        .optional(),
    ),
    /** The portal's own public address; next-auth builds its callback URLs from it. */
    NEXTAUTH_URL: z.preprocess(
      emptyAsUnset,
      z
        .url({
          protocol: /^https?$/,
          error: 'must be an http(s) URL such as http://localhost:3000',
        })
        .transform((url) => url.replace(/\/+$/, ''))
        .default('http://localhost:3000'),
    ),
    GITHUB_ID: optionalText,
    GITHUB_SECRET: optionalText,
    GOOGLE_CLIENT_ID: optionalText,
    GOOGLE_CLIENT_SECRET: optionalText,
  })
  .superRefine((source, context) => {
    const pairs = [
      ['GITHUB_ID', 'GITHUB_SECRET'],
      ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
    ] as const;
    for (const [id, secret] of pairs) {
      if ((source[id] === undefined) !== (source[secret] === undefined)) {
        context.addIssue({
          code: 'custom',
          path: [source[id] === undefined ? id : secret],
          message: `${id} and ${secret} must be set together (or both left unset)`,
        });
      }
    }
  })
  .transform((source) => ({
    API_URL: source.API_URL,
    API_PUBLIC_URL: source.API_PUBLIC_URL ?? source.API_URL,
    API_TIMEOUT_MS: source.API_TIMEOUT_MS,
    AUTH_SECRET: source.AUTH_SECRET,
    NEXTAUTH_URL: source.NEXTAUTH_URL,
    /** Cookies get the `__Secure-` prefix and the Secure flag when the portal is served over https. */
    SECURE_COOKIES: source.NEXTAUTH_URL.startsWith('https://'),
    GITHUB:
      source.GITHUB_ID && source.GITHUB_SECRET
        ? { clientId: source.GITHUB_ID, clientSecret: source.GITHUB_SECRET }
        : undefined,
    GOOGLE:
      source.GOOGLE_CLIENT_ID && source.GOOGLE_CLIENT_SECRET
        ? { clientId: source.GOOGLE_CLIENT_ID, clientSecret: source.GOOGLE_CLIENT_SECRET }
        : undefined,
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
