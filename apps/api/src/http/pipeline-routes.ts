// Images as raw request bodies, for integrations that have a file rather than base64 text:
// POST /v2/models/{org}/{model}[/versions/{v}]/image with `Content-Type: image/png`, `image/jpeg`
// or `image/webp`. A model with image preprocessing answers like GraphQL `predictImage` (outputs
// and `labels`, `?top_k=` of them); an OCR composite answers like `recognizeText` (text and
// lines). Same authentication, checks and billing as the GraphQL operations; errors are v2
// bodies `{ error, code, reason }`, with 415 for a body that is not an image type.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_IMAGE_LIMITS, IMAGE_CONTENT_TYPES } from '@modelhub/models';
import { AppError, toAppError } from '../app-error.ts';
import { requirePermission } from '../auth/principal.ts';
import { rateLimitHeaders } from '../auth/rate-limits.ts';
import type { ApiServices } from '../context.ts';
import { checkIdempotencyKey, checkTopK } from '../pipelines/call-arguments.ts';
import { predictImage } from '../pipelines/predict-image.ts';
import { recognizeText } from '../pipelines/recognize-text.ts';
import { versionRuntimeConfig } from '../pipelines/version-runtime-config.ts';

interface ModelParams {
  org: string;
  model: string;
  version?: string;
}

const ACCEPTED = Object.keys(IMAGE_CONTENT_TYPES).join(', ');

export function registerPipelineRoutes(app: FastifyInstance, services: ApiServices): void {
  const limits = DEFAULT_IMAGE_LIMITS;
  // A scope of its own: the body is taken as bytes whatever its type, and the type is checked
  // against the bytes in the handler, so every refusal has the same precise body.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: limits.maxBytes },
      (_req, body, done) => done(null, body),
    );
    scope.setErrorHandler((error: FastifyError, req, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendPipelineError(
          new AppError('PAYLOAD_TOO_LARGE', `the image is larger than ${limits.maxBytes} bytes`, {
            reason: 'IMAGE_TOO_LARGE',
            maxBytes: limits.maxBytes,
          }),
          reply,
        );
      }
      if (toAppError(error) instanceof AppError) return sendPipelineError(error, reply);
      if (error.statusCode && error.statusCode < 500) {
        return reply.code(error.statusCode).send({ error: error.message, code: 'BAD_USER_INPUT' });
      }
      req.log.error({ err: error }, 'image request failed');
      return reply
        .code(500)
        .send({ error: 'internal server error', code: 'INTERNAL_SERVER_ERROR' });
    });

    const route = { bodyLimit: limits.maxBytes };
    const handler = (req: FastifyRequest, reply: FastifyReply) =>
      handleImage(services, req as FastifyRequest<{ Params: ModelParams }>, reply);
    scope.post('/v2/models/:org/:model/image', route, handler);
    scope.post('/v2/models/:org/:model/versions/:version/image', route, handler);
  });
}

async function handleImage(
  services: ApiServices,
  req: FastifyRequest<{ Params: ModelParams }>,
  reply: FastifyReply,
) {
  const { principal: caller, rateLimit } = await services.authenticator.authenticate(req.headers);
  if (rateLimit) reply.headers(rateLimitHeaders(rateLimit));
  const principal = requirePermission(caller, 'predictions.run');
  const contentType = req.headers['content-type'];
  if (!contentType || !Buffer.isBuffer(req.body)) {
    throw new AppError(
      'BAD_USER_INPUT',
      `send the image as the request body with Content-Type ${ACCEPTED}`,
      { reason: 'UNSUPPORTED_CONTENT_TYPE' },
    );
  }
  const header = req.headers['idempotency-key'];
  const idempotencyKey = checkIdempotencyKey(typeof header === 'string' ? header : null);
  const { org, model, version } = req.params;
  const modelRef = `${org}/${model}${version ? `@${version}` : ''}`;
  const resolved = await services.lookups.visibleVersion(modelRef, principal.organizationId);
  const call = { modelRef, image: req.body, contentType, idempotencyKey };
  const parameters = (r: {
    predictionId: string;
    costMicros: bigint;
    currency: string;
    replayed: boolean;
    queueMs: number;
    computeMs: number;
  }) => ({
    prediction_id: r.predictionId,
    cost_micros: r.costMicros.toString(),
    currency: r.currency,
    replayed: r.replayed,
    queue_ms: r.queueMs,
    compute_ms: r.computeMs,
  });

  if (versionRuntimeConfig(resolved).pipeline) {
    const result = await recognizeText(services, principal, call);
    return {
      model_name: `${org}/${model}`,
      model_version: result.version.version,
      parameters: parameters(result),
      width: result.width,
      height: result.height,
      text: result.text,
      lines: result.lines,
    };
  }
  const { top_k: topK } = req.query as { top_k?: string };
  const result = await predictImage(services, principal, {
    ...call,
    topK: checkTopK(topK === undefined ? null : Number(topK)),
  });
  return {
    model_name: `${org}/${model}`,
    model_version: result.version.version,
    parameters: parameters(result),
    outputs: result.outputs,
    labels: result.labels,
  };
}

/** v2 error bodies with the reason: `{ error, code, reason? }` and the code's status. */
function sendPipelineError(error: unknown, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error) as AppError;
  const reason = appError.extensions.reason;
  const status = reason === 'UNSUPPORTED_CONTENT_TYPE' ? 415 : appError.httpStatus;
  if (appError.code === 'RESOURCE_EXHAUSTED' || appError.code === 'SERVICE_UNAVAILABLE') {
    reply.header('retry-after', '1');
  }
  const retryAfter = appError.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(status).send({
    error: appError.message,
    code: appError.code,
    ...(typeof reason === 'string' ? { reason } : {}),
  });
}
