// The artifact upload: `PUT /uploads/models/{org}/{model}/versions/{version}` with the raw .onnx
// file as the body (application/octet-stream). The body streams straight into the artifact
// store (never whole in memory) under a size limit, is validated, and becomes a DRAFT version;
// publishing is then a GraphQL mutation. Authenticated by a portal session or an API key with
// the publish scope, for the caller's own organization only.
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTenant } from '@modelhub/db';
import { uploadDraftVersion } from '@modelhub/registry';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { AppError } from '../app-error.ts';
import { requirePermission } from '../auth/principal.ts';
import { rateLimitHeaders } from '../auth/rate-limits.ts';
import type { ApiServices } from '../context.ts';
import { sendAppError } from './error-body.ts';

interface UploadParams {
  org: string;
  model: string;
  version: string;
}

export const RUNTIME_CONFIG_HEADER = 'x-modelhub-runtime-config';

export function registerArtifactUploadRoutes(app: FastifyInstance, services: ApiServices): void {
  void app.register(async (scope) => {
    // In this scope only, the body is handed over as the raw request stream.
    scope.removeContentTypeParser('application/octet-stream');
    scope.addContentTypeParser('application/octet-stream', (_req, payload, done) =>
      done(null, payload),
    );
    scope.put('/uploads/models/:org/:model/versions/:version', (req, reply) =>
      upload(services, req as FastifyRequest<{ Params: UploadParams }>, reply).catch((error) =>
        sendAppError(error, reply),
      ),
    );
  });
}

async function upload(
  services: ApiServices,
  req: FastifyRequest<{ Params: UploadParams }>,
  reply: FastifyReply,
) {
  const { principal, rateLimit } = await services.authenticator.authenticate(req.headers);
  if (rateLimit) reply.headers(rateLimitHeaders(rateLimit));
  const caller = requirePermission(principal, 'models.publish');
  if (req.headers['content-type'] !== 'application/octet-stream') {
    throw new AppError('BAD_USER_INPUT', 'send the .onnx file as application/octet-stream');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > services.maxUploadBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `the file is ${declared} bytes; the limit is ${services.maxUploadBytes}`,
    );
  }
  const model = await withTenant(services.db, caller.organizationId, (tx) =>
    tx.model.findFirst({
      where: {
        slug: req.params.model,
        organizationId: caller.organizationId,
        organization: { slug: req.params.org },
      },
    }),
  );
  if (!model)
    throw new AppError('NOT_FOUND', `model '${req.params.org}/${req.params.model}' not found`);

  const uploaded = await uploadDraftVersion(services.db, services.artifactStore, {
    organizationId: caller.organizationId,
    modelId: model.id,
    version: req.params.version,
    body: req.body as Readable,
    maxBytes: services.maxUploadBytes,
    runtimeConfig: parseRuntimeConfigHeader(req.headers[RUNTIME_CONFIG_HEADER]),
  });
  const v = uploaded.version;
  return reply.code(201).send({
    version: {
      id: encodeGlobalID('ModelVersion', v.id),
      model: `${req.params.org}/${req.params.model}`,
      version: v.version,
      status: v.status,
      sha256: v.sha256,
      sizeBytes: v.sizeBytes.toString(),
      opset: v.opset,
      producer: v.producer,
      parameterCount: v.parameterCount?.toString() ?? null,
      inputs: v.inputs,
      outputs: v.outputs,
      runtimeConfig: v.runtimeConfig,
    },
  });
}

function parseRuntimeConfigHeader(value: string | string[] | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(Array.isArray(value) ? value[0]! : value);
  } catch {
    throw new AppError('BAD_USER_INPUT', `${RUNTIME_CONFIG_HEADER} must be JSON`);
  }
}
