// Billing's environment, validated once. Without STRIPE_SECRET_KEY billing runs ledger-only:
// credits, debits and reports work from the internal ledger and nothing calls Stripe.
import { parseEnv } from '@modelhub/config';
import { z } from 'zod';
import { DEFAULT_METER_EVENT_NAME, StripeAdapter } from './stripe/stripe-adapter.ts';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const schema = z
  .object({
    STRIPE_SECRET_KEY: optional(z.string().regex(/^(sk|rk)_/, 'must be a Stripe secret key')),
    /** the webhook endpoint's signing secret; required with a secret key where webhooks arrive */
    STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_/, 'must start with whsec_')),
    /** another Stripe API host (tests point it at a local fake), e.g. http://127.0.0.1:12111 */
    STRIPE_API_BASE: optional(z.url({ protocol: /^https?$/ })),
    STRIPE_METER_EVENT_NAME: z
      .string()
      .regex(/^[\w.-]{1,100}$/, 'letters, digits, _ . - (at most 100)')
      .default(DEFAULT_METER_EVENT_NAME),
  })
  .refine((env) => !env.STRIPE_WEBHOOK_SECRET || env.STRIPE_SECRET_KEY, {
    path: ['STRIPE_SECRET_KEY'],
    message: 'is required when STRIPE_WEBHOOK_SECRET is set',
  });

export type BillingEnv = z.infer<typeof schema>;
export type StripeMode = 'stripe' | 'ledger-only';

export function readBillingEnv(env: NodeJS.ProcessEnv = process.env): BillingEnv {
  return parseEnv(schema, env, 'billing');
}

/** 'stripe' when a secret key is configured; 'ledger-only' otherwise. */
export function billingMode(env: NodeJS.ProcessEnv = process.env): StripeMode {
  return readBillingEnv(env).STRIPE_SECRET_KEY ? 'stripe' : 'ledger-only';
}

/** The Stripe adapter the environment describes, or null in ledger-only mode. */
export function stripeAdapterFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { timeoutMs?: number; maxNetworkRetries?: number } = {},
): StripeAdapter | null {
  const parsed = readBillingEnv(env);
  if (!parsed.STRIPE_SECRET_KEY) return null;
  return new StripeAdapter({
    secretKey: parsed.STRIPE_SECRET_KEY,
    webhookSecret: parsed.STRIPE_WEBHOOK_SECRET,
    apiBase: parsed.STRIPE_API_BASE,
    meterEventName: parsed.STRIPE_METER_EVENT_NAME,
    ...overrides,
  });
}
