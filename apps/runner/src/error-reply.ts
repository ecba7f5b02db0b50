// The one mapping from anything thrown while serving a request to its HTTP status and v2 error
// body, shared by the error handler (what the client gets) and the request metrics (what is
// counted), so both always agree.
import type { FastifyError } from 'fastify';
import { InferenceError, type InferenceErrorCode } from '@modelhub/inference';

export interface ErrorReply {
  status: number;
  body: { error: string; code: InferenceErrorCode; details?: Record<string, unknown> };
  /** our own failure, not the client's: logged */
  internal: boolean;
}

export function toErrorReply(error: FastifyError | InferenceError | Error): ErrorReply {
  if (error instanceof InferenceError)
    return { status: error.httpStatus, body: error.toJSON(), internal: error.code === 'INTERNAL' };
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      body: { error: 'request body too large', code: 'PAYLOAD_TOO_LARGE' },
      internal: false,
    };
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      body: { error: error.message, code: 'INVALID_ARGUMENT' },
      internal: false,
    };
  }
  return {
    status: 500,
    body: { error: 'internal runner error', code: 'INTERNAL' },
    internal: true,
  };
}
