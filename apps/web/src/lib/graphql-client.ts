/**
 * The server-side GraphQL client for the Modelhub API. Every request names one of the portal's
 * operations and its variables are checked at compile time against the types graphql-codegen
 * generates from the api's schema (src/lib/generated). Every failure becomes an `ApiError` with a
 * stable code; every successful response is validated against the caller's zod schema before it
 * reaches a component.
 */
import { z } from 'zod';
import { env } from '@/env';
import { ApiError, ApiErrorCode, type GraphqlErrorItem } from '@/lib/api-error';
import type { PortalOperationVariables } from '@/lib/generated/graphql';

export type PortalOperation = keyof PortalOperationVariables;

/** One operation of the portal; `variables` may be left out where the operation needs none. */
export type GraphqlRequest<TOperation extends PortalOperation = PortalOperation> = {
  query: string;
  /** The operation's name in `query`; it types `variables`. */
  operationName: TOperation;
} & (string extends keyof PortalOperationVariables[TOperation] // no variables declared
  ? { variables?: PortalOperationVariables[TOperation] }
  : { variables: PortalOperationVariables[TOperation] });

export interface GraphqlClientOptions {
  /** Full URL of the GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  endpoint: string;
  timeoutMs: number;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
}

export interface GraphqlRequestOptions {
  signal?: AbortSignal;
  /** Extra request headers, e.g. the forwarded session cookie and organization. */
  headers?: Record<string, string>;
}

export interface GraphqlClient {
  readonly endpoint: string;
  request<TOperation extends PortalOperation, TSchema extends z.ZodType>(
    request: GraphqlRequest<TOperation>,
    dataSchema: TSchema,
    options?: GraphqlRequestOptions,
  ): Promise<z.output<TSchema>>;
}

const graphqlErrorSchema = z.object({
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  extensions: z
    .looseObject({
      code: z.string().optional(),
      field: z.string().optional().catch(undefined),
      retryAfterSeconds: z.number().nonnegative().optional().catch(undefined),
    })
    .optional(),
});

const graphqlResponseSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(graphqlErrorSchema).optional(),
});

export function graphqlEndpoint(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/graphql`;
}

export function createGraphqlClient(options: GraphqlClientOptions): GraphqlClient {
  const { endpoint, timeoutMs } = options;
  const doFetch = options.fetch ?? globalThis.fetch;

  async function request<TOperation extends PortalOperation, TSchema extends z.ZodType>(
    { query, variables, operationName }: GraphqlRequest<TOperation>,
    dataSchema: TSchema,
    requestOptions: GraphqlRequestOptions = {},
  ): Promise<z.output<TSchema>> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = requestOptions.signal
      ? AbortSignal.any([requestOptions.signal, timeout])
      : timeout;

    let response: Response;
    let text: string;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          ...requestOptions.headers,
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ query, variables, operationName }),
        cache: 'no-store',
        signal,
      });
      text = await response.text();
    } catch (error) {
      // The caller cancelled: not an API failure, let the caller see its own abort.
      if (requestOptions.signal?.aborted) throw error;
      throw transportError(error, endpoint, timeout.aborted, timeoutMs);
    }

    const envelope = graphqlResponseSchema.safeParse(parseJson(text));
    const graphqlErrors = envelope.success ? toErrorItems(envelope.data.errors) : [];
    const retryAfterSeconds =
      parseRetryAfter(response.headers.get('retry-after')) ??
      (envelope.success ? retryAfterFromExtensions(envelope.data.errors) : undefined);
    const retry = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };

    if (!response.ok) {
      const detail = graphqlErrors.length > 0 ? `: ${summarize(graphqlErrors)}` : '';
      throw new ApiError(
        ApiErrorCode.HttpError,
        `Modelhub API at ${endpoint} answered HTTP ${response.status}${detail}`,
        { endpoint, status: response.status, graphqlErrors, ...retry },
      );
    }
    if (!envelope.success) {
      throw new ApiError(
        ApiErrorCode.BadResponse,
        `Modelhub API at ${endpoint} did not answer with a GraphQL response`,
        { endpoint, status: response.status, cause: envelope.error },
      );
    }
    if (graphqlErrors.length > 0) {
      throw new ApiError(
        ApiErrorCode.GraphqlError,
        `Modelhub API error: ${summarize(graphqlErrors)}`,
        { endpoint, status: response.status, graphqlErrors, ...retry },
      );
    }

    const data = dataSchema.safeParse(envelope.data.data);
    if (!data.success) {
      throw new ApiError(
        ApiErrorCode.BadResponse,
        `Modelhub API at ${endpoint} answered with unexpected data:\n${z.prettifyError(data.error)}`,
        { endpoint, status: response.status, cause: data.error },
      );
    }
    return data.data;
  }

  return { endpoint, request };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toErrorItems(
  errors: z.output<typeof graphqlErrorSchema>[] | undefined,
): GraphqlErrorItem[] {
  return (errors ?? []).map(({ message, path, extensions }) => ({
    message,
    ...(extensions?.code === undefined ? {} : { code: extensions.code }),
    ...(path === undefined ? {} : { path }),
    ...(extensions?.field === undefined ? {} : { field: extensions.field }),
  }));
}

/**
 * Seconds to wait from a `Retry-After` header: delta-seconds (`30`) or an HTTP date; undefined
 * when absent or unreadable. Rounded up, never negative.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // an HTTP date always names its weekday and month; `-5` is not a date, whatever Date.parse says
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Fallback when a proxy dropped the header: `extensions.retryAfterSeconds` of a RATE_LIMITED error. */
function retryAfterFromExtensions(
  errors: z.output<typeof graphqlErrorSchema>[] | undefined,
): number | undefined {
  const seconds = errors?.find((e) => e.extensions?.retryAfterSeconds !== undefined)?.extensions
    ?.retryAfterSeconds;
  return seconds === undefined ? undefined : Math.ceil(seconds);
}

function summarize(errors: readonly GraphqlErrorItem[]): string {
  return errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)).join('; ');
}

function transportError(
  error: unknown,
  endpoint: string,
  timedOut: boolean,
  timeoutMs: number,
): ApiError {
  if (timedOut) {
    return new ApiError(
      ApiErrorCode.Timeout,
      `Modelhub API at ${endpoint} did not answer within ${timeoutMs} ms`,
      { endpoint, cause: error },
    );
  }
  const reason = networkReason(error);
  return new ApiError(
    ApiErrorCode.Unreachable,
    `Modelhub API unreachable at ${endpoint}${reason ? ` (${reason})` : ''}`,
    { endpoint, cause: error },
  );
}

/** Node's fetch reports `TypeError: fetch failed` with the socket error (ECONNREFUSED, …) as cause. */
function networkReason(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error instanceof Error ? error.message : undefined;
}

/**
 * The same client with extra headers on every request (the caller's own headers win), e.g. the
 * session cookie and organization of the person the portal is serving.
 */
export function withHeaders(client: GraphqlClient, headers: Record<string, string>): GraphqlClient {
  return {
    endpoint: client.endpoint,
    request: (request, dataSchema, options = {}) =>
      client.request(request, dataSchema, {
        ...options,
        headers: { ...headers, ...options.headers },
      }),
  };
}

/** The client for the API this deployment is configured with (`API_URL`). */
export const graphqlClient: GraphqlClient = createGraphqlClient({
  endpoint: graphqlEndpoint(env.API_URL),
  timeoutMs: env.API_TIMEOUT_MS,
});
