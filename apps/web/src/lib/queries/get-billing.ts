/**
 * Everything the billing page shows, in one request. Parts the viewer may not read are left out
 * with `@include` (the api would refuse them with FORBIDDEN and fail the whole page).
 */
import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';

const micros = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform(String);

export const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z.string(),
  amountMicros: micros,
  currency: z.string(),
  description: z.string(),
  createdAt: z.string(),
});
export type LedgerEntry = z.output<typeof ledgerEntrySchema>;

export const usageRowSchema = z.object({
  group: z.string(),
  label: z.string(),
  calls: z.number().int(),
  quantity: micros,
  amountMicros: micros,
  currency: z.string(),
});
export type UsageRow = z.output<typeof usageRowSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  amountDueMicros: micros,
  amountPaidMicros: micros,
  currency: z.string(),
  hostedInvoiceUrl: z.string().nullable(),
});
export type Invoice = z.output<typeof invoiceSchema>;

export const earningsSchema = z.object({
  id: z.string(),
  periodStart: z.string(),
  status: z.string(),
  grossMicros: micros,
  feeMicros: micros,
  netMicros: micros,
  currency: z.string(),
});
export type EarningsStatement = z.output<typeof earningsSchema>;

export const BILLING_QUERY = /* GraphQL */ `
  query Billing(
    $ledgerFirst: Int!
    $ledgerAfter: String
    $from: DateTime!
    $to: DateTime!
    $readLedger: Boolean!
    $readUsage: Boolean!
    $readBilling: Boolean!
  ) {
    billingMode
    viewer {
      organization {
        id
        billingMode
        monthlySpendLimitMicros @include(if: $readLedger)
        spentThisMonthMicros @include(if: $readLedger)
        ledger(first: $ledgerFirst, after: $ledgerAfter) @include(if: $readLedger) {
          balanceMicros
          hasNextPage
          endCursor
          entries {
            id
            kind
            amountMicros
            currency
            description
            createdAt
          }
        }
        usageByDay: usage(from: $from, to: $to, groupBy: day) @include(if: $readUsage) {
          ...UsageRowFields
        }
        usageByModel: usage(from: $from, to: $to, groupBy: model) @include(if: $readUsage) {
          ...UsageRowFields
        }
        invoices @include(if: $readBilling) {
          id
          number
          status
          periodStart
          periodEnd
          amountDueMicros
          amountPaidMicros
          currency
          hostedInvoiceUrl
        }
        earnings @include(if: $readBilling) {
          id
          periodStart
          status
          grossMicros
          feeMicros
          netMicros
          currency
        }
      }
    }
  }

  fragment UsageRowFields on UsageReportRow {
    group
    label
    calls
    quantity
    amountMicros
    currency
  }
`;

const billingDataSchema = z.object({
  billingMode: z.string(),
  viewer: z
    .object({
      organization: z
        .object({
          billingMode: z.string(),
          monthlySpendLimitMicros: micros.nullable().optional(),
          spentThisMonthMicros: micros.optional(),
          ledger: z
            .object({
              balanceMicros: micros,
              hasNextPage: z.boolean(),
              endCursor: z.string().nullable(),
              entries: z.array(ledgerEntrySchema),
            })
            .optional(),
          usageByDay: z.array(usageRowSchema).optional(),
          usageByModel: z.array(usageRowSchema).optional(),
          invoices: z.array(invoiceSchema).optional(),
          earnings: z.array(earningsSchema).optional(),
        })
        .nullable(),
    })
    .nullable(),
});

export interface BillingOverview {
  /** "stripe" or "ledger-only": whether top-ups through Stripe are possible at all. */
  paymentMode: string;
  /** The organization's PREPAID or POSTPAID mode. */
  organizationBillingMode: string;
  /** The monthly spend limit (null: none) and this month's spend; undefined where not readable. */
  monthlySpendLimitMicros?: string | null;
  spentThisMonthMicros?: string;
  /** Undefined where the viewer may not read them. */
  ledger?: {
    balanceMicros: string;
    entries: LedgerEntry[];
    hasNextPage: boolean;
    endCursor: string | null;
  };
  usageByDay?: UsageRow[];
  usageByModel?: UsageRow[];
  invoices?: Invoice[];
  earnings?: EarningsStatement[];
}

export interface GetBillingOptions {
  ledgerFirst: number;
  ledgerAfter?: string | undefined;
  /** The usage range, [from, to). */
  from: Date;
  to: Date;
  readLedger: boolean;
  readUsage: boolean;
  readBilling: boolean;
}

/** The current organization's billing; null when signed out or in no organization. */
export async function getBilling(
  options: GetBillingOptions,
  client: GraphqlClient,
): Promise<BillingOverview | null> {
  const data = await client.request(
    {
      query: BILLING_QUERY,
      operationName: 'Billing',
      variables: {
        ledgerFirst: options.ledgerFirst,
        ledgerAfter: options.ledgerAfter ?? null,
        from: options.from.toISOString(),
        to: options.to.toISOString(),
        readLedger: options.readLedger,
        readUsage: options.readUsage,
        readBilling: options.readBilling,
      },
    },
    billingDataSchema,
  );
  const organization = data.viewer?.organization;
  if (!organization) return null;
  const { billingMode, ...parts } = organization;
  return { paymentMode: data.billingMode, organizationBillingMode: billingMode, ...parts };
}
