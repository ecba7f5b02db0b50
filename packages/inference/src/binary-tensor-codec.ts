// The KServe v2 binary tensor data extension (the one Triton implements): a body is a JSON header
// of `Inference-Header-Content-Length` bytes followed by raw tensor data. A tensor sent that way
// has `parameters.binary_data_size` instead of `data`, and the binary parts follow the JSON in the
// order of the tensors that have one. It saves the JSON number printing and parsing that
// dominates large tensors (an image is ~150k floats).
// https://github.com/triton-inference-server/server/blob/main/docs/protocol/extension_binary_data.md
import { InferenceError, type InferenceErrorCode } from './inference-error.ts';
import { elementCount, flattenTensorData } from './tensor-validation.ts';
import {
  decodeTensorBytes,
  isDatatype,
  tensorByteLength,
  tensorBytes,
  type AnyTensorData,
  type TensorBytesFailure as Fail,
} from './tensor-bytes.ts';
import { halfToFloat } from './float16.ts';
import type {
  Datatype,
  InferInputTensor,
  InferOutputTensor,
  InferRequest,
  InferResponse,
  TensorData,
} from './v2-types.ts';

/** The HTTP header that gives the JSON header's length in bytes. */
export const INFERENCE_HEADER_CONTENT_LENGTH = 'Inference-Header-Content-Length';

export interface BinaryDecodeOptions {
  /**
   * Return binary tensors as typed arrays (views over the body where aligned) instead of
   * number[]/boolean[]: the hot path, since onnxruntime takes typed arrays as they are. The
   * default JSON form is what `parseInferRequest`/`validateInferInputs` check.
   */
  typedArrays?: boolean;
}

/**
 * An encoded body as its pieces in order: the JSON header, then each binary tensor's bytes, which
 * are views over the tensors' own typed arrays where those already are the bytes. A writer that
 * takes several chunks (an HTTP client) sends them without copying a large tensor again.
 */
export class EncodedBody {
  readonly byteLength: number;

  constructor(
    readonly chunks: readonly Uint8Array[],
    /** the value for `Inference-Header-Content-Length`; undefined when the body is plain JSON */
    readonly headerLength: number | undefined,
  ) {
    this.byteLength = chunks.reduce((n, chunk) => n + chunk.byteLength, 0);
  }

  /** The whole body as one buffer: a copy of the chunks when there are several. */
  get body(): Buffer {
    const [only] = this.chunks;
    if (this.chunks.length === 1 && only)
      return Buffer.from(only.buffer, only.byteOffset, only.byteLength);
    return Buffer.concat(this.chunks, this.byteLength);
  }
}

/** A tensor whose data may also be a typed array (see TypedTensorData). */
export type WithTypedData<T extends { data: unknown }> = Omit<T, 'data'> & { data: AnyTensorData };
export type TypedInferRequest = Omit<InferRequest, 'inputs'> & {
  inputs: WithTypedData<InferInputTensor>[];
};
export type TypedInferResponse = Omit<InferResponse, 'outputs'> & {
  outputs: WithTypedData<InferOutputTensor>[];
};
/** An output tensor whose numeric data may be a typed array. */
export type TypedOutputTensor = TypedInferResponse['outputs'][number];

/** Tensors with their data as JSON-form arrays, for storing or answering as JSON. */
export function toJsonTensors<T extends { datatype: Datatype; data: AnyTensorData }>(
  tensors: readonly T[],
): (Omit<T, 'data'> & { data: TensorData })[] {
  return tensors.map((t) => ({ ...t, data: toJsonTensorData(t.datatype, t.data) as TensorData }));
}

type TensorsKey = 'inputs' | 'outputs';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the `Inference-Header-Content-Length` header as HTTP servers hand it over. Absent means
 * the body is plain JSON; anything but one decimal integer is INVALID_ARGUMENT.
 */
export function parseInferenceHeaderLength(
  value: string | readonly string[] | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value.length === 1 ? value[0]! : null;
  if (text === null || !/^\s*\d{1,15}\s*$/.test(text)) {
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `${INFERENCE_HEADER_CONTENT_LENGTH} must be one non-negative integer, not ${JSON.stringify(value)}`,
    );
  }
  return Number(text);
}

