import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { TensorSpec } from '@/lib/model-schemas';
import {
  buildImageCurl,
  buildImageMutation,
  buildImageTypescript,
  imageRouteUrl,
} from './image-snippets';
import { buildModelSnippets, imageOperationOf } from './model-snippets';
import { buildSdkPredictSnippet } from './sdk-snippet';

const schema = buildSchema(
  readFileSync(
    path.join(import.meta.dirname, '..', '..', '..', '..', 'api', 'schema.graphql'),
    'utf8',
  ),
);

const API = 'https://api.example.com/';
const CLASSIFIER_INPUTS: TensorSpec[] = [{ name: 'x', datatype: 'FP32', shape: [-1, 3, 48, 192] }];

describe('image snippets', () => {
  it('points the image route at the model, its parts encoded', () => {
    expect(imageRouteUrl(API, 'modelhub/ppocr-ocr')).toBe(
      'https://api.example.com/v2/models/modelhub/ppocr-ocr/image',
    );
    expect(imageRouteUrl('http://h', 'a b/c')).toBe('http://h/v2/models/a%20b/c/image');
  });

  it.each(['recognizeText', 'predictImage'] as const)(
    'writes a %s mutation that is valid against the api schema',
    (operation) => {
      const mutation = buildImageMutation(operation, 'modelhub/ppocr-ocr');
      expect(mutation).toContain(`${operation}(model: "modelhub/ppocr-ocr", image: $image`);
      expect(validate(schema, parse(mutation)).map((e) => e.message)).toEqual([]);
    },
  );

  it('sends the file as the raw body with curl, the URL shell-quoted', () => {
    const curl = buildImageCurl("http://it's/", 'modelhub/mnist-digit-classifier');
    expect(curl).toContain(`'http://it'\\''s/v2/models/modelhub/mnist-digit-classifier/image'`);
    expect(curl).toContain("-H 'Content-Type: image/png'");
    expect(curl).toContain('--data-binary @image.png');
    expect(curl).toContain('Authorization: Bearer <YOUR_API_KEY>');
  });

  it('prints lines for OCR and labels for classifiers in TypeScript', () => {
    const ocr = buildImageTypescript(API, 'modelhub/ppocr-ocr', 'recognizeText');
    expect(ocr).toContain('"https://api.example.com/v2/models/modelhub/ppocr-ocr/image"');
    expect(ocr).toContain('result.lines');
    expect(ocr).toContain('process.env.MODELHUB_API_KEY');
    expect(buildImageTypescript(API, 'a/b', 'predictImage')).toContain('result.labels');
  });
});

describe('SDK snippet', () => {
  it('uses the SDK’s constructor and predict with typed arrays of the example size', () => {
    const code = buildSdkPredictSnippet(
      API,
      'modelhub/ppocr-direction-classifier',
      CLASSIFIER_INPUTS,
    );
    expect(code).toContain("import { Modelhub } from '@modelhub/sdk';");
    expect(code).toContain('baseUrl: "https://api.example.com"');
    expect(code).toContain('apiKey: process.env.MODELHUB_API_KEY');
    expect(code).toContain('modelhub.predict("modelhub/ppocr-direction-classifier", [');
    expect(code).toContain(
      '{ name: "x", datatype: "FP32", shape: [1, 3, 48, 192], data: new Float32Array(27648) },',
    );
  });

  it('falls back to a plain array for datatypes without a typed array', () => {
    const code = buildSdkPredictSnippet(API, 'a/b', [
      { name: 'flag', datatype: 'BOOL', shape: [1, 2] },
    ]);
    expect(code).toContain('data: new Array(2).fill(0)');
  });
});

describe('model snippet tabs', () => {
  it('offers GraphQL, curl and TypeScript for every model', () => {
    for (const mode of [
      { kind: 'ocr' },
      { kind: 'image', hasLabels: true, width: 28, height: 28 },
      { kind: 'unsupported', reason: 'tensors' },
    ] as const) {
      const tabs = buildModelSnippets({ apiUrl: API, modelRef: 'a/b', inputs: [], mode });
      expect(tabs.map((tab) => tab.label)).toEqual(['GraphQL', 'curl', 'TypeScript']);
    }
  });

  it('calls OCR models with recognizeText and the image route', () => {
    const tabs = buildModelSnippets({
      apiUrl: API,
      modelRef: 'modelhub/ppocr-ocr',
      inputs: [],
      mode: { kind: 'ocr' },
    });
    expect(imageOperationOf({ kind: 'ocr' })).toBe('recognizeText');
    expect(tabs[0]!.blocks.map((b) => b.label)).toEqual(['GraphQL mutation', 'GraphQL variables']);
    expect(tabs[0]!.blocks[0]!.code).toContain('recognizeText(');
    expect(JSON.parse(tabs[0]!.blocks[1]!.code)).toEqual({
      image: { base64: '<BASE64 OF YOUR IMAGE FILE>', contentType: 'image/png' },
    });
    expect(tabs[1]!.blocks[0]!.code).toContain('/v2/models/modelhub/ppocr-ocr/image');
  });

  it('calls image classifiers with predictImage', () => {
    const mode = { kind: 'image', hasLabels: true, width: 28, height: 28 } as const;
    expect(imageOperationOf(mode)).toBe('predictImage');
    const tabs = buildModelSnippets({ apiUrl: API, modelRef: 'a/b', inputs: [], mode });
    expect(tabs[0]!.blocks[0]!.code).toContain('predictImage(');
  });

  it('calls tensor models with predict, and the SDK in TypeScript', () => {
    const tabs = buildModelSnippets({
      apiUrl: API,
      modelRef: 'modelhub/ppocr-direction-classifier',
      inputs: CLASSIFIER_INPUTS,
      mode: { kind: 'unsupported', reason: 'tensors' },
    });
    expect(imageOperationOf({ kind: 'unsupported', reason: '' })).toBeNull();
    expect(tabs[0]!.blocks[0]!.code).toContain(
      'predict(model: "modelhub/ppocr-direction-classifier"',
    );
    // `data: [...]` is the placeholder to fill; with it empty the rest must be valid.
    const filled = tabs[0]!.blocks[0]!.code.replaceAll('[...]', '[]');
    expect(validate(schema, parse(filled)).map((e) => e.message)).toEqual([]);
    expect(tabs[1]!.blocks[0]!.code).toContain(
      "curl -sS -X POST 'https://api.example.com/graphql'",
    );
    expect(tabs[2]!.blocks[0]!.code).toContain('modelhub.predict(');
  });
});
