import type { Metadata } from 'next';
import Link from 'next/link';
import { CodeBlock } from '@/components/code-block';
import { AsyncPredictionsDocs } from '@/components/docs/async-predictions-docs';
import { env } from '@/env';
import { DEFAULT_LIMITS, ERROR_CODES, QUERY_LIMITS } from '@/lib/docs/api-reference';
import { formatBytes, formatInteger } from '@/lib/format';
import type { TensorSpec } from '@/lib/model-schemas';
import { buildPredictCurl, buildPredictMutation } from '@/lib/predict-snippet';

// Per request, so the snippets show the API_PUBLIC_URL of the running portal, not of the build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'API docs' };

/** The demo model every fresh Modelhub publishes; any catalog model works the same way. */
const EXAMPLE_MODEL = 'modelhub/mnist-digit-classifier';
const EXAMPLE_INPUTS: TensorSpec[] = [{ name: 'image', datatype: 'FP32', shape: [-1, 1, 28, 28] }];

export default function DocsPage() {
  const apiUrl = env.API_PUBLIC_URL.replace(/\/+$/, '');
  return (
    <>
      <div className="page-intro">
        <h1>API docs</h1>
        <p className="lead">
          Everything on Modelhub is one GraphQL API at <code>{apiUrl}/graphql</code>. Find a model
          in the <Link href="/models">catalog</Link>, create an API key, send its inputs with{' '}
          <code>predict</code>.
        </p>
      </div>

      <section aria-labelledby="auth-heading">
        <h2 id="auth-heading">Authenticate</h2>
        <ol>
          <li>
            Create an API key under <Link href="/settings/api-keys">Settings → API keys</Link>. Give
            it the <code>PREDICT</code> scope to call models (<code>READ</code> for private models
            and usage, <code>BILLING</code> for billing). The secret is shown once.
          </li>
          <li>
            Send it on every request as <code>Authorization: Bearer mh_…</code>. The key acts for
            the organization it belongs to; calls are charged to that organization.
          </li>
          <li>Keep keys on servers. A leaked key can be revoked on the same page at once.</li>
        </ol>
      </section>

      <section aria-labelledby="predict-heading">
        <h2 id="predict-heading">Call a model</h2>
        <p>
          <code>predict</code> takes the model reference (<code>publisher/model</code>, or{' '}
          <code>publisher/model@version</code>) and the input tensors; <code>data</code> is the
          flattened values. Each model’s page shows the example for its own inputs.
        </p>
        <CodeBlock label="GraphQL" code={buildPredictMutation(EXAMPLE_MODEL, EXAMPLE_INPUTS)} />
        <CodeBlock label="curl" code={buildPredictCurl(apiUrl, EXAMPLE_MODEL, EXAMPLE_INPUTS)} />
        <p>
          For image-sized tensors send <code>dataBase64</code> instead of <code>data</code>: the
          tensor’s bytes, little-endian and row-major (for FP32 a <code>Float32Array</code>’s
          buffer), base64-encoded. Select <code>dataBase64</code> on the outputs for the same form
          back. Lists of numbers are parsed one value at a time, so base64 is several times faster
          for large tensors. The TypeScript SDK sends and reads tensors this way.
        </p>
        <CodeBlock
          label="TypeScript"
          code={`const bytes = new Float32Array(pixels).buffer; // 1 x 1 x 28 x 28 values
const dataBase64 = Buffer.from(bytes).toString('base64');
// inputs: [{ name: 'image', datatype: 'FP32', shape: [1, 1, 28, 28], dataBase64 }]`}
        />
      </section>

      <AsyncPredictionsDocs apiUrl={apiUrl} />

      <section aria-labelledby="errors-heading">
        <h2 id="errors-heading">Errors</h2>
        <p>
          Every GraphQL error carries <code>extensions.code</code>; the plain HTTP routes answer
          with the same code in a JSON body and the status below.
        </p>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Error codes">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">HTTP</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {ERROR_CODES.map((error) => (
                <tr key={error.code}>
                  <th scope="row">
                    <code>{error.code}</code>
                  </th>
                  <td>{error.httpStatus}</td>
                  <td>{error.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="limits-heading">
        <h2 id="limits-heading">Limits</h2>
        <ul>
          <li>
            GraphQL documents: depth at most {QUERY_LIMITS.maxDepth}, cost at most{' '}
            {formatInteger(QUERY_LIMITS.maxCost)}, at most {QUERY_LIMITS.maxAliases} aliases,{' '}
            {QUERY_LIMITS.maxDirectives} directives and {formatInteger(QUERY_LIMITS.maxTokens)}{' '}
            tokens; above that: <code>QUERY_TOO_COMPLEX</code>.
          </li>
          <li>
            Rate limit: the key’s own requests per minute, else{' '}
            {formatInteger(DEFAULT_LIMITS.rateLimitPerMinute)} per minute by default;{' '}
            <code>RateLimit-*</code> headers tell what is left, <code>429 RATE_LIMITED</code> with{' '}
            <code>Retry-After</code> when it is used up.
          </li>
          <li>Request body: at most {formatBytes(DEFAULT_LIMITS.maxBodyBytes)} by default.</li>
          <li>Model upload: at most {formatBytes(DEFAULT_LIMITS.maxUploadBytes)} by default.</li>
          <li>
            One prediction: {DEFAULT_LIMITS.runnerTimeoutMs / 1000} s at most, then{' '}
            <code>GATEWAY_TIMEOUT</code>.
          </li>
        </ul>
      </section>

      <section aria-labelledby="schema-heading">
        <h2 id="schema-heading">Schema</h2>
        <p>
          The full schema, with a description of every field:{' '}
          <a href={`${apiUrl}/graphql`}>{apiUrl}/graphql</a> (introspection, or open it in a
          browser), and <code>apps/api/schema.graphql</code> in the repository.
        </p>
        <p>
          Try queries in the browser with <Link href="/graphiql">GraphiQL</Link>: it runs them with
          your portal session (signed out, as an anonymous caller), with completion and the schema's
          documentation at hand.
        </p>
      </section>
    </>
  );
}
