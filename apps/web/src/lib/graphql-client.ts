/**
 * The server-side GraphQL client for the Modelhub API. Every failure becomes an `ApiError`
 * with a stable code; every successful response is validated against the caller's zod
 * schema before it reaches a component.
 */
import { z } from 'zod';
import { env } from '@/env';
import { ApiError, ApiErrorCode, type GraphqlErrorItem } from '@/lib/api-error';

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphqlClientOptions {
  /** Full URL of the GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  endpoint: string;
  timeoutMs: number;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
}

export interface GraphqlClient {
  readonly endpoint: string;
  request<TSchema extends z.ZodType>(
    request: GraphqlRequest,
    dataSchema: TSchema,
    options?: { signal?: AbortSignal },
  ): Promise<z.output<TSchema>>;
}

const graphqlErrorSchema = z.object({
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  extensions: z.looseObject({ code: z.string().optional() }).optional(),
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

  async function request<TSchema extends z.ZodType>(
    { query, variables, operationName }: GraphqlRequest,
    dataSchema: TSchema,
    requestOptions: { signal?: AbortSignal } = {},
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

    if (!response.ok) {
      const detail = graphqlErrors.length > 0 ? `: ${summarize(graphqlErrors)}` : '';
      throw new ApiError(
        ApiErrorCode.HttpError,
        `Modelhub API at ${endpoint} answered HTTP ${response.status}${detail}`,
        { endpoint, status: response.status, graphqlErrors },
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
        {
          endpoint,
          status: response.status,
          graphqlErrors,
        },
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
  }));
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

/** The client for the API this deployment is configured with (`API_URL`). */
export const graphqlClient: GraphqlClient = createGraphqlClient({
  endpoint: graphqlEndpoint(env.API_URL),
  timeoutMs: env.API_TIMEOUT_MS,
});
