import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { Pagination } from '@/components/settings/pagination';
import { isApiError, type ApiError } from '@/lib/api-error';
import { apiKeyStatus } from '@/lib/api-key-status';
import { formatDate, formatDateTime, formatMicros, humanizeEnum } from '@/lib/format';
import type { ApiKey } from '@/lib/identity-schemas';
import { can, Permission } from '@/lib/permissions';
import { getApiKeys, type ApiKeyPage } from '@/lib/queries/get-api-keys';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { CreateApiKeyForm } from './create-api-key-form';
import { RevokeApiKeyForm } from './revoke-api-key-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'API keys' };

const PAGE_SIZE = 20;

export default async function ApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const context = await requireViewer('/settings/api-keys');
  if ('error' in context) {
    return (
      <>
        <h1>API keys</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  const after = firstParam(params, 'after');
  const revokeId = firstParam(params, 'revoke');
  const revoked = firstParam(params, 'revoked');
  const canManage = can(viewer, Permission.KeysManage);

  let loaded: { page: ApiKeyPage | null } | { error: ApiError } | null = null;
  if (can(viewer, Permission.KeysRead)) {
    try {
      loaded = { page: await getApiKeys({ first: PAGE_SIZE, after }, client) };
    } catch (error) {
      if (!isApiError(error)) throw error;
      console.error(`[api-keys] ${error.code}: ${error.message}`);
      loaded = { error };
    }
  }
  const keys = loaded && 'page' in loaded ? (loaded.page?.keys ?? []) : [];
  const toRevoke = revokeId ? keys.find((key) => key.id === revokeId) : undefined;
  const revokedKey = revoked ? keys.find((key) => key.id === revoked) : undefined;

  return (
    <>
      <div className="page-intro">
        <h1>API keys</h1>
        <p className="lead">
          Keys of <strong>{viewer.organization.name}</strong>. Your code sends one as{' '}
          <code>Authorization: Bearer mh_…</code>; calls are charged to this organization.
        </p>
      </div>
      {revoked ? (
        <p className="form-alert form-alert--success" role="status">
          {revokedKey ? `The key “${revokedKey.name}” is revoked.` : 'The key is revoked.'}
        </p>
      ) : null}
      {revokeId && canManage ? (
        <RevokeApiKeyForm
          id={revokeId}
          label={toRevoke ? `“${toRevoke.name}” (${toRevoke.prefix}…)` : 'this key'}
        />
      ) : null}
      {canManage ? (
        <section className="section section--first card">
          <CreateApiKeyForm today={new Date().toISOString().slice(0, 10)} />
        </section>
      ) : (
        <p className="muted">Your role in this organization cannot create or revoke keys.</p>
      )}
      <section className="section" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        {loaded === null ? (
          <p className="muted">Your role in this organization cannot see its keys.</p>
        ) : 'error' in loaded ? (
          <ApiErrorNotice error={loaded.error} action="load the API keys" />
        ) : keys.length === 0 ? (
          <p className="muted">{after ? 'No more keys.' : 'No keys yet.'}</p>
        ) : (
          <>
            <ApiKeyTable keys={keys} canManage={canManage} />
            <Pagination
              basePath="/settings/api-keys"
              after={after}
              pageInfo={loaded.page?.pageInfo}
              label="API key pages"
            />
          </>
        )}
      </section>
    </>
  );
}

function ApiKeyTable({ keys, canManage }: { keys: readonly ApiKey[]; canManage: boolean }) {
  const now = new Date();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="API keys table">
      <table className="data-table">
        <caption className="visually-hidden">API keys of this organization</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Spend limit</th>
            <th scope="col">Status</th>
            {canManage ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const status = apiKeyStatus(key, now);
            return (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.scopes.map(humanizeEnum).join(', ')}</td>
                <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                <td>{key.expiresAt ? formatDate(key.expiresAt) : 'Never'}</td>
                <td>
                  {key.monthlySpendLimitMicros
                    ? `${formatMicros(key.monthlySpendLimitMicros, 'usd')} / month`
                    : 'None'}
                </td>
                <td>
                  {status === 'revoked' && key.revokedAt
                    ? `Revoked ${formatDate(key.revokedAt)}`
                    : status === 'expired'
                      ? 'Expired'
                      : 'Active'}
                </td>
                {canManage ? (
                  <td>
                    {status === 'revoked' ? null : (
                      <Link
                        href={`/settings/api-keys?${new URLSearchParams({ revoke: key.id }).toString()}`}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </Link>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
