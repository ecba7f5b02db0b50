/**
 * API errors of a playground run in words a person can act on. The api's `extensions.code` (and
 * for images `extensions.reason`) decide; the api's own message is kept as the detail.
 */

export interface PlaygroundError {
  /** One sentence: what went wrong and what to do. */
  message: string;
  /** The api's code, shown small for support, e.g. PAYMENT_REQUIRED. */
  code: string;
  /** The api's own message, when it adds something. */
  detail?: string;
}

export interface GraphqlErrorLike {
  message?: string;
  extensions?: { code?: unknown; reason?: unknown; retryAfterSeconds?: unknown };
}

const REASONS: Record<string, string> = {
  CORRUPT_IMAGE: 'The image could not be read: it is empty, truncated or not really an image.',
  UNSUPPORTED_IMAGE_FORMAT: 'That image format is not supported. Use PNG, JPEG or WebP.',
  UNSUPPORTED_CONTENT_TYPE: 'That file type is not supported. Use PNG, JPEG or WebP.',
  CONTENT_TYPE_MISMATCH:
    'The file’s type does not match its contents. Save it again as PNG, JPEG or WebP.',
  TOO_MANY_PIXELS: 'The image has too many pixels (at most 20 megapixels). Scale it down.',
  IMAGE_TOO_LARGE: 'The image file is too large (at most 10 MiB).',
  INVALID_BASE64: 'The image was not sent correctly. Choose it again.',
  NOT_AN_IMAGE_MODEL: 'This model does not take images.',
  NOT_AN_OCR_PIPELINE: 'This model does not read text from images.',
  PIPELINE_STAGE_UNAVAILABLE: 'A stage of this pipeline has been withdrawn, so it cannot run now.',
};

const CODES: Record<string, string> = {
  PAYMENT_REQUIRED:
    'Your organization is out of credit. Top up on the billing page, then run the model again.',
  SPEND_LIMIT_EXCEEDED: 'A spending limit of your organization was reached; nothing was charged.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again to run this model.',
  FORBIDDEN: 'Your role in this organization may not run models. Ask an owner or an admin.',
  NOT_FOUND: 'This model (or its published version) is no longer available.',
  BAD_USER_INPUT: 'The model refused this input.',
  PAYLOAD_TOO_LARGE: 'The image file is too large (at most 10 MiB).',
  RESOURCE_EXHAUSTED: 'The model is busy right now. Try again in a moment.',
  SERVICE_UNAVAILABLE: 'No runner can serve this model right now. Try again in a moment.',
  GATEWAY_TIMEOUT: 'The model took too long to answer. Try again, or with a smaller image.',
  API_TIMEOUT: 'The Modelhub API did not answer in time. Try again.',
  API_UNREACHABLE: 'The Modelhub API could not be reached. Try again later.',
};

function seconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : null;
}

/** The first GraphQL error of an answer, in words. */
export function describeGraphqlError(
  error: GraphqlErrorLike,
  retryAfterHeader: string | null = null,
): PlaygroundError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'ERROR';
  const reason = typeof error.extensions?.reason === 'string' ? error.extensions.reason : null;
  const detail = error.message?.trim() || undefined;
  if (code === 'RATE_LIMITED') {
    const wait = seconds(error.extensions?.retryAfterSeconds) ?? seconds(Number(retryAfterHeader));
    return {
      code,
      message: wait
        ? `Too many calls in a short time. Try again in ${wait} s.`
        : 'Too many calls in a short time. Try again in a moment.',
      ...(detail ? { detail } : {}),
    };
  }
  const message = (reason && REASONS[reason]) ?? CODES[code];
  if (message) {
    // BAD_USER_INPUT without a known reason: the api's message is the useful part.
    return { code: reason ?? code, message, ...(detail ? { detail } : {}) };
  }
  return { code, message: detail ?? 'The model could not be run.' };
}

/** A failure without a GraphQL answer: the network, or a proxy error page. */
export function describeTransportError(status: number | null): PlaygroundError {
  if (status === null) {
    return {
      code: 'NETWORK_ERROR',
      message: 'The portal could not be reached. Check your connection and try again.',
    };
  }
  if (status === 413) {
    return { code: 'PAYLOAD_TOO_LARGE', message: 'The image file is too large (at most 10 MiB).' };
  }
  return {
    code: `HTTP_${status}`,
    message: `The portal answered with HTTP ${status}. Try again in a moment.`,
  };
}
