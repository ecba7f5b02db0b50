// Task pipelines exposed through GraphQL: `predictImage` (an image in, a model's outputs and its
// classes by name out) and `recognizeText` (an image in, text lines with boxes out, from a
// composite OCR model). Registered by importing this module from ../schema.ts.
import type { LabelScore } from '@modelhub/models';
import { DEFAULT_IMAGE_LIMITS } from '@modelhub/models';
import { requirePermission } from '../../auth/principal.ts';
import { checkIdempotencyKey, checkTopK, DEFAULT_TOP_K } from '../../pipelines/call-arguments.ts';
import { decodeImageUpload } from '../../pipelines/image-upload.ts';
import { predictImage, type ImagePredictionResult } from '../../pipelines/predict-image.ts';
import {
  recognizeText,
  type TextLine,
  type TextRecognitionResult,
} from '../../pipelines/recognize-text.ts';
import { builder } from '../builder.ts';
import { CallResultRef } from './call-result.ts';
import { TensorRef } from './prediction.ts';

const ImageInput = builder.inputType('ImageInput', {
  description:
    'An image file: PNG, JPEG or WebP, base64-encoded (a `data:image/png;base64,...` URL works too), up to 10 MiB and 20 megapixels.',
  fields: (t) => ({
    base64: t.string({
      required: true,
      description: 'The file’s bytes, base64-encoded, or a `data:` URL.',
    }),
    contentType: t.string({
      required: false,
      description:
        '`image/png`, `image/jpeg` or `image/webp`; when given it must match the bytes. The format is read from the bytes either way.',
    }),
  }),
});

const LabelScoreRef = builder.objectRef<LabelScore>('LabelScore').implement({
  description: 'One class of a classifier and its score.',
  fields: (t) => ({
    label: t.exposeString('label', { description: 'The class name the version declares.' }),
    score: t.exposeFloat('score', {
      description: 'The model’s value for the class: a probability for softmax classifiers.',
    }),
  }),
});

const ImagePredictionResultRef = builder
  .objectRef<ImagePredictionResult>('ImagePredictionResult')
  .implement({
    description: 'The result of a prediction from an image, and what it cost.',
    interfaces: [CallResultRef],
    fields: (t) => ({
      labels: t.field({
        type: [LabelScoreRef],
        nullable: true,
        description:
          'The best classes by name, best first, for versions that declare their labels; null otherwise.',
        resolve: (p) => p.labels,
      }),
      outputs: t.field({
        type: [TensorRef],
        description: 'The model’s raw output tensors.',
        resolve: (p) => p.outputs,
      }),
    }),
  });

const PixelBoxRef = builder.objectRef<TextLine['box']>('PixelBox').implement({
  description: 'An upright rectangle in image pixels; x and y are its top-left corner.',
  fields: (t) => ({
    x: t.exposeInt('x', { description: 'Pixels from the left edge of the image.' }),
    y: t.exposeInt('y', { description: 'Pixels from the top edge of the image.' }),
    width: t.exposeInt('width', { description: 'Width in pixels.' }),
    height: t.exposeInt('height', { description: 'Height in pixels.' }),
  }),
});

const PixelPointRef = builder.objectRef<[number, number]>('PixelPoint').implement({
  description: 'A point in image pixels.',
  fields: (t) => ({
    x: t.int({ description: 'Pixels from the left edge of the image.', resolve: ([x]) => x }),
    y: t.int({ description: 'Pixels from the top edge of the image.', resolve: ([, y]) => y }),
  }),
});

const TextLineRef = builder.objectRef<TextLine>('TextLine').implement({
  description: 'One line of text found in an image.',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The recognized text of the line.' }),
    confidence: t.exposeFloat('confidence', {
      description: 'Mean probability of the recognized characters, 0 to 1.',
    }),
    box: t.field({
      type: PixelBoxRef,
      description: 'The upright rectangle around the line.',
      resolve: (l) => l.box,
    }),
    polygon: t.field({
      type: [PixelPointRef],
      description:
        'The four corners of the line’s rectangle, rotated with the line when it is skewed: clockwise from top-left.',
      resolve: (l) => l.polygon,
    }),
  }),
});

