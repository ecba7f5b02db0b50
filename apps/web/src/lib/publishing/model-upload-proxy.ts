/**
 * The portal's `PUT /api/uploads/models/{org}/{model}/versions/{version}`: the browser sends the
 * .onnx file here (XMLHttpRequest, for its upload progress) and the portal streams it on to the
 * api's `PUT /uploads/models/{org}/{model}/versions/{version}` with the person's session and
 * organization, chunk by chunk: a model file of hundreds of megabytes is never held in memory.
 * The api keeps deciding everything: its size limit (the declared Content-Length is passed on so
 * it can refuse early, and it counts the bytes anyway), its validation and its error codes, which
 * come back unchanged.
 */
import { apiForwardHeaders, clientOriginHeaders, parseCookieHeader } from '@/lib/api-forwarding';
import { isSameOrigin } from '@/lib/graphql-proxy';
import { isValidSlug } from '@/lib/slug';
import { uploadApiPath, type UploadTarget } from './upload-path';

export interface ModelUploadProxyOptions {
  /** The api's base URL, e.g. `http://localhost:4000`. */
  apiUrl: string;
  /** How long the whole upload (transfer and the api's validation) may take. */
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

/** Long enough for a large model over a slow link plus its validation. */
export const UPLOAD_TIMEOUT_MS = 15 * 60 * 1000;

/** Semantic versions, loosely: the api checks the exact rule and answers INVALID_SEMVER. */
const VERSION_PATTERN = /^[0-9A-Za-z.+-]{1,64}$/;

/** The api's error shape, so the page reads one format whoever refused. */
function errorResponse(status: number, code: string, message: string): Response {
  return Response.json(
    { errors: [{ message, extensions: { code } }] },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

const PASSED_BACK_HEADERS = /^(content-type|retry-after|ratelimit(-.*)?|x-ratelimit-.*)$/i;

export async function proxyModelUpload(
  request: Request,
  target: UploadTarget,
  options: ModelUploadProxyOptions,
): Promise<Response> {
  if (!isSameOrigin(request.headers)) {
    return errorResponse(403, 'FORBIDDEN', 'Cross-origin uploads are not accepted here');
  }
  if (!isValidSlug(target.org) || !isValidSlug(target.model)) {
    return errorResponse(404, 'NOT_FOUND', 'No such model');
  }
  if (!VERSION_PATTERN.test(target.version)) {
    return errorResponse(400, 'BAD_USER_INPUT', 'The version must look like 1.0.0');
  }
  const session = apiForwardHeaders(parseCookieHeader(request.headers.get('cookie')));
  if (!session.cookie) return errorResponse(401, 'UNAUTHENTICATED', 'Sign in to upload a model');

  const headers: Record<string, string> = {
    ...clientOriginHeaders(request.headers),
    ...session,
    accept: 'application/json',
  };
  const contentType = request.headers.get('content-type');
  if (contentType) headers['content-type'] = contentType;
  const contentLength = request.headers.get('content-length');
  if (contentLength && /^\d+$/.test(contentLength)) headers['content-length'] = contentLength;

  const timeout = AbortSignal.timeout(options.timeoutMs);
  let upstream: Response;
  let body: ArrayBuffer;
  try {
    upstream = await (options.fetch ?? globalThis.fetch)(
      new URL(uploadApiPath(target), options.apiUrl),
      {
        method: 'PUT',
        headers,
        body: request.body,
        // a streamed request body (undici needs this to send a ReadableStream)
        duplex: 'half',
        cache: 'no-store',
        signal: AbortSignal.any([timeout, request.signal]),
      } as RequestInit,
    );
    // The api's answer is small JSON (the version or an error), never the file.
    body = await upstream.arrayBuffer();
  } catch {
    return timeout.aborted
      ? errorResponse(
          504,
          'API_TIMEOUT',
          `The upload did not finish within ${Math.round(options.timeoutMs / 1000)} s`,
        )
      : errorResponse(502, 'API_UNREACHABLE', 'The Modelhub API is unreachable');
  }
  const responseHeaders = new Headers({ 'cache-control': 'no-store' });
  upstream.headers.forEach((value, name) => {
    if (PASSED_BACK_HEADERS.test(name)) responseHeaders.set(name, value);
  });
  return new Response(body, { status: upstream.status, headers: responseHeaders });
}
