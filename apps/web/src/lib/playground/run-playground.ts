/**
 * One playground run from the browser: the image goes as base64 to the portal's /api/graphql
 * proxy, which forwards the person's session and current organization to the api (the browser
 * cannot call the api itself: the session cookie is httpOnly and belongs to the portal).
 */
import type { z } from 'zod';
import {
  imagePredictionSchema,
  PREDICT_IMAGE_MUTATION,
  RECOGNIZE_TEXT_MUTATION,
  textRecognitionSchema,
  type PlaygroundResult,
} from './playground-operations';
import {
  describeGraphqlError,
  describeTransportError,
  type GraphqlErrorLike,
  type PlaygroundError,
} from './playground-errors';

export const PLAYGROUND_ENDPOINT = '/api/graphql';
/** How many classes a classifier run shows. */
export const PLAYGROUND_TOP_K = 5;

export interface PlaygroundRun {
  kind: 'ocr' | 'image';
  modelRef: string;
  /** The image's bytes, base64 (no `data:` prefix). */
  base64: string;
  contentType: string;
  /** One key per run: a retried request is answered once and charged once. */
  idempotencyKey: string;
}

export type PlaygroundOutcome =
  { ok: true; value: PlaygroundResult } | { ok: false; error: PlaygroundError };

function requestOf(run: PlaygroundRun) {
  const variables = {
    model: run.modelRef,
    image: { base64: run.base64, contentType: run.contentType },
    idempotencyKey: run.idempotencyKey,
  };
  return run.kind === 'ocr'
    ? {
        query: RECOGNIZE_TEXT_MUTATION,
        operationName: 'PlaygroundRecognizeText',
        variables,
        field: 'recognizeText',
      }
    : {
        query: PREDICT_IMAGE_MUTATION,
        operationName: 'PlaygroundPredictImage',
        variables: { ...variables, topK: PLAYGROUND_TOP_K },
        field: 'predictImage',
      };
}

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphqlErrorLike[];
}

export async function runPlayground(
  run: PlaygroundRun,
  doFetch: typeof fetch = fetch,
): Promise<PlaygroundOutcome> {
  const { field, ...body } = requestOf(run);
  let response: Response;
  try {
    response = await doFetch(PLAYGROUND_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: describeTransportError(null) };
  }
  let answer: GraphqlAnswer;
  try {
    answer = (await response.json()) as GraphqlAnswer;
  } catch {
    return { ok: false, error: describeTransportError(response.status) };
  }
  const firstError = answer.errors?.[0];
  if (firstError) {
    return {
      ok: false,
      error: describeGraphqlError(firstError, response.headers.get('retry-after')),
    };
  }
  const raw = answer.data?.[field];
  const schema: z.ZodType<unknown> =
    run.kind === 'ocr' ? textRecognitionSchema : imagePredictionSchema;
  const parsed = schema.safeParse(raw);
  if (!response.ok || !parsed.success) {
    return {
      ok: false,
      error: response.ok
        ? { code: 'BAD_RESPONSE', message: 'The API sent an answer the portal cannot read.' }
        : describeTransportError(response.status),
    };
  }
  return {
    ok: true,
    value:
      run.kind === 'ocr'
        ? { kind: 'ocr', result: textRecognitionSchema.parse(raw), raw }
        : { kind: 'image', result: imagePredictionSchema.parse(raw), raw },
  };
}
