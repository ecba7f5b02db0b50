/**
 * What an upload's answer means for the person who sent it: the new draft with its extracted
 * signature, or the api's refusal in words. The api's typed error (`extensions.code`, and
 * `extensions.reason` with the registry's precise cause) picks the sentence; its own message,
 * which names the specifics (the opset, the tensor, the limit), is kept next to it.
 */
import { uploadedVersionSchema, type UploadedVersion } from './publishing-schemas';

export type UploadOutcome =
  | { ok: true; version: UploadedVersion }
  | { ok: false; title: string; detail: string; code: string };

/** Sentences by the registry's reason first, then by the general code. */
const SENTENCES: Readonly<Record<string, string>> = {
  INVALID_ONNX: 'The file is not an ONNX model the runtime can load.',
  UNSUPPORTED_OPSET: 'The model uses an ONNX opset Modelhub does not support.',
  EXTERNAL_DATA:
    'The model keeps weights in a separate file. Export it with the weights inside one .onnx file.',
  INVALID_SHAPE: 'An input or output of the model has an impossible or too large shape.',
  VALIDATION_TIMEOUT: 'Checking the model took too long.',
  VALIDATION_MEMORY_LIMIT: 'Checking the model needed more memory than allowed.',
  INVALID_SEMVER: 'The version must be a semantic version such as 1.0.0.',
  DUPLICATE_VERSION: 'This version already exists. Choose a new version number.',
  TOO_LARGE: 'The file is larger than the upload limit.',
  PAYLOAD_TOO_LARGE: 'The file is larger than the upload limit.',
  BAD_USER_INPUT: 'The upload was refused.',
  NOT_FOUND: 'The model does not exist in the current organization.',
  FORBIDDEN: 'Your role in this organization cannot publish models.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again to upload.',
  RATE_LIMITED: 'Too many requests. Try again in a moment.',
  API_UNREACHABLE: 'The Modelhub API is unreachable right now.',
  API_TIMEOUT: 'The upload did not finish in time.',
  NETWORK: 'The connection broke during the upload.',
};

interface ErrorBody {
  errors?: { message?: unknown; extensions?: { code?: unknown; reason?: unknown } }[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The failure of a request that never got an answer (network error, aborted). */
export function networkFailure(): UploadOutcome {
  return {
    ok: false,
    title: SENTENCES.NETWORK!,
    detail: 'Check your connection and try again.',
    code: 'NETWORK',
  };
}

/** Reads the answer of the portal's upload route (its status and body text). */
export function uploadOutcome(status: number, text: string): UploadOutcome {
  const body = parseJson(text);
  if (status === 201) {
    const parsed = uploadedVersionSchema.safeParse(body);
    if (parsed.success) return { ok: true, version: parsed.data.version };
    return {
      ok: false,
      title: 'The upload finished, but the answer was not understood.',
      detail: 'Reload the page: the new draft is listed with the versions.',
      code: 'BAD_RESPONSE',
    };
  }
  const first = (body as ErrorBody | undefined)?.errors?.[0];
  const code =
    typeof first?.extensions?.code === 'string' ? first.extensions.code : `HTTP_${status}`;
  const reason =
    typeof first?.extensions?.reason === 'string' ? first.extensions.reason : undefined;
  const apiMessage = typeof first?.message === 'string' ? first.message : '';
  const title =
    (reason && SENTENCES[reason]) ??
    SENTENCES[code] ??
    (status === 413 ? SENTENCES.PAYLOAD_TOO_LARGE! : `The upload failed (HTTP ${status}).`);
  return {
    ok: false,
    title,
    detail: apiMessage ? `The API said: ${apiMessage}` : '',
    code: reason ?? code,
  };
}
