import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { PriceList } from '@/components/price-list';
import { TensorTable } from '@/components/tensor-table';
import { isApiError, type ApiError } from '@/lib/api-error';
import {
  formatBytes,
  formatDateTime,
  formatInteger,
  formatTask,
  MICROS_PER_UNIT,
} from '@/lib/format';
import { can, Permission } from '@/lib/permissions';
import type { PublisherModel, PublisherVersion } from '@/lib/publishing/publishing-schemas';
import { suggestNextVersion } from '@/lib/publishing/version-summary';
import { getPublisherModel } from '@/lib/queries/get-publisher-models';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { isValidSlug } from '@/lib/slug';
import { DraftPriceForm } from './draft-price-form';
import { ModelDetailsForm } from './model-details-form';
import { PublishDraftForm } from './publish-draft-form';
import { VersionUploadForm } from './version-upload-form';
import '../publishing.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Manage model' };

/** `2500` micro-units -> `0.0025`: the amount as the price form takes it back. */
function microsToAmount(micros: string): string {
  const value = BigInt(micros);
  const whole = value / MICROS_PER_UNIT;
  const fraction = (value % MICROS_PER_UNIT).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

export default async function ManageModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ model: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { model: slug } = await params;
  const query = await searchParams;
  const context = await requireViewer(`/settings/models/${encodeURIComponent(slug)}`);
  if ('error' in context) {
    return (
      <>
        <h1>Model</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  const organization = viewer.organization;
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <Link href="/settings/models">Models</Link>
        </li>
        <li aria-current="page">{slug}</li>
      </ol>
    </nav>
  );
  if (!can(viewer, Permission.ModelsPublish)) {
    return (
      <>
        {breadcrumb}
        <h1>Model</h1>
        <p className="notice notice--info">Your role in this organization cannot publish models.</p>
      </>
    );
  }

  let loaded: { model: PublisherModel | null } | { error: ApiError } = { model: null };
  if (isValidSlug(slug)) {
    try {
      loaded = { model: await getPublisherModel(`${organization.slug}/${slug}`, client) };
    } catch (error) {
      if (!isApiError(error)) throw error;
      console.error(`[model] ${error.code}: ${error.message}`);
      loaded = { error };
    }
  }
  if ('error' in loaded) {
    return (
      <>
        {breadcrumb}
        <h1>Model</h1>
        <ApiErrorNotice error={loaded.error} action="load the model" />
      </>
    );
  }
  const model = loaded.model;
  if (!model) {
    return (
      <>
        {breadcrumb}
        <h1>Model not found</h1>
        <p className="notice notice--info">
          <strong>{organization.name}</strong> has no model <code>{slug}</code>.{' '}
          <Link href="/settings/models">Back to your models</Link>.
        </p>
      </>
    );
  }

  const created = firstParam(query, 'created');
  const published = firstParam(query, 'published');
  const hasPublished = model.versions.some((v) => v.status === 'PUBLISHED');
  const [publisher, modelSlug] = model.fullName.split('/');

  return (
    <>
      {breadcrumb}
      <div className="page-intro">
        <h1>{model.name}</h1>
        <p className="lead">
          <code>{model.fullName}</code> · {formatTask(model.task)} ·{' '}
          {model.visibility === 'PUBLIC' ? 'Public' : 'Private'}
        </p>
      </div>
      {created ? (
        <p className="form-alert form-alert--success" role="status">
          The model is created. Upload its first version below.
        </p>
      ) : null}
      {published ? (
        <p className="form-alert form-alert--success" role="status">
          Version {published} is published.{' '}
          {model.visibility === 'PUBLIC'
            ? 'It is in the catalog now.'
            : 'It is private: only your organization sees it.'}{' '}
          <Link href={`/models/${publisher}/${modelSlug}`}>Open its page</Link>
        </p>
      ) : null}
      <p className="button-row">
        {hasPublished ? (
          <Link href={`/models/${publisher}/${modelSlug}`} className="button button--secondary">
            Public page
          </Link>
        ) : null}
        <Link href="/settings/billing#earnings-heading" className="button button--secondary">
          Publisher earnings
        </Link>
      </p>

      <section className="section card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {model.versions.length === 0 ? (
          <p className="muted">No versions yet: upload the first one below.</p>
        ) : (
          <ul className="publish-versions">
            {model.versions.map((version) => (
              <li key={version.id}>
                <PublisherVersionItem version={version} modelSlug={model.slug} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section card">
        <VersionUploadForm
          organization={organization.slug}
          model={model.slug}
          suggestedVersion={suggestNextVersion(model.versions)}
        />
      </section>

      <section className="section card">
        <ModelDetailsForm
          modelId={model.id}
          modelSlug={model.slug}
          initial={{
            name: model.name,
            task: model.task,
            summary: model.summary,
            description: model.description,
            tags: model.tags.join(', '),
            license: model.license,
            visibility: model.visibility,
          }}
        />
      </section>
    </>
  );
}

const STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Draft',
  PUBLISHED: 'Published',
  DEPRECATED: 'Deprecated',
  YANKED: 'Yanked',
};

function PublisherVersionItem({
  version,
  modelSlug,
}: {
  version: PublisherVersion;
  modelSlug: string;
}) {
  const isDraft = version.status === 'DRAFT';
  const price = version.prices[0];
  return (
    <article className="publish-version" aria-labelledby={`version-${version.id}`}>
      <h3 id={`version-${version.id}`} className="publish-version__title">
        {version.version}{' '}
        <span className={isDraft ? 'badge badge--muted' : 'badge'}>
          {STATUS_LABELS[version.status] ?? version.status}
        </span>
      </h3>
      <dl className="facts facts--plain">
        <dt>Size</dt>
        <dd>{formatBytes(version.sizeBytes)}</dd>
        <dt>Opset</dt>
        <dd>{version.opset ?? 'not declared'}</dd>
        <dt>Parameters</dt>
        <dd>
          {version.parameterCount === null ? 'unknown' : formatInteger(version.parameterCount)}
        </dd>
        {version.publishedAt ? (
          <>
            <dt>Published</dt>
            <dd>{formatDateTime(version.publishedAt)}</dd>
          </>
        ) : null}
        <dt>Price</dt>
        <dd>{version.prices.length > 0 ? <PriceList prices={version.prices} /> : 'not set'}</dd>
      </dl>
      <details className="publish-version__signature">
        <summary>Signature</summary>
        <h4>Inputs</h4>
        <TensorTable tensors={version.inputs} caption={`Inputs of ${version.version}`} />
        <h4>Outputs</h4>
        <TensorTable tensors={version.outputs} caption={`Outputs of ${version.version}`} />
      </details>
      {isDraft ? (
        <div className="publish-version__actions">
          <DraftPriceForm
            versionId={version.id}
            version={version.version}
            modelSlug={modelSlug}
            initial={{
              unit: price?.unit ?? 'PER_CALL',
              amount: price ? microsToAmount(price.amountMicros) : '',
              freeAllowance: price ? String(price.freeAllowance) : '0',
            }}
          />
          <PublishDraftForm
            versionId={version.id}
            version={version.version}
            modelSlug={modelSlug}
            hasPrice={version.prices.length > 0}
          />
        </div>
      ) : null}
    </article>
  );
}
