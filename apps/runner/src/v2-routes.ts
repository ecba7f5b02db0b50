// The KServe Open Inference Protocol v2 over HTTP (JSON tensors).
import type { FastifyInstance } from 'fastify';
import {
  InferenceError,
  parseInferRequest,
  validateInferInputs,
  type InferResponse,
  type ModelMetadataResponse,
} from '@modelhub/inference';
import type { ModelRepository } from './model-repository.ts';

export const SERVER_NAME = 'modelhub-runner';
export const SERVER_VERSION = '0.1.0';

interface ModelParams {
  name: string;
  version?: string;
}

export function registerV2Routes(
  app: FastifyInstance,
  models: ModelRepository,
  isReady: () => boolean,
): void {
  app.get('/v2', async () => ({ name: SERVER_NAME, version: SERVER_VERSION, extensions: [] }));
  app.get('/v2/health/live', async () => ({ live: true }));
  app.get('/v2/health/ready', async (_req, reply) => {
    const ready = isReady();
    return reply.code(ready ? 200 : 503).send({ ready });
  });

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

  const infer = async ({ name, version }: ModelParams, body: unknown): Promise<InferResponse> => {
    const received = performance.now();
    const request = parseInferRequest(body);
    const model = await models.get(name, version);
    const inputs = validateInferInputs(request, model.signature);
    const started = performance.now();
    const outputs = await model.onnx.run(
      inputs,
      request.outputs?.map((o) => o.name),
    );
    const finished = performance.now();
    return {
      model_name: name,
      model_version: model.version,
      ...(request.id !== undefined ? { id: request.id } : {}),
      parameters: { queue_ms: round(started - received), compute_ms: round(finished - started) },
      outputs,
    };
  };
  app.post<{ Params: ModelParams }>('/v2/models/:name/infer', (req) => infer(req.params, req.body));
  app.post<{ Params: ModelParams }>('/v2/models/:name/versions/:version/infer', (req) =>
    infer(req.params, req.body),
  );
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
