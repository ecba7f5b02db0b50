import type { Metadata } from 'next';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { Pagination } from '@/components/settings/pagination';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import type { AuditLogEntry } from '@/lib/identity-schemas';
import { can, Permission } from '@/lib/permissions';
import { getAuditLog, type AuditLogPage } from '@/lib/queries/get-audit-log';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

/** `{"role":"ADMIN"}` as `role: ADMIN`; nothing for an empty object. */
function formatMetadata(metadata: unknown): string {
  if (metadata === null || metadata === undefined) return '';
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return JSON.stringify(metadata);
  return Object.entries(metadata)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const after = firstParam(await searchParams, 'after');
  const context = await requireViewer('/settings/audit-log');
  if ('error' in context) {
    return (
      <>
        <h1>Audit log</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  if (!can(viewer, Permission.AuditRead)) {
    return (
      <>
        <h1>Audit log</h1>
        <p className="muted">
          Only owners and admins of {viewer.organization.name} can read its audit log.
        </p>
      </>
    );
  }

  let loaded: { page: AuditLogPage | null } | { error: ApiError };
  try {
    loaded = { page: await getAuditLog({ first: PAGE_SIZE, after }, client) };
  } catch (error) {
    if (!isApiError(error)) throw error;
    console.error(`[audit-log] ${error.code}: ${error.message}`);
    loaded = { error };
  }

  return (
    <>
      <div className="page-intro">
        <h1>Audit log</h1>
        <p className="lead">
          Security-relevant actions in <strong>{viewer.organization.name}</strong>, newest first.
        </p>
      </div>
      {'error' in loaded ? (
        <ApiErrorNotice error={loaded.error} action="load the audit log" />
      ) : !loaded.page || loaded.page.entries.length === 0 ? (
        <p className="muted">{after ? 'No older entries.' : 'Nothing recorded yet.'}</p>
      ) : (
        <>
          <AuditTable entries={loaded.page.entries} />
          <Pagination
            basePath="/settings/audit-log"
            after={after}
            pageInfo={loaded.page.pageInfo}
            label="Audit log pages"
          />
        </>
      )}
    </>
  );
}

function AuditTable({ entries }: { entries: readonly AuditLogEntry[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit log table">
      <table className="data-table">
        <caption className="visually-hidden">Audit log entries</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">{formatDateTime(entry.createdAt)}</td>
              <th scope="row">
                <code>{entry.action}</code>
              </th>
              <td>
                {entry.actor ?? <span className="muted">system</span>}
                {entry.ip ? <span className="muted data-table__sub">{entry.ip}</span> : null}
              </td>
              <td>
                {entry.targetType ? (
                  <>
                    {entry.targetType}
                    {entry.targetId ? (
                      <code className="data-table__sub">{entry.targetId}</code>
                    ) : null}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="data-table__details">{formatMetadata(entry.metadata)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
