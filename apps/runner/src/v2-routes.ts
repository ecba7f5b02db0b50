// The KServe Open Inference Protocol v2 over HTTP: JSON tensors, and the binary tensor data
// extension (a JSON header of `Inference-Header-Content-Length` bytes, then raw tensors).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  decodeInferRequestBody,
  encodeInferResponseBody,
  INFERENCE_HEADER_CONTENT_LENGTH,
  InferenceError,
  parseInferenceHeaderLength,
  parseInferRequest,
  validateInferInputs,
  wantsBinaryOutputs,
  toJsonTensors,
  type TypedInferResponse,
  type TensorLimits,
  type ModelMetadataResponse,
} from '@modelhub/inference';
import { toErrorReply } from './error-reply.ts';
import type { ModelRepository } from './model-repository.ts';
import type { RunnerMetrics } from './runner-metrics.ts';

export const SERVER_NAME = 'modelhub-runner';
export const SERVER_VERSION = '0.2.0';
const HEADER = INFERENCE_HEADER_CONTENT_LENGTH.toLowerCase();

const INFER_ROUTES = ['/v2/models/:name/infer', '/v2/models/:name/versions/:version/infer'];

interface ModelParams {
  name: string;
  version?: string;
}

/**
 * Bodies arrive as raw bytes: binary requests need them, and for JSON a plain JSON.parse is
 * the fastest safe parser here (the request is rebuilt by the zod schema, never merged).
 */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  const parse = (
    req: FastifyRequest,
    body: Buffer,
    done: (err: Error | null, body?: unknown) => void,
  ) => {
    try {
      // Binary tensors stay typed arrays (views over the body) all the way to onnxruntime.
      const length = parseInferenceHeaderLength(req.headers[HEADER]);
      done(null, decodeInferRequestBody(body, length, { typedArrays: true }));
    } catch (error) {
      done(error as Error);
    }
  };
  app.addContentTypeParser(
    ['application/json', 'application/octet-stream'],
    { parseAs: 'buffer' },
    parse,
  );
}

export function registerV2Routes(
  app: FastifyInstance,
  models: ModelRepository,
  metrics: RunnerMetrics,
  isReady: () => boolean,
  /** per-input limits beyond the body size; over them is 413 PAYLOAD_TOO_LARGE */
  tensorLimits: TensorLimits,
): void {
  registerBodyParsers(app);
  app.get('/v2', async () => ({
    name: SERVER_NAME,
    version: SERVER_VERSION,
    extensions: ['binary_tensor_data'],
  }));
  app.get('/v2/health/live', async () => ({ live: true }));
  app.get('/v2/health/ready', async (_req, reply) => {
    const ready = isReady();
    return reply.code(ready ? 200 : 503).send({ ready });
  });
  app.get('/metrics', async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  const metadata = async ({ name, version }: ModelParams): Promise<ModelMetadataResponse> => {
    const row = await models.describe(name, version);
    return { name, versions: [row.version], platform: 'onnxruntime_onnx', ...row.signature };
  };
  app.get<{ Params: ModelParams }>('/v2/models/:name', (req) => metadata(req.params));
  app.get<{ Params: ModelParams }>('/v2/models/:name/versions/:version', (req) =>
    metadata(req.params),
  );

  const modelReady = async ({ name, version }: ModelParams) => {
    const row = await models.describe(name, version);
    if (!models.isLoaded(name, row.version))
      throw new InferenceError('UNAVAILABLE', `model '${name}' is not loaded`);
    return { name, ready: true };
  };
  app.get<{ Params: ModelParams }>('/v2/models/:name/ready', (req) => modelReady(req.params));
  app.get<{ Params: ModelParams }>('/v2/models/:name/versions/:version/ready', (req) =>
    modelReady(req.params),
  );

  // The repository extension (Triton/KServe): what is loaded, and explicit load and unload.
  // Index entries also carry the instance count and the memory measured at load.
  app.post('/v2/repository/index', async () =>
    models.list().map((m) => ({
      name: m.name,
      version: m.version,
      state: 'READY',
      instances: m.instanceCount,
      memory_bytes: m.memoryBytes,
    })),
  );
  app.post<{ Params: ModelParams; Body: { parameters?: { version?: unknown } } | undefined }>(
    '/v2/repository/models/:name/load',
    async (req) => {
      const version = req.body?.parameters?.version;
      const model = await models.get(
        req.params.name,
        typeof version === 'string' ? version : undefined,
      );
      return { name: model.name, version: model.version, state: 'READY' };
    },
  );
  app.post<{ Params: ModelParams }>('/v2/repository/models/:name/unload', async (req) => {
    if (!(await models.unload(req.params.name))) {
      throw new InferenceError('NOT_FOUND', `model '${req.params.name}' is not loaded`);
    }
    return { name: req.params.name, state: 'UNAVAILABLE' };
  });

  // Counted here rather than in the handler, so refusals of the body itself (framing, size)
  // are counted too.
  app.addHook('onError', async (req, _reply, error) => {
    if (!INFER_ROUTES.includes(req.routeOptions.url ?? '')) return;
    metrics.countRequest((req.params as ModelParams).name, toErrorReply(error).body.code);
  });

  const infer = async (req: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
    const { name, version } = req.params;
    const request = parseInferRequest(req.body);
    const binary = wantsBinaryOutputs(request);
    const model = await models.get(name, version);
    const inputs = validateInferInputs(request, model.signature, tensorLimits, model.inputPolicy);
    const result = await model.infer(
      inputs,
      request.outputs?.map((o) => o.name),
    );
    if (!model.batching.enabled)
      metrics.observeUnbatched(model, result.queueMs, result.computeMs, result.batchSize);
    const response: TypedInferResponse = {
      model_name: name,
      model_version: model.version,
      ...(request.id !== undefined ? { id: request.id } : {}),
      parameters: {
        queue_ms: round(result.queueMs),
        compute_ms: round(result.computeMs),
        batch_size: result.batchSize,
      },
      outputs: result.outputs,
    };
    if (binary === 'all' || binary.size > 0) {
      const encoded = encodeInferResponseBody(response, binary);
      if (encoded.headerLength !== undefined)
        reply.header(INFERENCE_HEADER_CONTENT_LENGTH, encoded.headerLength);
      metrics.countRequest(name, 'OK');
      return reply.type('application/octet-stream').send(encoded.body);
    }
    metrics.countRequest(name, 'OK');
    return { ...response, outputs: toJsonTensors(response.outputs) };
  };
  for (const route of INFER_ROUTES) app.post<{ Params: ModelParams }>(route, infer);
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
