/**
 * The GraphQL documents the playground sends through the portal's /api/graphql proxy (which adds
 * the session and the current organization), and zod schemas of their answers. Validated against
 * apps/api/schema.graphql by queries-match-schema.test.ts.
 */
import { z } from 'zod';

export const RECOGNIZE_TEXT_MUTATION = /* GraphQL */ `
  mutation PlaygroundRecognizeText($model: String!, $image: ImageInput!, $idempotencyKey: String) {
    recognizeText(model: $model, image: $image, idempotencyKey: $idempotencyKey) {
      id
      model
      costMicros
      currency
      text
      width
      height
      lines {
        text
        confidence
        box {
          x
          y
          width
          height
        }
        polygon {
          x
          y
        }
      }
      timings {
        totalMs
      }
    }
  }
`;

export const PREDICT_IMAGE_MUTATION = /* GraphQL */ `
  mutation PlaygroundPredictImage(
    $model: String!
    $image: ImageInput!
    $topK: Int
    $idempotencyKey: String
  ) {
    predictImage(model: $model, image: $image, topK: $topK, idempotencyKey: $idempotencyKey) {
      id
      model
      costMicros
      currency
      labels {
        label
        score
      }
      outputs {
        name
        datatype
        shape
        data
      }
      timings {
        totalMs
      }
    }
  }
`;

const micros = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform(String);
const point = z.object({ x: z.number(), y: z.number() });

export const textRecognitionSchema = z.object({
  id: z.string(),
  model: z.string(),
  costMicros: micros,
  currency: z.string(),
  text: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  lines: z.array(
    z.object({
      text: z.string(),
      confidence: z.number(),
      box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
      polygon: z.array(point),
    }),
  ),
  timings: z.object({ totalMs: z.number() }),
});
export type TextRecognition = z.output<typeof textRecognitionSchema>;

export const imagePredictionSchema = z.object({
  id: z.string(),
  model: z.string(),
  costMicros: micros,
  currency: z.string(),
  labels: z.array(z.object({ label: z.string(), score: z.number() })).nullable(),
  outputs: z.array(
    z.object({
      name: z.string(),
      datatype: z.string(),
      shape: z.array(z.number()),
      data: z.unknown(),
    }),
  ),
  timings: z.object({ totalMs: z.number() }),
});
export type ImagePrediction = z.output<typeof imagePredictionSchema>;

/** What one run answered, tagged with the operation that ran. */
export type PlaygroundResult =
  | { kind: 'ocr'; result: TextRecognition; raw: unknown }
  | { kind: 'image'; result: ImagePrediction; raw: unknown };
