import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { EvaluationResults } from '@/components/model/evaluation-results';
import { ModelCardMarkdown } from '@/components/model/model-card-markdown';
import { ModelUsageChart } from '@/components/model/model-usage-chart';
import { PlaygroundSection } from '@/components/model/playground-section';
import { SnippetTabs } from '@/components/model/snippet-tabs';
import { PriceList } from '@/components/price-list';
import { TagList } from '@/components/tag-list';
import { TensorTable } from '@/components/tensor-table';
import { env } from '@/env';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatBytes, formatTask, humanizeEnum } from '@/lib/format';
import type { ModelDetail, ModelVersion } from '@/lib/model-schemas';
import { playgroundModeOf, type PlaygroundMode } from '@/lib/playground/playground-mode';
import {
  describeExampleInput,
  EXAMPLE_DYNAMIC_SIZE,
  hasDynamicInnerDims,
  pickExampleVersion,
} from '@/lib/predict-snippet';
import { getModelCached, isValidModelRef } from '@/lib/queries/get-model';
import { buildModelSnippets } from '@/lib/snippets/model-snippets';

export const dynamic = 'force-dynamic';

interface ModelPageProps {
  params: Promise<{ org: string; slug: string }>;
}

async function readRef(params: ModelPageProps['params']): Promise<string | null> {
  const { org, slug } = await params;
  return isValidModelRef(org, slug) ? `${org}/${slug}` : null;
}

async function loadModel(
  ref: string,
): Promise<{ model: ModelDetail | null } | { error: ApiError }> {
  try {
    return { model: await getModelCached(ref) };
  } catch (error) {
    if (isApiError(error)) {
      console.error(`[model ${ref}] ${error.code}: ${error.message}`);
      return { error };
    }
    throw error;
  }
}

export async function generateMetadata({ params }: ModelPageProps): Promise<Metadata> {
  const ref = await readRef(params);
  if (!ref) return { title: 'Not found' };
  try {
    const model = await getModelCached(ref);
    if (!model) return { title: 'Not found' };
    return { title: model.name, description: model.summary || undefined };
  } catch {
    // the page itself shows (and logs) the API error
    return { title: ref };
  }
}

export default async function ModelPage({ params }: ModelPageProps) {
  const ref = await readRef(params);
  if (!ref) notFound();
  const result = await loadModel(ref);

  if ('error' in result) {
    return (
      <>
        <Breadcrumb current={ref} />
        <h1>{ref}</h1>
        <ApiErrorNotice error={result.error} action={`load ${ref}`} />
      </>
    );
  }
  const { model } = result;
  if (!model) notFound();

  const versions = model.versions.edges.map((edge) => edge.node);
  const exampleVersion = pickExampleVersion(versions);
  const mode = playgroundModeOf(exampleVersion);
  return (
    <article className="model-page" aria-labelledby="model-title">
      <Breadcrumb current={model.fullName} />
      <header className="model-page__header">
        <h1 id="model-title">{model.name}</h1>
        <p className="model-card__ref">
          <code>{model.fullName}</code> <span className="muted">by {model.publisher.name}</span>
        </p>
        <p className="badges">
          <span className="badge">{formatTask(model.task)}</span>
          <span className="badge badge--muted">License: {model.license}</span>
        </p>
        {model.summary ? <p className="lead">{model.summary}</p> : null}
        <TagList tags={model.tags} />
      </header>

      <section aria-labelledby="try-heading" className="section">
        <h2 id="try-heading">Try it</h2>
        <PlaygroundSection modelRef={model.fullName} mode={mode} />
      </section>

      <section aria-labelledby="call-heading" className="section">
        <h2 id="call-heading">Call it</h2>
        <CallExamples modelRef={model.fullName} version={exampleVersion} mode={mode} />
      </section>

      <section aria-labelledby="card-heading" className="section">
        <h2 id="card-heading">Model card</h2>
        <ModelCardMarkdown markdown={model.description} />
      </section>

      <section aria-labelledby="usage-heading" className="section">
        <h2 id="usage-heading">Usage</h2>
        <ModelUsageChart dailyCalls={model.dailyCalls} />
      </section>

      <section aria-labelledby="versions-heading" className="section">
        <h2 id="versions-heading">Versions</h2>
        {versions.length === 0 ? (
          <p className="muted">No versions published yet.</p>
        ) : (
          <ol className="version-list">
            {versions.map((version) => (
              <li key={version.version}>
                <VersionDetails version={version} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <Link href="/models">Catalog</Link>
        </li>
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

function CallExamples({
  modelRef,
  version,
  mode,
}: {
  modelRef: string;
  version: ModelVersion | undefined;
  mode: PlaygroundMode;
}) {
  if (!version) {
    return <p className="muted">This model has no published version to call yet.</p>;
  }
  const tabs = buildModelSnippets({
    apiUrl: env.API_PUBLIC_URL,
    modelRef,
    inputs: version.inputs,
    mode,
  });
  const takesTensors = mode.kind === 'unsupported';
  return (
    <>
      <p>
        Call it with an API key of your organization (create one under{' '}
        <Link href="/settings/api-keys">Settings → API keys</Link>). The examples are written for
        version {version.version}.
      </p>
      {takesTensors && version.inputs.length > 0 ? (
        <ul className="hint-list">
          {version.inputs.map((input) => (
            <li key={input.name}>
              <code>{describeExampleInput(input)}</code>
              {hasDynamicInnerDims(input.shape) ? (
                <span className="muted">
                  {' '}
                  (dimensions shown as ? take any size the model accepts; {EXAMPLE_DYNAMIC_SIZE} is
                  an example)
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <SnippetTabs tabs={tabs} label="Examples" />
      <p className="muted">
        The answer holds the {takesTensors ? 'output tensors' : 'result'} and{' '}
        <code>costMicros</code>, what the call cost in micro-units of the currency (1,000,000 = 1
        USD).
      </p>
    </>
  );
}

function VersionDetails({ version }: { version: ModelVersion }) {
  const headingId = `version-${version.version.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <section className="card version" aria-labelledby={headingId}>
      <h3 id={headingId} className="version__title">
        {version.version}{' '}
        <span className={version.status === 'PUBLISHED' ? 'badge' : 'badge badge--muted'}>
          {humanizeEnum(version.status)}
        </span>
      </h3>
      <dl className="facts">
        <dt>Size</dt>
        <dd>{formatBytes(version.sizeBytes)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code className="break-all">{version.sha256}</code>
        </dd>
      </dl>
      <div className="version__signature">
        <div>
          <h4>Inputs</h4>
          <TensorTable tensors={version.inputs} caption={`Inputs of version ${version.version}`} />
        </div>
        <div>
          <h4>Outputs</h4>
          <TensorTable
            tensors={version.outputs}
            caption={`Outputs of version ${version.version}`}
          />
        </div>
      </div>
      <h4>Pricing</h4>
      <PriceList prices={version.prices} />
      <h4>Evaluation</h4>
      <EvaluationResults
        results={version.evaluationResults}
        caption={`Evaluation results of version ${version.version}`}
      />
    </section>
  );
}
