import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { CopyButton } from '@/components/copy-button';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatDateTime, formatMicros, humanizeEnum } from '@/lib/format';
import { can, Permission } from '@/lib/permissions';
import {
  getAsyncPredictions,
  getWebhookSecret,
  type AsyncPrediction,
  type WebhookDeliveryAttempt,
} from '@/lib/queries/get-webhooks';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { RotateSecretForm } from './rotate-secret-form';
import './webhooks.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Webhooks' };

const RECENT = 20;

async function load<T>(
  what: string,
  read: () => Promise<T>,
): Promise<{ value: T } | { error: ApiError }> {
  try {
    return { value: await read() };
  } catch (error) {
    if (!isApiError(error)) throw error;
    console.error(`[webhooks] ${what}: ${error.code}: ${error.message}`);
    return { error };
  }
}

export default async function WebhooksPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const context = await requireViewer('/settings/webhooks');
  if ('error' in context) {
    return (
      <>
        <h1>Webhooks</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  const canManage = can(viewer, Permission.KeysManage);
  const [secret, predictions] = await Promise.all([
    canManage ? load('secret', () => getWebhookSecret(client)) : null,
    can(viewer, Permission.PredictionsRun)
      ? load('predictions', () => getAsyncPredictions(RECENT, client))
      : null,
  ]);

  return (
    <>
      <div className="page-intro">
        <h1>Webhooks</h1>
        <p className="lead">
          An async prediction (<code>createPrediction</code> with a <code>webhook</code> URL) is
          POSTed to that URL when it starts or completes, signed by the{' '}
          <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme. Failed
          deliveries are retried with exponential backoff; every attempt is listed below.
        </p>
      </div>
      {firstParam(params, 'rotated') ? (
        <p className="form-alert form-alert--success" role="status">
          The signing secret is new. Update your receivers.
        </p>
      ) : null}
      {firstParam(params, 'rotate') && canManage ? <RotateSecretForm /> : null}

      <section className="section section--first card" aria-labelledby="secret-heading">
        <h2 id="secret-heading">Signing secret</h2>
        {!secret ? (
          <p>Only owners, admins and developers (who manage API keys) can see the secret.</p>
        ) : 'error' in secret ? (
          <ApiErrorNotice error={secret.error} action="load the signing secret" />
        ) : (
          <>
            <p>
              Check each delivery’s <code>webhook-signature</code> with this secret, e.g. with{' '}
              <code>verifyWebhook(headers, rawBody, secret)</code> from <code>@modelhub/sdk</code>.
            </p>
            <details>
              <summary>Show the secret</summary>
              <pre>
                <code data-testid="webhook-secret">{secret.value}</code>
              </pre>
              <CopyButton text={secret.value} label="Copy secret" />
            </details>
            <p>
              <Link href="/settings/webhooks?rotate=1">Rotate the secret…</Link>
            </p>
          </>
        )}
      </section>

      <section className="section" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent async predictions</h2>
        {!predictions ? (
          <p>Your role does not run predictions in this organization.</p>
        ) : 'error' in predictions ? (
          <ApiErrorNotice error={predictions.error} action="load the predictions" />
        ) : predictions.value.length === 0 ? (
          <p>
            No async predictions yet. See the API docs for{' '}
            <Link href="/docs#async-heading">createPrediction</Link>.
          </p>
        ) : (
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label="Recent async predictions"
          >
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Model</th>
                  <th scope="col">Status</th>
                  <th scope="col">Cost</th>
                  <th scope="col">Webhook deliveries</th>
                </tr>
              </thead>
              <tbody>
                {predictions.value.map((prediction) => (
                  <PredictionRow key={prediction.id} prediction={prediction} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function PredictionRow({ prediction }: { prediction: AsyncPrediction }) {
  return (
    <tr>
      <td>{formatDateTime(prediction.createdAt)}</td>
      <td>
        <code>{prediction.model ?? '(no longer available)'}</code>
      </td>
      <td>
        {humanizeEnum(prediction.status)}
        {prediction.error ? (
          <>
            {' '}
            (<code>{prediction.error.code}</code>)
          </>
        ) : null}
      </td>
      <td>
        {prediction.costMicros && prediction.currency
          ? formatMicros(prediction.costMicros, prediction.currency)
          : '—'}
      </td>
      <td>
        {prediction.webhook ? (
          <ul className="delivery-list">
            {prediction.webhookDeliveries.map((delivery) => (
              <li key={`${delivery.event}-${delivery.attempt}`}>{describeDelivery(delivery)}</li>
            ))}
            {prediction.webhookDeliveries.length === 0 ? <li>not delivered yet</li> : null}
          </ul>
        ) : (
          'no webhook'
        )}
      </td>
    </tr>
  );
}

function describeDelivery(delivery: WebhookDeliveryAttempt): string {
  const answer = delivery.statusCode
    ? `HTTP ${delivery.statusCode}`
    : (delivery.error ?? 'no answer');
  return `${humanizeEnum(delivery.event)} #${delivery.attempt}: ${delivery.succeeded ? 'delivered' : 'failed'} (${answer})`;
}
