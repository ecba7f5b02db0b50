/**
 * The tabs of copy-ready examples on a model page: GraphQL, curl and TypeScript, written for the
 * way the model is called (raw tensors with `predict`, or an image with `predictImage` /
 * `recognizeText` and the image route).
 */
import type { TensorSpec } from '@/lib/model-schemas';
import type { PlaygroundMode } from '@/lib/playground/playground-mode';
import { buildPredictCurl, buildPredictMutation } from '@/lib/predict-snippet';
import {
  buildImageCurl,
  buildImageMutation,
  buildImageTypescript,
  buildImageVariables,
  imageRouteUrl,
  type ImageOperation,
} from './image-snippets';
import { buildSdkPredictSnippet } from './sdk-snippet';

export interface SnippetBlock {
  /** Names the block (and its copy button), e.g. "GraphQL mutation". */
  label: string;
  code: string;
}

export interface SnippetTab {
  id: 'graphql' | 'curl' | 'typescript';
  /** The tab's name. */
  label: string;
  /** A sentence above the code: where it goes and what to replace. */
  intro: string;
  blocks: SnippetBlock[];
}

export interface ModelSnippetInput {
  apiUrl: string;
  modelRef: string;
  inputs: readonly TensorSpec[];
  mode: PlaygroundMode;
}

/** The image operation of a mode; null for models called with raw tensors. */
export function imageOperationOf(mode: PlaygroundMode): ImageOperation | null {
  if (mode.kind === 'ocr') return 'recognizeText';
  if (mode.kind === 'image') return 'predictImage';
  return null;
}

export function buildModelSnippets(input: ModelSnippetInput): SnippetTab[] {
  const apiUrl = input.apiUrl.replace(/\/+$/, '');
  const operation = imageOperationOf(input.mode);
  if (operation) {
    return [
      {
        id: 'graphql',
        label: 'GraphQL',
        intro: `POST to ${apiUrl}/graphql with your API key as a Bearer token; put the image file's bytes, base64-encoded, in the variables.`,
        blocks: [
          { label: 'GraphQL mutation', code: buildImageMutation(operation, input.modelRef) },
          { label: 'GraphQL variables', code: buildImageVariables() },
        ],
      },
      {
        id: 'curl',
        label: 'curl',
        intro: `Send the image file as the raw body of ${imageRouteUrl(apiUrl, input.modelRef)} (PNG, JPEG or WebP, with its Content-Type).`,
        blocks: [{ label: 'curl', code: buildImageCurl(apiUrl, input.modelRef) }],
      },
      {
        id: 'typescript',
        label: 'TypeScript',
        intro:
          'Node 20 or later. The SDK has no image method yet, so this sends the file to the same image route with fetch.',
        blocks: [
          { label: 'TypeScript', code: buildImageTypescript(apiUrl, input.modelRef, operation) },
        ],
      },
    ];
  }
  return [
    {
      id: 'graphql',
      label: 'GraphQL',
      intro: `POST to ${apiUrl}/graphql with your API key as a Bearer token; replace each data: [...] with the tensor's values, flattened row-major.`,
      blocks: [
        { label: 'GraphQL mutation', code: buildPredictMutation(input.modelRef, input.inputs) },
      ],
    },
    {
      id: 'curl',
      label: 'curl',
      intro: 'The same mutation from a shell; replace each data: [...] with the values.',
      blocks: [{ label: 'curl', code: buildPredictCurl(apiUrl, input.modelRef, input.inputs) }],
    },
    {
      id: 'typescript',
      label: 'TypeScript',
      intro: 'With the SDK: npm install @modelhub/sdk, then set MODELHUB_API_KEY.',
      blocks: [
        {
          label: 'TypeScript',
          code: buildSdkPredictSnippet(apiUrl, input.modelRef, input.inputs),
        },
      ],
    },
  ];
}
