import Link from 'next/link';
import { CodeBlock } from '@/components/code-block';

const CREATE_PREDICTION = `mutation {
  createPrediction(
    input: {
      model: "modelhub/mnist-digit-classifier"
      inputs: [{ name: "image", datatype: "FP32", shape: [1, 1, 28, 28], data: [...] }]
      webhook: "https://example.com/hooks/modelhub"
      webhookEvents: [START, COMPLETED]
    }
    wait: 10
  ) {
    id status outputs { name shape data } costMicros error { code message }
  }
}`;

const FOLLOW_UP = `query { prediction(id: "…") { status outputs { name data } webhookDeliveries { attempt statusCode succeeded } } }
mutation { cancelPrediction(id: "…") { status } }`;

const SDK_EXAMPLE = `import { Modelhub, verifyWebhook } from '@modelhub/sdk';

const modelhub = new Modelhub({ baseUrl: API_URL, apiKey: process.env.MODELHUB_API_KEY });
const queued = await modelhub.predictions.create('modelhub/mnist-digit-classifier', inputs, {
  webhook: 'https://example.com/hooks/modelhub',
});
const done = await modelhub.predictions.wait(queued.id);

// in the receiver, on the raw body:
const { id, payload } = verifyWebhook(req.headers, rawBody, process.env.MODELHUB_WEBHOOK_SECRET);`;

/** The /docs section on async predictions and signed webhooks. */
export function AsyncPredictionsDocs({ apiUrl }: { apiUrl: string }) {
  return (
    <section aria-labelledby="async-heading">
      <h2 id="async-heading">Async predictions and webhooks</h2>
      <p>
        <code>createPrediction</code> answers at once with a prediction in <code>QUEUED</code>; a
        worker runs it: <code>QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELED</code>. Pass{' '}
        <code>wait</code> (up to 60 seconds) to get the result in the same request when it is ready
        by then. Inputs, access and credit are checked when it is created; it is charged only when
        it succeeds. <code>cancelPrediction</code> stops a queued or running one, uncharged. Inputs
        and outputs are kept for 24 hours after it finishes (<code>expiresAt</code>), then purged.
      </p>
      <CodeBlock label="GraphQL" code={CREATE_PREDICTION} />
      <CodeBlock label="GraphQL" code={FOLLOW_UP} />
      <p>
        With a <code>webhook</code>, Modelhub POSTs{' '}
        <code>{'{ type: "prediction.started" | "prediction.completed", timestamp, data }'}</code> to
        it, signed by the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme:
        headers <code>webhook-id</code> (the same on every retry of one message),{' '}
        <code>webhook-timestamp</code> and <code>webhook-signature</code> (<code>v1,</code> base64
        HMAC-SHA256 of <code>id.timestamp.body</code> with your organization’s secret, under{' '}
        <Link href="/settings/webhooks">Settings → Webhooks</Link>). Answer 2xx; anything else is
        retried with exponential backoff, and every attempt is listed in{' '}
        <code>webhookDeliveries</code>. Webhook URLs must be public http(s) addresses.
      </p>
      <CodeBlock label="TypeScript SDK" code={SDK_EXAMPLE.replace('API_URL', `'${apiUrl}'`)} />
    </section>
  );
}
