import Link from 'next/link';
import { PriceList } from '@/components/price-list';
import { TagList } from '@/components/tag-list';
import { formatInteger, formatSignature, formatTask, humanizeEnum } from '@/lib/format';
import type { CatalogModel } from '@/lib/model-schemas';

export function modelHref(publisherSlug: string, modelSlug: string): string {
  return `/models/${encodeURIComponent(publisherSlug)}/${encodeURIComponent(modelSlug)}`;
}

/** One model in the catalog. */
export function ModelCard({ model }: { model: CatalogModel }) {
  const headingId = `model-${model.fullName.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const version = model.latestVersion;
  return (
    <article className="card model-card" aria-labelledby={headingId}>
      <div className="model-card__head">
        <h2 id={headingId} className="model-card__title">
          <Link href={modelHref(model.publisher.slug, model.slug)}>{model.name}</Link>
        </h2>
        <span className="badge">{formatTask(model.task)}</span>
      </div>
      <p className="model-card__ref">
        <code>{model.fullName}</code> <span className="muted">by {model.publisher.name}</span>
      </p>
      {model.summary ? <p className="model-card__summary">{model.summary}</p> : null}
      <TagList tags={model.tags} label={`Tags of ${model.name}`} />
      {version ? (
        <dl className="facts">
          <dt>Version</dt>
          <dd>
            {version.version}
            {version.status !== 'PUBLISHED' ? (
              <span className="badge badge--muted">{humanizeEnum(version.status)}</span>
            ) : null}
          </dd>
          <dt>Input</dt>
          <dd>
            <code>{formatSignature(version.inputs)}</code>
          </dd>
          <dt>Output</dt>
          <dd>
            <code>{formatSignature(version.outputs)}</code>
          </dd>
          <dt>Price</dt>
          <dd>
            <PriceList prices={version.prices} />
          </dd>
          <dt>Calls (30 days)</dt>
          <dd>{formatInteger(model.callsLast30Days)}</dd>
          <dt>License</dt>
          <dd>{model.license}</dd>
        </dl>
      ) : (
        <p className="muted">No published version yet.</p>
      )}
    </article>
  );
}
