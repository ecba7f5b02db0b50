// Platform-computed evaluation: `POST /uploads/models/{org}/{model}/versions/{version}/evaluations
// ?dataset=<name>[&split=<text>]` with a labelled dataset as JSON Lines (one
// `{"inputs": {...}, "label": n}` per line, see packages/models/README.md). The api runs the
// stored artifact over it in onnxruntime and stores accuracy, precision, recall and F1 as the
// version's evaluation results, which the catalog shows. Needs models.publish in the model's
// organization; a new run on the same dataset replaces the earlier one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTenant } from '@modelhub/db';
import { EvaluationError, evaluateModelVersion } from '@modelhub/models';
import { AppError } from '../app-error.ts';
import { requirePermission } from '../auth/principal.ts';
import { rateLimitHeaders } from '../auth/rate-limits.ts';
import type { ApiServices } from '../context.ts';
import { sendAppError } from './error-body.ts';

interface EvaluationParams {
  org: string;
  model: string;
  version: string;
}

const MAX_DATASET_BYTES = 64 * 1024 * 1024;
const DATASET_NAME = /^[\w.-]{1,100}$/;

export function registerEvaluationRoutes(app: FastifyInstance, services: ApiServices): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/x-ndjson', 'application/jsonl'],
      { parseAs: 'string', bodyLimit: MAX_DATASET_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/uploads/models/:org/:model/versions/:version/evaluations',
      { bodyLimit: MAX_DATASET_BYTES },
      (req, reply) =>
        evaluate(services, req as FastifyRequest<{ Params: EvaluationParams }>, reply).catch(
          (error) => sendAppError(error, reply),
        ),
    );
  });
}

async function evaluate(
  services: ApiServices,
  req: FastifyRequest<{ Params: EvaluationParams }>,
  reply: FastifyReply,
) {
  const { principal, rateLimit } = await services.authenticator.authenticate(req.headers);
  if (rateLimit) reply.headers(rateLimitHeaders(rateLimit));
  const caller = requirePermission(principal, 'models.publish');
  const query = req.query as { dataset?: string; split?: string };
  if (!query.dataset || !DATASET_NAME.test(query.dataset)) {
    throw new AppError('BAD_USER_INPUT', 'name the dataset: ?dataset=<letters, digits, . _ ->', {
      field: 'dataset',
    });
  }
  if (typeof req.body !== 'string') {
    throw new AppError('BAD_USER_INPUT', 'send the dataset as application/x-ndjson (JSON Lines)');
  }
  const version = await withTenant(services.db, caller.organizationId, (tx) =>
    tx.modelVersion.findFirst({
      where: {
        version: req.params.version,
        organizationId: caller.organizationId,
        model: { slug: req.params.model, organization: { slug: req.params.org } },
      },
    }),
  );
  if (!version) {
    throw new AppError(
      'NOT_FOUND',
      `model version '${req.params.org}/${req.params.model}@${req.params.version}' not found`,
    );
  }
  const samples = parseJsonLines(req.body);
  try {
    const summary = await evaluateModelVersion(services.db, services.artifactStore, {
      modelVersionId: version.id,
      organizationId: caller.organizationId,
      datasetName: query.dataset,
      samples,
      ...(query.split ? { split: query.split.slice(0, 200) } : {}),
      script: 'uploaded through the api',
    });
    return reply.code(201).send({
      dataset: summary.datasetName,
      sampleCount: summary.sampleCount,
      metrics: summary.metrics,
      method: summary.method,
    });
  } catch (error) {
    if (error instanceof EvaluationError) {
      throw new AppError(
        error.code === 'VERSION_NOT_FOUND' ? 'NOT_FOUND' : 'BAD_USER_INPUT',
        error.message,
        { reason: error.code },
      );
    }
    throw error;
  }
}

function parseJsonLines(text: string): unknown[] {
  const samples: unknown[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      samples.push(JSON.parse(line));
    } catch {
      throw new AppError('BAD_USER_INPUT', `line ${index + 1} is not JSON`, { line: index + 1 });
    }
  });
  return samples;
}
