/**
 * Copy-ready examples for models that take an image: the GraphQL `predictImage` /
 * `recognizeText` mutations (image as base64), and the raw-body image route
 * `POST /v2/models/{org}/{model}/image` from curl and from TypeScript.
 */

/** Which image operation a model answers: OCR composites read text, others classify. */
export type ImageOperation = 'recognizeText' | 'predictImage';

/** `modelhub/ppocr-ocr` -> the image route of that model on the api. */
export function imageRouteUrl(apiUrl: string, modelRef: string): string {
  const [org = '', model = ''] = modelRef.split('/');
  return `${apiUrl.replace(/\/+$/, '')}/v2/models/${encodeURIComponent(org)}/${encodeURIComponent(model)}/image`;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

const RECOGNIZE_TEXT_SELECTION = [
  '    text',
  '    lines { text confidence box { x y width height } }',
  '    costMicros',
  '    currency',
];

const PREDICT_IMAGE_SELECTION = ['    labels { label score }', '    costMicros', '    currency'];

/** The mutation, with the image in the `$image` variable. */
export function buildImageMutation(operation: ImageOperation, modelRef: string): string {
  const model = JSON.stringify(modelRef);
  const opName = operation === 'recognizeText' ? 'RecognizeText' : 'PredictImage';
  const args =
    operation === 'recognizeText'
      ? `model: ${model}, image: $image`
      : `model: ${model}, image: $image, topK: 3`;
  return [
    `mutation ${opName}($image: ImageInput!) {`,
    `  ${operation}(${args}) {`,
    ...(operation === 'recognizeText' ? RECOGNIZE_TEXT_SELECTION : PREDICT_IMAGE_SELECTION),
    '  }',
    '}',
  ].join('\n');
}

/** The variables that go with `buildImageMutation`: the file's bytes as base64. */
export function buildImageVariables(): string {
  return JSON.stringify(
    { image: { base64: '<BASE64 OF YOUR IMAGE FILE>', contentType: 'image/png' } },
    null,
    2,
  );
}

/** curl sending a PNG file as the raw body of the image route. */
export function buildImageCurl(apiUrl: string, modelRef: string): string {
  return [
    `curl -sS -X POST ${shellQuote(imageRouteUrl(apiUrl, modelRef))} \\`,
    `  -H 'Authorization: Bearer <YOUR_API_KEY>' \\`,
    `  -H 'Content-Type: image/png' \\`,
    '  --data-binary @image.png',
  ].join('\n');
}

/**
 * TypeScript for Node 20+. The SDK (@modelhub/sdk) has no image method yet, so this posts the
 * file to the image route with fetch; the answer has the same fields as the GraphQL result.
 */
export function buildImageTypescript(
  apiUrl: string,
  modelRef: string,
  operation: ImageOperation,
): string {
  const printResult =
    operation === 'recognizeText'
      ? [
          'for (const line of result.lines) {',
          '  console.log(line.text, line.confidence.toFixed(2), line.box);',
          '}',
        ]
      : ['console.log(result.labels); // [{ label, score }, ...], best first'];
  return [
    "import { readFile } from 'node:fs/promises';",
    '',
    '// @modelhub/sdk has no image method yet: send the file to the image route.',
    `const response = await fetch(${JSON.stringify(imageRouteUrl(apiUrl, modelRef))}, {`,
    "  method: 'POST',",
    '  headers: {',
    '    Authorization: `Bearer ${process.env.MODELHUB_API_KEY}`,',
    "    'Content-Type': 'image/png',",
    '  },',
    "  body: await readFile('image.png'),",
    '});',
    'if (!response.ok) {',
    '  // { error, code, reason }, e.g. 402 PAYMENT_REQUIRED or 400 CORRUPT_IMAGE',
    '  throw new Error(`${response.status}: ${await response.text()}`);',
    '}',
    'const result = await response.json();',
    ...printResult,
    'console.log(result.parameters); // what the call cost, and its timings',
  ].join('\n');
}