const TextRecognitionResultRef = builder
  .objectRef<TextRecognitionResult>('TextRecognitionResult')
  .implement({
    description: 'The text read from an image, and what it cost.',
    interfaces: [CallResultRef],
    fields: (t) => ({
      text: t.string({ description: 'The lines, joined with newlines.', resolve: (r) => r.text }),
      lines: t.field({
        type: [TextLineRef],
        description: 'Top to bottom, then left to right.',
        resolve: (r) => r.lines,
      }),
      width: t.int({
        description: 'Of the image as seen (after its EXIF orientation).',
        resolve: (r) => r.width,
      }),
      height: t.int({
        description: 'Of the image as seen (after its EXIF orientation), in pixels.',
        resolve: (r) => r.height,
      }),
    }),
  });

const modelArgDescription =
  '`publisher/model` (latest published version) or `publisher/model@1.2.0`.';
const idempotencyArgDescription =
  'A retry with the same key returns the first result and is not charged again.';

builder.mutationField('predictImage', (t) =>
  t.field({
    type: ImagePredictionResultRef,
    description:
      'Runs a model on an image and charges the caller’s organization like `predict`. The model’s version must declare image preprocessing: the image is resized and normalised into its input. Classifiers that declare labels answer their best classes by name. Errors: BAD_USER_INPUT (with `reason`: CORRUPT_IMAGE, UNSUPPORTED_IMAGE_FORMAT, UNSUPPORTED_CONTENT_TYPE, CONTENT_TYPE_MISMATCH, TOO_MANY_PIXELS, INVALID_BASE64, NOT_AN_IMAGE_MODEL, PIPELINE_MODEL), PAYLOAD_TOO_LARGE (IMAGE_TOO_LARGE), NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, PAYMENT_REQUIRED, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT. Refused images are not charged.',
    args: {
      model: t.arg.string({ required: true, description: modelArgDescription }),
      image: t.arg({ type: ImageInput, required: true }),
      topK: t.arg.int({
        required: false,
        description: `How many labels to return, best first (default ${DEFAULT_TOP_K}).`,
      }),
      idempotencyKey: t.arg.string({ required: false, description: idempotencyArgDescription }),
    },
    resolve: async (_root, args, ctx) => {
      const principal = requirePermission(ctx.principal, 'predictions.run');
      const idempotencyKey = checkIdempotencyKey(args.idempotencyKey);
      const topK = checkTopK(args.topK);
      const image = decodeImageUpload(args.image, DEFAULT_IMAGE_LIMITS);
      return predictImage(ctx.services, principal, {
        modelRef: args.model,
        image: image.bytes,
        contentType: image.contentType,
        idempotencyKey,
        topK,
      });
    },
  }),
);

builder.mutationField('recognizeText', (t) =>
  t.field({
    type: TextRecognitionResultRef,
    description:
      'Reads the text of an image with an OCR model (a composite such as `modelhub/ppocr-ocr`: detection, line crops, direction, recognition, each on the runners) and charges the caller’s organization once, at that model’s price. Errors: as predictImage, and BAD_USER_INPUT with `reason` NOT_AN_OCR_PIPELINE for other models; NOT_FOUND with `reason` PIPELINE_STAGE_UNAVAILABLE when a stage was withdrawn. Refused or failed calls are not charged.',
    args: {
      model: t.arg.string({ required: true, description: modelArgDescription }),
      image: t.arg({ type: ImageInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: idempotencyArgDescription }),
    },
    resolve: async (_root, args, ctx) => {
      const principal = requirePermission(ctx.principal, 'predictions.run');
      const idempotencyKey = checkIdempotencyKey(args.idempotencyKey);
      const image = decodeImageUpload(args.image, DEFAULT_IMAGE_LIMITS);
      return recognizeText(ctx.services, principal, {
        modelRef: args.model,
        image: image.bytes,
        contentType: image.contentType,
        idempotencyKey,
      });
    },
  }),
);
