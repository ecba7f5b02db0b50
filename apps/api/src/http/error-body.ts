// The error body of the api's plain HTTP routes (uploads, evaluations): GraphQL's shape,
// `{ errors: [{ message, extensions: { code, ... } }] }`, with the code's HTTP status.
import type { FastifyReply } from 'fastify';
import { AppError, toAppError } from '../app-error.ts';

export function sendAppError(error: unknown, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (!(appError instanceof AppError)) throw error;
  const retryAfter = appError.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  const { http: _http, ...extensions } = appError.extensions as Record<string, unknown>;
  return reply
    .code(appError.httpStatus)
    .send({ errors: [{ message: appError.message, extensions }] });
}
