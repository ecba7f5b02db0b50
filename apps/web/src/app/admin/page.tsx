import type { Metadata } from 'next';
import { unstable_rethrow } from 'next/navigation';
import { Fragment } from 'react';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatBytes, formatDateTime, pluralize } from '@/lib/format';
import type { PlatformRunner, PlatformRunnerModel } from '@/lib/platform-admin-schemas';
import { pageGraphqlClient } from '@/lib/portal-api';
import { getPlatformRunners } from '@/lib/queries/get-platform-admin';
import { AdminRefusal } from './admin-refusal';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Runners · Platform admin' };

export default async function AdminRunnersPage() {
  let loaded: { runners: PlatformRunner[] } | { error: ApiError };
  try {
    loaded = { runners: await getPlatformRunners(await pageGraphqlClient()) };
  } catch (error) {
    unstable_rethrow(error);
    if (!isApiError(error)) throw error;
    loaded = { error };
  }
  return (
    <>
      <div className="page-intro">
        <h1>Runners</h1>
        <p className="lead">
          Every registered runner, the model versions it holds, and its live queue depths and
          memory, asked of each runner as this page loads.
        </p>
      </div>
      {'error' in loaded ? (
        <AdminRefusal error={loaded.error} action="load the runners" />
      ) : loaded.runners.length === 0 ? (
        <p className="empty-state">No runner has registered. Start one with `npm start`.</p>
      ) : (
        <>
          <p className="muted">{pluralize(loaded.runners.length, 'runner')}</p>
          <ul className="admin-runners">
            {loaded.runners.map((runner) => (
              <li key={runner.id}>
                <RunnerCard runner={runner} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Capabilities are free-form JSON; flat values are shown, nested ones as JSON. */
function capabilityEntries(capabilities: unknown): [string, string][] {
  if (!capabilities || typeof capabilities !== 'object') return [];
  return Object.entries(capabilities as Record<string, unknown>).map(([key, value]) => [
    key,
    capabilityText(key, value),
  ]);
}

function capabilityText(key: string, value: unknown): string {
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  }
  if (typeof value === 'number' && /bytes$/i.test(key)) {
    return value === 0 ? 'no limit' : formatBytes(value);
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function RunnerCard({ runner }: { runner: PlatformRunner }) {
  const headingId = `runner-${runner.id}`;
  return (
    <article className="card admin-runner" aria-labelledby={headingId} data-testid="runner">
      <h2 id={headingId} className="admin-runner__title">
        {runner.name}{' '}
        <span className={runner.status === 'READY' ? 'badge' : 'badge badge--muted'}>
          {runner.status}
        </span>{' '}
        {runner.reachable ? null : (
          <span className="badge admin-badge--warning">
            unreachable{runner.unreachableReason ? `: ${runner.unreachableReason}` : ''}
          </span>
        )}
      </h2>
      <dl className="facts facts--plain">
        <dt>URL</dt>
        <dd>
          <code className="break-all">{runner.url}</code>
        </dd>
        <dt>Last heartbeat</dt>
        <dd>{formatDateTime(runner.lastHeartbeatAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(runner.startedAt)}</dd>
        <dt>Process memory</dt>
        <dd>{runner.rssBytes === null ? 'unreachable' : formatBytes(runner.rssBytes)}</dd>
        <dt>Models memory</dt>
        <dd>
          {runner.loadedModelsMemoryBytes === null
            ? 'unreachable'
            : `${formatBytes(runner.loadedModelsMemoryBytes)} of ${
                runner.memoryBudgetBytes === null || runner.memoryBudgetBytes === '0'
                  ? 'no limit'
                  : formatBytes(runner.memoryBudgetBytes)
              }`}
        </dd>
        {capabilityEntries(runner.capabilities).map(([key, value]) => (
          <Fragment key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <h3>Loaded models</h3>
      {runner.models.length === 0 ? (
        <p className="muted">No model loaded.</p>
      ) : (
        <RunnerModelTable runner={runner} />
      )}
    </article>
  );
}

function liveFigure(runner: PlatformRunner, value: string | null): string {
  if (value !== null) return value;
  return runner.reachable ? 'not held' : 'unreachable';
}

function RunnerModelTable({ runner }: { runner: PlatformRunner }) {
  return (
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label={`Models loaded on ${runner.name}`}
    >
      <table className="data-table">
        <caption className="visually-hidden">Models loaded on {runner.name}</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">State</th>
            <th scope="col">Queue</th>
            <th scope="col">Instances (busy)</th>
            <th scope="col">Memory</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {runner.models.map((model) => (
            <RunnerModelRow key={model.modelVersionId} runner={runner} model={model} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunnerModelRow({ runner, model }: { runner: PlatformRunner; model: PlatformRunnerModel }) {
  return (
    <tr>
      <th scope="row">
        {model.model ? (
          <code>
            {model.model}@{model.version}
          </code>
        ) : (
          <span className="muted">private version {model.modelVersionId}</span>
        )}
        {model.error ? <div className="data-table__sub">{model.error}</div> : null}
      </th>
      <td className="nowrap">{model.state}</td>
      <td>{liveFigure(runner, model.queueDepth === null ? null : String(model.queueDepth))}</td>
      <td>
        {liveFigure(
          runner,
          model.instances === null ? null : `${model.instances} (${model.busyInstances ?? 0})`,
        )}
      </td>
      <td>
        {liveFigure(runner, model.memoryBytes === null ? null : formatBytes(model.memoryBytes))}
      </td>
      <td className="nowrap">{model.updatedAt ? formatDateTime(model.updatedAt) : '—'}</td>
    </tr>
  );
}
