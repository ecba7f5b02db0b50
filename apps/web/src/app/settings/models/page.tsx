import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatDate, formatTask, pluralize } from '@/lib/format';
import { can, Permission } from '@/lib/permissions';
import type { PublisherModelSummary } from '@/lib/publishing/publishing-schemas';
import { versionSummary } from '@/lib/publishing/version-summary';
import { getPublisherModels } from '@/lib/queries/get-publisher-models';
import './publishing.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Models' };

export default async function PublisherModelsPage() {
  const context = await requireViewer('/settings/models');
  if ('error' in context) {
    return (
      <>
        <h1>Models</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  const organization = viewer.organization;
  if (!can(viewer, Permission.ModelsPublish)) {
    return (
      <>
        <h1>Models</h1>
        <p className="notice notice--info">
          Your role in <strong>{organization.name}</strong> cannot publish models. Owners, admins
          and developers can.
        </p>
      </>
    );
  }

  let loaded: { models: PublisherModelSummary[]; totalCount: number } | { error: ApiError };
  try {
    loaded = await getPublisherModels(organization.slug, client);
  } catch (error) {
    if (!isApiError(error)) throw error;
    console.error(`[models] ${error.code}: ${error.message}`);
    loaded = { error };
  }

  return (
    <>
      <div className="page-intro">
        <h1>Models</h1>
        <p className="lead">
          Models published by <strong>{organization.name}</strong>, drafts included. Create a model,
          upload its ONNX file as a draft version, set a price and publish it.
        </p>
      </div>
      <p className="button-row">
        <Link href="/settings/models/new" className="button">
          New model
        </Link>
        <Link href="/settings/billing#earnings-heading" className="button button--secondary">
          Publisher earnings
        </Link>
      </p>
      <section className="section" aria-labelledby="models-heading">
        <h2 id="models-heading">Your models</h2>
        {'error' in loaded ? (
          <ApiErrorNotice error={loaded.error} action="load your models" />
        ) : loaded.models.length === 0 ? (
          <div className="empty-state">
            <p>No models yet.</p>
            <p className="muted">
              <Link href="/settings/models/new">Create your first model</Link>, then upload its
              .onnx file.
            </p>
          </div>
        ) : (
          <>
            <p className="muted">{pluralize(loaded.totalCount, 'model')}</p>
            <PublisherModelTable models={loaded.models} />
          </>
        )}
      </section>
    </>
  );
}

function PublisherModelTable({ models }: { models: readonly PublisherModelSummary[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Models table">
      <table className="data-table">
        <caption className="visually-hidden">Models of this organization</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Task</th>
            <th scope="col">Visibility</th>
            <th scope="col">Versions</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id}>
              <th scope="row">
                <Link href={`/settings/models/${encodeURIComponent(model.slug)}`}>
                  {model.name}
                </Link>
                <div className="data-table__sub">
                  <code>{model.fullName}</code>
                </div>
              </th>
              <td>{formatTask(model.task)}</td>
              <td>
                <span className={model.visibility === 'PUBLIC' ? 'badge' : 'badge badge--muted'}>
                  {model.visibility === 'PUBLIC' ? 'Public' : 'Private'}
                </span>
              </td>
              <td>{versionSummary(model.versions)}</td>
              <td className="nowrap">{formatDate(model.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
