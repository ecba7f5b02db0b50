import type { Metadata } from 'next';
import { unstable_rethrow } from 'next/navigation';
import { Pagination } from '@/components/settings/pagination';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatDate, formatInteger, formatMicros, pluralize } from '@/lib/format';
import type { PlatformTenantPage } from '@/lib/platform-admin-schemas';
import { pageGraphqlClient } from '@/lib/portal-api';
import { getPlatformTenants } from '@/lib/queries/get-platform-admin';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { AdminRefusal } from '../admin-refusal';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Tenants · Platform admin' };

const PAGE_SIZE = 50;

export default async function AdminTenantsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const after = firstParam(await searchParams, 'after');
  let loaded: { page: PlatformTenantPage } | { error: ApiError };
  try {
    loaded = {
      page: await getPlatformTenants({ first: PAGE_SIZE, after }, await pageGraphqlClient()),
    };
  } catch (error) {
    unstable_rethrow(error);
    if (!isApiError(error)) throw error;
    loaded = { error };
  }
  return (
    <>
      <div className="page-intro">
        <h1>Tenants</h1>
        <p className="lead">
          Every organization, oldest first, with its members, credit balance and the billable calls
          it made in the last 30 days.
        </p>
      </div>
      {'error' in loaded ? (
        <AdminRefusal error={loaded.error} action="load the tenants" />
      ) : loaded.page.tenants.length === 0 ? (
        <p className="empty-state">{after ? 'No more organizations.' : 'No organizations yet.'}</p>
      ) : (
        <>
          <p className="muted">{pluralize(loaded.page.totalCount, 'organization')} in all</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Tenants table">
            <table className="data-table">
              <caption className="visually-hidden">Organizations on the platform</caption>
              <thead>
                <tr>
                  <th scope="col">Organization</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Members</th>
                  <th scope="col">Balance</th>
                  <th scope="col">Calls, 30 days</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {loaded.page.tenants.map((tenant) => (
                  <tr key={tenant.id}>
                    <th scope="row">
                      {tenant.name}
                      <div className="data-table__sub">
                        <code>{tenant.slug}</code>
                      </div>
                    </th>
                    <td>
                      {tenant.personal ? 'Personal' : 'Team'}
                      <div className="data-table__sub">{tenant.billingMode.toLowerCase()}</div>
                    </td>
                    <td>{formatInteger(tenant.memberCount)}</td>
                    <td className="nowrap">{formatMicros(tenant.balanceMicros, 'usd')}</td>
                    <td>{formatInteger(tenant.callsLast30Days)}</td>
                    <td className="nowrap">{formatDate(tenant.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            basePath="/admin/tenants"
            after={after}
            pageInfo={{ hasNextPage: loaded.page.hasNextPage, endCursor: loaded.page.endCursor }}
            label="Tenant pages"
          />
        </>
      )}
    </>
  );
}