function decodeBody(
  body: Uint8Array,
  headerLength: number | undefined,
  key: TensorsKey,
  code: InferenceErrorCode,
  typedArrays: boolean,
): Record<string, unknown> {
  const what = key === 'inputs' ? 'request' : 'response';
  const fail = (message: string) =>
    new InferenceError(code, `invalid binary infer ${what}: ${message}`);

  const jsonLength = headerLength ?? body.byteLength;
  if (!Number.isSafeInteger(jsonLength) || jsonLength < 0)
    throw fail(`${INFERENCE_HEADER_CONTENT_LENGTH} ${jsonLength} is not a non-negative integer`);
  if (jsonLength > body.byteLength) {
    throw fail(
      `${INFERENCE_HEADER_CONTENT_LENGTH} ${jsonLength} is larger than the body (${body.byteLength} bytes)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(body.subarray(0, jsonLength)));
  } catch {
    throw fail(`the JSON header (${jsonLength} bytes) does not parse`);
  }
  if (!isRecord(parsed)) throw fail('the JSON header is not an object');

  const binary = body.subarray(jsonLength);
  const tensors: unknown[] = Array.isArray(parsed[key]) ? (parsed[key] as unknown[]) : [];
  let offset = 0;
  tensors.forEach((tensor, index) => {
    if (!isRecord(tensor) || !isRecord(tensor.parameters)) return;
    if (!('binary_data_size' in tensor.parameters)) return;
    const { binary_data_size: size, ...otherParameters } = tensor.parameters;
    const label =
      typeof tensor.name === 'string' ? `${key.slice(0, -1)} '${tensor.name}'` : `${key}[${index}]`;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
      throw fail(
        `${label}: binary_data_size ${JSON.stringify(size)} is not a non-negative integer`,
      );
    if ('data' in tensor) throw fail(`${label} has both data and binary_data_size`);
    if (!isDatatype(tensor.datatype))
      throw fail(`${label}: binary data of unknown datatype ${JSON.stringify(tensor.datatype)}`);
    if (offset + size > binary.byteLength) {
      throw fail(
        `${label}: binary_data_size ${size} at offset ${offset} runs past the ${binary.byteLength} binary bytes after the header`,
      );
    }
    const data = decodeTensorBytes(
      tensor.datatype,
      binary.subarray(offset, offset + size),
      typedArrays,
      (message) => fail(`${label}: ${message}`),
    );
    offset += size;
    const shape = tensor.shape;
    // A malformed shape is left to the schema; a well-formed one must match the data exactly.
    if (Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      const count = elementCount(shape as number[]);
      if (count !== data.length) {
        throw fail(
          `${label}: shape [${shape.join(',')}] needs ${count} elements but the binary data holds ${data.length}`,
        );
      }
    }
    tensor.data = data;
    if (Object.keys(otherParameters).length) tensor.parameters = otherParameters;
    else delete tensor.parameters;
  });
  if (offset !== binary.byteLength) {
    throw fail(
      `${binary.byteLength - offset} bytes after the header are not claimed by any binary_data_size`,
    );
  }
  return parsed;
}

/**
 * Decodes an infer request body, JSON or binary, into the JSON form with binary tensors
 * materialised into `data`; the result is untrusted and goes to `parseInferRequest`. Every
 * inconsistency in the framing is INVALID_ARGUMENT.
 */
export function decodeInferRequestBody(
  body: Uint8Array,
  headerLength: number | undefined,
  options: BinaryDecodeOptions = {},
): unknown {
  return decodeBody(body, headerLength, 'inputs', 'INVALID_ARGUMENT', options.typedArrays ?? false);
}

/**
 * Decodes a runner's infer response body, JSON or binary. A malformed one is the runner's fault,
 * so it is INTERNAL (not the caller's INVALID_ARGUMENT).
 */
export function decodeInferResponseBody(
  body: Uint8Array,
  headerLength: number | undefined,
  options?: BinaryDecodeOptions & { typedArrays?: false },
): InferResponse;
export function decodeInferResponseBody(
  body: Uint8Array,
  headerLength: number | undefined,
  options: BinaryDecodeOptions,
): TypedInferResponse;
export function decodeInferResponseBody(
  body: Uint8Array,
  headerLength: number | undefined,
  options: BinaryDecodeOptions = {},
): TypedInferResponse {
  const parsed = decodeBody(
    body,
    headerLength,
    'outputs',
    'INTERNAL',
    options.typedArrays ?? false,
  );
  if (!Array.isArray(parsed.outputs))
    throw new InferenceError('INTERNAL', 'invalid binary infer response: it has no outputs array');
  return parsed as unknown as TypedInferResponse;
}

/**
 * Which outputs the client wants as binary: `parameters.binary_data` on a requested output, or
 * `parameters.binary_data_output` on the request for outputs that do not say (Triton's rules).
 */
export function wantsBinaryOutputs(
  request: Pick<InferRequest, 'parameters' | 'outputs'>,
): Set<string> | 'all' {
  const flag = (parameters: Record<string, unknown> | undefined, name: string, where: string) => {
    const value = parameters?.[name];
    if (value === undefined || typeof value === 'boolean') return value;
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `${where} parameters.${name} must be a boolean, not ${JSON.stringify(value)}`,
    );
  };
  const all = flag(request.parameters, 'binary_data_output', 'the request') ?? false;
  if (!request.outputs?.length) return all ? 'all' : new Set();
  const names = new Set<string>();
  for (const output of request.outputs) {
    if (flag(output.parameters, 'binary_data', `output '${output.name}'`) ?? all)
      names.add(output.name);
  }
  return names;
}

/** JSON-friendly data: typed arrays become arrays (FP16 bits become numbers). */
export function toJsonTensorData(datatype: string, data: AnyTensorData): unknown[] {
  if (Array.isArray(data)) return data;
  if (datatype === 'FP16' && data instanceof Uint16Array) return Array.from(data, halfToFloat);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array)
    return Array.from(data, Number);
  if (datatype === 'BOOL') return Array.from(data as Uint8Array, (v) => v !== 0);
  return Array.from(data as ArrayLike<number>);
}

interface EncodableTensor {
  name: string;
  datatype: string;
  shape: number[];
  data: AnyTensorData;
  parameters?: Record<string, unknown>;
}

function encodeBody(
  message: object,
  tensors: readonly EncodableTensor[],
  key: TensorsKey,
  binary: Set<string> | 'all',
  code: InferenceErrorCode,
): EncodedBody {
  const toJson = (t: EncodableTensor) => ({ ...t, data: toJsonTensorData(t.datatype, t.data) });
  if (!tensors.some((t) => binary === 'all' || binary.has(t.name))) {
    const json = JSON.stringify({ ...message, [key]: tensors.map(toJson) });
    return new EncodedBody([Buffer.from(json, 'utf8')], undefined);
  }

  const parts: { datatype: Datatype; data: ArrayLike<unknown>; fail: Fail }[] = [];
  const headerTensors = tensors.map((tensor) => {
    if (binary !== 'all' && !binary.has(tensor.name)) return toJson(tensor);
    const fail: Fail = (m) =>
      new InferenceError(code, `cannot encode ${key.slice(0, -1)} '${tensor.name}': ${m}`);
    const { data, ...rest } = tensor;
    if (!isDatatype(tensor.datatype)) throw fail(`unknown datatype ${tensor.datatype}`);
    const flat = Array.isArray(data) ? flattenTensorData(data) : data;
    const count = elementCount(tensor.shape);
    if (flat.length !== count)
      throw fail(`shape [${tensor.shape.join(',')}] needs ${count} elements, not ${flat.length}`);
    const size = tensorByteLength(tensor.datatype, flat, fail);
    parts.push({ datatype: tensor.datatype, data: flat, fail });
    return { ...rest, parameters: { ...rest.parameters, binary_data_size: size } };
  });

  const json = JSON.stringify({ ...message, [key]: headerTensors });
  // Padded with spaces (valid trailing JSON whitespace) to a multiple of 8 bytes, so that in a
  // body read into fresh memory the first tensor starts aligned and decodes as a view, not a copy.
  const header = Buffer.from(json.padEnd(json.length + alignmentPadding(json), ' '), 'utf8');
  const chunks = parts.map((part) => tensorBytes(part.datatype, part.data, part.fail));
  return new EncodedBody([header, ...chunks], header.length);
}

/** Spaces that bring the UTF-8 length of `json` to a multiple of the largest element size (8). */
function alignmentPadding(json: string): number {
  return (8 - (Buffer.byteLength(json, 'utf8') % 8)) % 8;
}

/**
 * Encodes a response with the chosen outputs as binary (`binary_data_size`, no `data`) and the
 * others as JSON. With no binary output it is plain JSON and `headerLength` is undefined. Outputs
 * may carry typed arrays (copied as memory); number[] is packed element by element. An output
 * that does not fit its datatype is our bug, so INTERNAL.
 */
export function encodeInferResponseBody(
  response: InferResponse | TypedInferResponse,
  binaryOutputs: Set<string> | 'all',
): EncodedBody {
  return encodeBody(response, response.outputs, 'outputs', binaryOutputs, 'INTERNAL');
}

/**
 * Encodes a request with the chosen inputs as binary, for clients (the api, benchmarks, the SDK).
 * Values a datatype cannot hold are INVALID_ARGUMENT rather than silently wrapped.
 */
export function encodeInferRequestBody(
  request: InferRequest | TypedInferRequest,
  binaryInputs: Set<string> | 'all',
): EncodedBody {
  return encodeBody(request, request.inputs, 'inputs', binaryInputs, 'INVALID_ARGUMENT');
}
