// The client API users construct: credentials, where the api is, and how to retry; the catalog,
// predictions (sync and async), API keys, usage and the viewer hang off it.
import { ConfigurationError } from './errors.ts';
import { GraphQLTransport } from './graphql-transport.ts';
import { predict, type Prediction, type PredictOptions } from './predict.ts';
import { ApiKeysResource } from './resources/api-keys.ts';
import { ModelsResource } from './resources/models.ts';
import { PredictionsResource } from './resources/predictions.ts';
import { UsageResource } from './resources/usage.ts';
import { WebhookSecretsResource } from './resources/webhook-secrets.ts';
import { retryPolicy, type BackoffOptions } from './retry-policy.ts';
import type { TensorInput } from './tensor-checks.ts';
import { viewer, type Viewer } from './viewer.ts';

export interface ModelhubOptions {
  /** where the api runs, e.g. http://127.0.0.1:4000 (requests go to `${baseUrl}/graphql`) */
  baseUrl: string;
  /** an API key, `mh_...`: for models, predictions and the viewer */
  apiKey?: string;
  /**
   * A portal session token (the next-auth JWT): acts as the signed-in user. Needed for API key
   * management, which the api refuses to API keys.
   */
  sessionToken?: string;
  /** with a session: the slug of the organization to act for (default: the personal one) */
  organization?: string;
  /** a fetch implementation (default: the global fetch) */
  fetch?: typeof fetch;
  /** retries after rate limits, unavailability and (for idempotent calls) lost connections */
  maxRetries?: number;
  /** per attempt, from sending the request to the end of the answer */
  timeoutMs?: number;
  /** backoff timing, and the clock and sleep it uses (tests replace them) */
  backoff?: BackoffOptions;
  /** extra headers sent with every request */
  headers?: Record<string, string>;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 60_000;

export class Modelhub {
  /** the catalog */
  readonly models: ModelsResource;
  /** the organization's API keys (needs a `sessionToken`) */
  readonly keys: ApiKeysResource;
  /** async predictions: create, get, wait, cancel, list */
  readonly predictions: PredictionsResource;
  /** the organization's usage and spend */
  readonly usage: UsageResource;
  /** the secret webhooks are signed with (needs a `sessionToken`) */
  readonly webhookSecrets: WebhookSecretsResource;
  private readonly transport: GraphQLTransport;

  constructor(options: ModelhubOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new ConfigurationError('pass options: new Modelhub({ baseUrl, apiKey })');
    }
    const endpoint = graphqlEndpoint(options.baseUrl);
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new ConfigurationError('maxRetries must be a non-negative integer', {
        field: 'maxRetries',
      });
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new ConfigurationError('timeoutMs must be a positive number', { field: 'timeoutMs' });
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new ConfigurationError('no fetch available: pass options.fetch', { field: 'fetch' });
    }
    this.transport = new GraphQLTransport({
      endpoint,
      headers: { ...options.headers, ...credentialHeaders(options) },
      fetch: fetchImpl,
      timeoutMs,
      maxRetries,
      policy: retryPolicy(options.backoff),
    });
    this.models = new ModelsResource(this.transport);
    this.keys = new ApiKeysResource(this.transport);
    this.predictions = new PredictionsResource(this.transport);
    this.usage = new UsageResource(this.transport);
    this.webhookSecrets = new WebhookSecretsResource(this.transport);
  }

  /**
   * Runs `model` (`publisher/model` or `publisher/model@1.2.0`) on `inputs` and charges the
   * caller's organization. Needs an API key with the PREDICT scope, or a member's session.
   */
  predict(
    model: string,
    inputs: readonly TensorInput[],
    options?: PredictOptions,
  ): Promise<Prediction> {
    return predict(this.transport, model, inputs, options);
  }

  /** Who the client calls as; null without credentials. */
  viewer(): Promise<Viewer | null> {
    return viewer(this.transport);
  }
}

function graphqlEndpoint(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string') {
    throw new ConfigurationError('baseUrl is required, e.g. http://127.0.0.1:4000', {
      field: 'baseUrl',
    });
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigurationError(`baseUrl '${baseUrl}' is not a URL`, { field: 'baseUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError('baseUrl must be an http(s) URL', { field: 'baseUrl' });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/graphql`;
}

function credentialHeaders(options: ModelhubOptions): Record<string, string> {
  const { apiKey, sessionToken, organization } = options;
  if (apiKey !== undefined && sessionToken !== undefined) {
    throw new ConfigurationError('give apiKey or sessionToken, not both', { field: 'apiKey' });
  }
  const headers: Record<string, string> = {};
  if (apiKey !== undefined) {
    // The api reads any other bearer token as a session; a mistyped key would be misreported.
    if (typeof apiKey !== 'string' || !/^mh_\S+$/.test(apiKey)) {
      throw new ConfigurationError('apiKey must be a Modelhub API key, "mh_..."', {
        field: 'apiKey',
      });
    }
    headers.authorization = `Bearer ${apiKey}`;
  }
  if (sessionToken !== undefined) {
    if (typeof sessionToken !== 'string' || !/^\S+$/.test(sessionToken)) {
      throw new ConfigurationError('sessionToken must be a non-empty token', {
        field: 'sessionToken',
      });
    }
    headers.authorization = `Bearer ${sessionToken}`;
  }
  if (organization !== undefined) {
    if (typeof organization !== 'string' || organization.trim() === '') {
      throw new ConfigurationError('organization must be an organization slug', {
        field: 'organization',
      });
    }
    headers['x-modelhub-organization'] = organization;
  }
  return headers;
}
