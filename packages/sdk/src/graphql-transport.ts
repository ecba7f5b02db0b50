// GraphQL over HTTP to the api: one POST per attempt, typed errors from the answer, and retries.
// Answers with status 429 or 503, and GraphQL errors whose code the api maps to those statuses
// (RATE_LIMITED, RESOURCE_EXHAUSTED, SERVICE_UNAVAILABLE), mean the api did not do the work, so
// every operation is retried after them. A broken connection or a timeout leaves unknown whether
// the work was done: only operations safe to repeat (`idempotent`) are retried after those.
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import {
  codeForStatus,
  ConnectionError,
  errorForCode,
  InvalidResponseError,
  API_ERROR_STATUS,
  type ApiErrorCode,
  type ModelhubError,
  RequestTimeoutError,
} from './errors.ts';
import { parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy.ts';

export interface TransportOptions {
  /** the GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  endpoint: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  /** per attempt */
  timeoutMs: number;
  maxRetries: number;
  policy: RetryPolicy;
}

export interface ExecuteOptions {
  /** repeating the operation does no harm, so a broken connection or a timeout is retried */
  idempotent: boolean;
}

type Document<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};

interface GraphQLErrorBody {
  message?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

/** What one attempt came to: data, or an error and whether another attempt may follow. */
type Attempt<T> =
  | { ok: true; data: T }
  | { ok: false; error: ModelhubError; retryable: boolean; retryAfterMs?: number | undefined };

const RETRYABLE_STATUSES = new Set([429, 503]);

export class GraphQLTransport {
  constructor(private readonly options: TransportOptions) {}

  async execute<TResult, TVariables>(
    document: Document<TResult, TVariables>,
    variables: TVariables,
    { idempotent }: ExecuteOptions,
  ): Promise<TResult> {
    const query = document.toString();
    const body = JSON.stringify({ query, operationName: operationNameOf(query), variables });
    const { maxRetries, policy } = this.options;
    for (let retry = 0; ; retry++) {
      const attempt = await this.attempt<TResult>(body, idempotent);
      if (attempt.ok) return attempt.data;
      if (!attempt.retryable || retry >= maxRetries) throw attempt.error;
      const delay = retryDelayMs(retry, attempt.retryAfterMs, policy);
      if (delay === null) throw attempt.error;
      await policy.sleep(delay);
    }
  }

  private async attempt<T>(body: string, idempotent: boolean): Promise<Attempt<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    try {
      const response = await this.options.fetch(this.options.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...this.options.headers,
        },
        body,
        signal: controller.signal,
      });
      // The body is read under the same timer: a server that stalls mid-answer times out too.
      const text = await response.text();
      return this.interpret<T>(response, text);
    } catch (cause) {
      const error = timedOut
        ? new RequestTimeoutError(`no answer from the api within ${this.options.timeoutMs} ms`, {
            cause,
          })
        : new ConnectionError(`could not reach the api at ${this.options.endpoint}`, { cause });
      return { ok: false, error, retryable: idempotent };
    } finally {
      clearTimeout(timer);
    }
  }

  private interpret<T>(response: Response, text: string): Attempt<T> {
    const status = response.status;
    const retryAfterHeader = parseRetryAfter(
      response.headers.get('retry-after'),
      this.options.policy.now(),
    );
    const parsed = parseJson(text);
    const firstError = graphQLErrorsOf(parsed)[0];

    if (firstError) {
      const extensions = firstError.extensions ?? {};
      const code = typeof extensions.code === 'string' ? extensions.code : codeForStatus(status);
      const retryAfterMs = retryAfterHeader ?? secondsToMs(extensions.retryAfterSeconds);
      const error = errorForCode(
        code ?? 'INVALID_RESPONSE',
        typeof firstError.message === 'string' ? firstError.message : 'the api refused the request',
        {
          field: typeof extensions.field === 'string' ? extensions.field : undefined,
          retryAfterSeconds: msToSeconds(retryAfterMs),
          responseStatus: status,
          extensions,
          path: Array.isArray(firstError.path)
            ? (firstError.path as (string | number)[])
            : undefined,
        },
      );
      const retryable =
        RETRYABLE_STATUSES.has(status) ||
        (code !== null && RETRYABLE_STATUSES.has(API_ERROR_STATUS[code as ApiErrorCode]));
      return { ok: false, error, retryable, retryAfterMs };
    }

    if (!response.ok) {
      // An error status without a GraphQL error, e.g. from a proxy in front of the api.
      const code = codeForStatus(status);
      const message = `the api answered HTTP ${status}`;
      const details = {
        responseStatus: status,
        retryAfterSeconds: msToSeconds(retryAfterHeader),
      };
      const error = code
        ? errorForCode(code, message, details)
        : new InvalidResponseError(message, details);
      return {
        ok: false,
        error,
        retryable: RETRYABLE_STATUSES.has(status),
        retryAfterMs: retryAfterHeader,
      };
    }

    if (!isObject(parsed) || !isObject(parsed.data)) {
      return {
        ok: false,
        error: new InvalidResponseError('the api answered without GraphQL data', {
          responseStatus: status,
        }),
        retryable: false,
      };
    }
    return { ok: true, data: parsed.data as T };
  }
}

function operationNameOf(query: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function graphQLErrorsOf(body: unknown): GraphQLErrorBody[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter(isObject) as GraphQLErrorBody[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function secondsToMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value * 1000
    : undefined;
}

function msToSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}
