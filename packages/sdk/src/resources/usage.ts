// The organization's usage over a range, grouped by day, model, version or key: the same
// figures as the billing page and GET /billing/usage.csv. Needs the usage.read permission (an
// API key with the READ or BILLING scope, or a member's session).
import { UsageDocument, type UsageGrouping } from '../generated/graphql.ts';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { GraphQLTransport } from '../graphql-transport.ts';
import { toBigInt } from '../scalars.ts';

export interface UsageParams {
  from: Date;
  /** exclusive */
  to: Date;
  groupBy: UsageGrouping;
}

export interface UsageRow {
  /** the day (YYYY-MM-DD) or the model, version or key id */
  group: string;
  label: string;
  calls: number;
  /** units charged: calls, items or milliseconds, as the price counts */
  quantity: bigint;
  amountMicros: bigint;
  currency: string;
}

export class UsageResource {
  constructor(private readonly transport: GraphQLTransport) {}

  async report(params: UsageParams): Promise<UsageRow[]> {
    for (const field of ['from', 'to'] as const) {
      const value = params[field];
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        throw new BadUserInputError(`${field} must be a valid Date`, { field });
      }
    }
    const data = await this.transport.execute(
      UsageDocument,
      { from: params.from.toISOString(), to: params.to.toISOString(), groupBy: params.groupBy },
      { idempotent: true },
    );
    if (!data.viewer) throw new UnauthenticatedError('send an API key to read usage');
    if (!data.viewer.organization)
      throw new ForbiddenError('the caller belongs to no organization');
    return data.viewer.organization.usage.map((row) => ({
      group: row.group,
      label: row.label,
      calls: row.calls,
      quantity: toBigInt(row.quantity),
      amountMicros: toBigInt(row.amountMicros),
      currency: row.currency,
    }));
  }
}
