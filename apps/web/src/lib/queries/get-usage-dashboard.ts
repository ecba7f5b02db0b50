/**
 * The dashboard's usage of the current organization in one request: per day and per model over
 * a range. Needs `usage.read`; the page checks the permission first.
 */
import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import { usageRowSchema, type UsageRow } from './get-billing';

export const USAGE_DASHBOARD_QUERY = /* GraphQL */ `
  query UsageDashboard($from: DateTime!, $to: DateTime!) {
    viewer {
      organization {
        id
        byDay: usage(from: $from, to: $to, groupBy: day) {
          ...DashboardUsageRow
        }
        byModel: usage(from: $from, to: $to, groupBy: model) {
          ...DashboardUsageRow
        }
      }
    }
  }

  fragment DashboardUsageRow on UsageReportRow {
    group
    label
    calls
    quantity
    amountMicros
    currency
  }
`;

const usageDashboardDataSchema = z.object({
  viewer: z
    .object({
      organization: z
        .object({ byDay: z.array(usageRowSchema), byModel: z.array(usageRowSchema) })
        .nullable(),
    })
    .nullable(),
});

export interface UsageDashboardData {
  byDay: UsageRow[];
  byModel: UsageRow[];
}

/** Usage in [from, to); null when signed out or in no organization. */
export async function getUsageDashboard(
  range: { from: Date; to: Date },
  client: GraphqlClient,
): Promise<UsageDashboardData | null> {
  const data = await client.request(
    {
      query: USAGE_DASHBOARD_QUERY,
      operationName: 'UsageDashboard',
      variables: { from: range.from.toISOString(), to: range.to.toISOString() },
    },
    usageDashboardDataSchema,
  );
  return data.viewer?.organization ?? null;
}
