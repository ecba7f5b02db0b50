// Every organization on the platform with its size and standing, for platform administrators:
// members, credit balance and calls in the last 30 days. Members, ledger and usage are behind
// row-level security, so each organization's figures are read in a transaction of its own
// (`withTenant`); the organizations themselves are not tenant rows.
import { withTenant, type Db } from '@modelhub/db';

export const TENANT_PAGE_SIZE = { default: 50, max: 100 } as const;
export const TENANT_USAGE_WINDOW_DAYS = 30;

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  billingMode: string;
  createdAt: Date;
  memberCount: number;
  /** the sum of the ledger, micro-units */
  balanceMicros: bigint;
  /** billable predictions made by the organization (as the caller) in the window */
  callsLast30Days: number;
}

export interface TenantSummaryPage {
  tenants: TenantSummary[];
  totalCount: number;
  hasNextPage: boolean;
  /** pass as `after` for the next page; the last organization's id */
  endCursor: string | null;
}

export async function tenantSummaries(
  db: Db,
  { first, after, now = new Date() }: { first: number; after?: string | null; now?: Date },
): Promise<TenantSummaryPage> {
  const take = Math.min(Math.max(first, 1), TENANT_PAGE_SIZE.max);
  const [organizations, totalCount] = await Promise.all([
    db.organization.findMany({
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: take + 1,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    }),
    db.organization.count(),
  ]);
  const page = organizations.slice(0, take);
  const since = new Date(now.getTime() - TENANT_USAGE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const tenants = await Promise.all(
    page.map((org) =>
      withTenant(db, org.id, async (tx) => {
        const memberCount = await tx.membership.count({ where: { organizationId: org.id } });
        const callsLast30Days = await tx.usageEvent.count({
          where: { organizationId: org.id, createdAt: { gte: since } },
        });
        return {
          id: org.id,
          slug: org.slug,
          name: org.name,
          personal: org.personal,
          billingMode: org.billingMode,
          createdAt: org.createdAt,
          memberCount,
          balanceMicros: org.balanceMicros,
          callsLast30Days,
        };
      }),
    ),
  );
  return {
    tenants,
    totalCount,
    hasNextPage: organizations.length > take,
    endCursor: page.at(-1)?.id ?? null,
  };
}
