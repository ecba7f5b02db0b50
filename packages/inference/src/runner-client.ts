// HTTP client for runners (ours or any KServe v2 server): keep-alive connection pools per
// runner, deadlines, and v2 error bodies turned back into typed InferenceErrors.
import { Agent, errors as undiciErrors, request } from 'undici';
import {
  decodeInferResponseBody,
  encodeInferRequestBody,
  INFERENCE_HEADER_CONTENT_LENGTH,
  parseInferenceHeaderLength,
  type TypedInferResponse,
} from './binary-tensor-codec.ts';
import { InferenceError, isInferenceErrorCode } from './inference-error.ts';
import type { InferRequest, InferResponse, ModelMetadataResponse } from './v2-types.ts';

/** What `infer` answers: typed-array outputs when asked for, JSON-form arrays otherwise. */
export type InferResult<Typed extends boolean> = Typed extends true
  ? TypedInferResponse
  : InferResponse;

export interface RunnerCallOptions {
  /** ms until the runner must have answered */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** True when the failure happened before the runner could act, so retrying elsewhere is safe. */
export function isConnectionFailure(error: unknown): boolean {
  return error instanceof InferenceError && error.details.connectionFailed === true;
}

export class RunnerClient {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 128,
    connect: { timeout: 2_000 },
  });

  /**
   * Runs an infer request. Tensors travel in the v2 binary tensor format both ways (no JSON
   * encoding of numbers, which dominated the cost of large inputs). With `typedOutputs` numeric
   * outputs stay typed arrays over the body: no per-element copy, which for large outputs (an OCR
   * recognizer's 265,000 floats) costs more than the HTTP.
   */
  async infer<Typed extends boolean = false>(
    baseUrl: string,
    model: string,
    version: string | undefined,
    body: InferRequest,
    options: RunnerCallOptions & { typedOutputs?: Typed },
  ): Promise<InferResult<Typed>> {
    const path = version
      ? `/v2/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/infer`
      : `/v2/models/${encodeURIComponent(model)}/infer`;
    const encoded = encodeInferRequestBody(
      { ...body, parameters: { ...body.parameters, binary_data_output: true } },
      'all',
    );
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'content-length': String(encoded.byteLength),
    };
    if (encoded.headerLength !== undefined) {
      headers[INFERENCE_HEADER_CONTENT_LENGTH] = String(encoded.headerLength);
    }
    // The chunks as they are: the tensors' bytes go to the socket without another copy.
    const response = await this.send(baseUrl, 'POST', path, encoded.chunks, headers, options);
    const headerLength = parseInferenceHeaderLength(
      response.headers[INFERENCE_HEADER_CONTENT_LENGTH.toLowerCase()],
    );
    return decodeInferResponseBody(response.body, headerLength, {
      typedArrays: options.typedOutputs ?? false,
    }) as InferResult<Typed>;
  }

  async modelMetadata(
    baseUrl: string,
    model: string,
    options: RunnerCallOptions,
  ): Promise<ModelMetadataResponse> {
    return this.call(baseUrl, 'GET', `/v2/models/${encodeURIComponent(model)}`, undefined, options);
  }

  async ready(baseUrl: string, options: RunnerCallOptions): Promise<boolean> {
    try {
      await this.call(baseUrl, 'GET', '/v2/health/ready', undefined, options);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async call<T>(
    baseUrl: string,
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    options: RunnerCallOptions,
  ): Promise<T> {
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    const response = await this.send(baseUrl, method, path, body, headers, options);
    const text = response.body.toString('utf8');
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** One HTTP exchange; any non-200 answer becomes the InferenceError its body describes. */
  private async send(
    baseUrl: string,
    method: 'GET' | 'POST',
    path: string,
    body: string | readonly Uint8Array[] | undefined,
    headers: Record<string, string>,
    options: RunnerCallOptions,
  ): Promise<{ body: Buffer; headers: Record<string, string | string[] | undefined> }> {
    const signal = options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
      : AbortSignal.timeout(options.timeoutMs);
    let response;
    let bytes: Buffer;
    try {
      response = await request(new URL(path, baseUrl), {
        method,
        // undici writes an iterable body chunk by chunk; its typings leave iterables out
        body: body as string | Uint8Array | undefined,
        headers,
        dispatcher: this.agent,
        signal,
      });
      bytes = Buffer.from(await response.body.arrayBuffer());
    } catch (error) {
      throw this.transportError(baseUrl, error, options.timeoutMs);
    }
    if (response.statusCode === 200) return { body: bytes, headers: response.headers };
    let parsed: { error?: unknown; code?: unknown; details?: unknown } = {};
    try {
      parsed = JSON.parse(bytes.toString('utf8')) as typeof parsed;
    } catch {
      // not JSON: reported below with the status
    }
    const message =
      typeof parsed.error === 'string'
        ? parsed.error
        : `runner answered HTTP ${response.statusCode}`;
    const code = isInferenceErrorCode(parsed.code)
      ? parsed.code
      : codeForStatus(response.statusCode);
    const details =
      typeof parsed.details === 'object' && parsed.details
        ? (parsed.details as Record<string, unknown>)
        : {};
    throw new InferenceError(code, message, details);
  }

  private transportError(baseUrl: string, error: unknown, timeoutMs: number): InferenceError {
    const name = (error as { name?: string }).name;
    if (
      name === 'TimeoutError' ||
      name === 'AbortError' ||
      error instanceof undiciErrors.RequestAbortedError
    ) {
      return new InferenceError(
        'DEADLINE_EXCEEDED',
        `the runner did not answer within ${timeoutMs} ms`,
        {
          runner: baseUrl,
        },
      );
    }
    return new InferenceError(
      'UNAVAILABLE',
      `runner ${baseUrl} is unreachable: ${(error as Error).message}`,
      {
        runner: baseUrl,
        connectionFailed: true,
      },
    );
  }
}

function codeForStatus(status: number): InferenceError['code'] {
  if (status === 400) return 'INVALID_ARGUMENT';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RESOURCE_EXHAUSTED';
  if (status === 503) return 'UNAVAILABLE';
  if (status === 504) return 'DEADLINE_EXCEEDED';
  return 'INTERNAL';
}
