// A KServe v2 compatible inference endpoint for API-key clients, so existing v2 clients (Triton's,
// KServe's) work against Modelhub: POST /v2/models/{org}/{model}[/versions/{v}]/infer with JSON
// or binary tensors, and GET /v2/models/{org}/{model} for metadata. Same path as GraphQL predict:
// same checks, same billing; the cost is returned in the response parameters.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  decodeInferRequestBody,
  encodeInferResponseBody,
  INFERENCE_HEADER_CONTENT_LENGTH,
  parseInferenceHeaderLength,
  parseInferRequest,
  wantsBinaryOutputs,
  toJsonTensors,
  type TypedInferResponse,
  type TensorSpec,
} from '@modelhub/inference';
import { AppError, toAppError } from '../app-error.ts';
import { requirePermission } from '../auth/principal.ts';
import { authenticatedCaller, startAuthentication } from './early-authentication.ts';
import type { ApiServices } from '../context.ts';
import { runPrediction } from '../predictions/run-prediction.ts';

interface ModelParams {
  org: string;
  model: string;
  version?: string;
}

const HEADER = INFERENCE_HEADER_CONTENT_LENGTH.toLowerCase();

export function registerV2InferRoutes(app: FastifyInstance, services: ApiServices): void {
  // Binary bodies (a JSON header, then raw tensors) arrive as bytes; JSON uses the api's parser.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  const modelRef = ({ org, model, version }: ModelParams) =>
    `${org}/${model}${version ? `@${version}` : ''}`;

  const authenticate = (req: FastifyRequest, reply: FastifyReply) =>
    authenticatedCaller(services.authenticator, req, reply);

  const infer = async (req: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
    const principal = requirePermission(await authenticate(req, reply), 'predictions.run');
    const raw = Buffer.isBuffer(req.body)
      ? decodeInferRequestBody(req.body, parseInferenceHeaderLength(req.headers[HEADER]), {
          // validated and forwarded to the runner as they are, without a per-element copy
          typedArrays: true,
        })
      : req.body;
    const request = parseInferRequest(raw);
    const binary = wantsBinaryOutputs(request);
    const idempotencyKey = req.headers['idempotency-key'];
    const result = await runPrediction(services, principal, {
      modelRef: modelRef(req.params),
      inputs: request.inputs,
      outputs: request.outputs?.map((o) => o.name) ?? null,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
    });
    const response: TypedInferResponse = {
      model_name: `${req.params.org}/${req.params.model}`,
      model_version: result.version.version,
      ...(request.id !== undefined ? { id: request.id } : {}),
      parameters: {
        prediction_id: result.predictionId,
        cost_micros: result.costMicros.toString(),
        currency: result.currency,
        replayed: result.replayed,
        queue_ms: result.queueMs,
        compute_ms: result.computeMs,
      },
      outputs: result.outputs,
    };
    if (binary === 'all' || binary.size > 0) {
      const encoded = encodeInferResponseBody(response, binary);
      if (encoded.headerLength !== undefined) {
        reply.header(INFERENCE_HEADER_CONTENT_LENGTH, encoded.headerLength);
      }
      return reply.type('application/octet-stream').send(encoded.body);
    }
    return { ...response, outputs: toJsonTensors(result.outputs) };
  };

  const metadata = async (req: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
    const principal = await authenticate(req, reply);
    const version = await services.lookups.visibleVersion(
      modelRef(req.params),
      principal?.organizationId ?? null,
    );
    return {
      name: `${req.params.org}/${req.params.model}`,
      versions: [version.version],
      platform: 'onnxruntime_onnx',
      inputs: version.inputs as unknown as TensorSpec[],
      outputs: version.outputs as unknown as TensorSpec[],
    };
  };

  const inferRoute = {
    onRequest: startAuthentication(services.authenticator),
  };
  app.post<{ Params: ModelParams }>('/v2/models/:org/:model/infer', inferRoute, infer);
  app.post<{ Params: ModelParams }>(
    '/v2/models/:org/:model/versions/:version/infer',
    inferRoute,
    infer,
  );
  app.get('/v2/models/:org/:model', metadata);
  app.get('/v2/models/:org/:model/versions/:version', metadata);
}

/** v2 error bodies for the v2 routes: `{ error, code }` with the status of the code. */
export function v2ErrorReply(error: unknown, reply: FastifyReply): FastifyReply | null {
  const appError = toAppError(error);
  if (!(appError instanceof AppError)) return null;
  if (appError.code === 'RESOURCE_EXHAUSTED' || appError.code === 'SERVICE_UNAVAILABLE') {
    reply.header('retry-after', '1');
  }
  const retryAfter = appError.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(appError.httpStatus).send({ error: appError.message, code: appError.code });
}
