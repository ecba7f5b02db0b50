// Reads an uploaded ONNX file's protobuf without running it: what it declares (IR version,
// opsets, producer, parameters, signature) and whether it is safe to hand to onnxruntime at all.
// onnxruntime would follow external-data paths on disk and trust declared shapes, so those
// are refused here, before any session is created.
import path from 'node:path';
import type { Datatype } from '@modelhub/inference';
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import { RegistryError } from './registry-error.ts';
import { SUPPORTED_OPSET_RANGE } from './supported-opsets.ts';

const { ModelProto, TensorProto } = onnxProto.onnx;

export interface OnnxValueInfo {
  name: string;
  kind: 'tensor' | 'sparse_tensor' | 'sequence' | 'map' | 'optional' | 'unknown';
  /** ONNX element type, e.g. FLOAT; null for values that are not tensors */
  elementType: string | null;
  /** the v2 protocol datatype; null where v2 has none (BFLOAT16, COMPLEX64, FLOAT8, ...) */
  datatype: Datatype | null;
  /** -1 for dynamic dims; null when the graph does not declare the rank */
  shape: number[] | null;
  /** the symbolic name of each dynamic dim ('batch'), null for static or anonymous dims */
  dimNames: (string | null)[] | null;
}

export interface OnnxInspection {
  irVersion: number;
  /** the default-domain (ai.onnx) opset; null when the model imports none */
  opset: number | null;
  opsetImports: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  /** `name version`, null when the file names no producer */
  producer: string | null;
  /**
   * elements of the weights: initializers (non-zero values of sparse ones) and the tensors of
   * top-level Constant nodes, where exporters such as paddle2onnx put the weights instead
   */
  parameterCount: bigint;
  /** graph inputs that are not initializers: what a caller feeds */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface InspectionLimits {
  /** the largest declared dim (INT32_MAX: beyond it no runtime indexes a tensor) */
  maxDimension: number;
  /** the most dims an input or output may declare */
  maxRank: number;
  /** the most elements a fully static input or output may hold */
  maxStaticElements: number;
}

export const DEFAULT_INSPECTION_LIMITS: InspectionLimits = {
  maxDimension: 2 ** 31 - 1,
  maxRank: 32,
  // 2^28 FP32 elements are 1 GiB per request: far beyond any real model input
  maxStaticElements: 2 ** 28,
};

const ELEMENT_TYPES: Record<number, [name: string, datatype: Datatype | null]> = {
  1: ['FLOAT', 'FP32'],
  2: ['UINT8', 'UINT8'],
  3: ['INT8', 'INT8'],
  4: ['UINT16', 'UINT16'],
  5: ['INT16', 'INT16'],
  6: ['INT32', 'INT32'],
  7: ['INT64', 'INT64'],
  8: ['STRING', 'BYTES'],
  9: ['BOOL', 'BOOL'],
  10: ['FLOAT16', 'FP16'],
  11: ['DOUBLE', 'FP64'],
  12: ['UINT32', 'UINT32'],
  13: ['UINT64', 'UINT64'],
  14: ['COMPLEX64', null],
  15: ['COMPLEX128', null],
  16: ['BFLOAT16', null],
  17: ['FLOAT8E4M3FN', null],
  18: ['FLOAT8E4M3FNUZ', null],
  19: ['FLOAT8E5M2', null],
  20: ['FLOAT8E5M2FNUZ', null],
  21: ['UINT4', null],
  22: ['INT4', null],
  23: ['FLOAT4E2M1', null],
};

/** protobufjs gives int64 fields as numbers or as `Long` objects, whose toString is exact */
function toBigInt(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'number' || typeof value === 'bigint') return BigInt(value);
  return BigInt((value as { toString(): string }).toString());
}

function invalid(message: string): RegistryError {
  return new RegistryError('INVALID_ONNX', message);
}

function decode(bytes: Uint8Array): onnx.ModelProto {
  if (bytes.length === 0) throw invalid('the file is empty');
  try {
    return ModelProto.decode(bytes);
  } catch (error) {
    throw invalid(`not an ONNX model (or truncated): ${(error as Error).message}`);
  }
}

/** Inspects an ONNX file; throws RegistryError for files onnxruntime must not see. */
export function inspectOnnx(
  bytes: Uint8Array,
  limits: Partial<InspectionLimits> = {},
): OnnxInspection {
  const bounds = { ...DEFAULT_INSPECTION_LIMITS, ...limits };
  const model = decode(bytes);
  const irVersion = Number(toBigInt(model.irVersion));
  // Opset imports exist since IR 3; bytes that decode without them (text, another protobuf,
  // a file cut at a field boundary) are not a model.
  if (irVersion < 3 || !model.graph || model.opsetImport.length === 0) {
    throw invalid('not an ONNX model: it has no IR version, opset imports or graph');
  }
  const graph = model.graph;
  if (!graph.output?.length) throw invalid('the graph declares no outputs');

  const opsetImports = model.opsetImport.map((o) => ({
    domain: o.domain ?? '',
    version: Number(toBigInt(o.version)),
  }));
  const opset =
    opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? null;
  if (opset !== null && (opset < SUPPORTED_OPSET_RANGE.min || opset > SUPPORTED_OPSET_RANGE.max)) {
    throw new RegistryError(
      'UNSUPPORTED_OPSET',
      `the model uses ai.onnx opset ${opset}; supported are ${SUPPORTED_OPSET_RANGE.min} to ${SUPPORTED_OPSET_RANGE.max}`,
      { opset, ...SUPPORTED_OPSET_RANGE },
    );
  }

  rejectExternalData(model);

  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (graph.input ?? [])
    .filter((v) => !initializerNames.has(v.name ?? ''))
    .map((v) => valueInfo(v, 'input', bounds));
  const outputs = graph.output.map((v) => valueInfo(v, 'output', bounds));

  const producerName = model.producerName ?? '';
  const producerVersion = model.producerVersion ?? '';
  return {
    irVersion,
    opset,
    opsetImports,
    producerName,
    producerVersion,
    producer: `${producerName} ${producerVersion}`.trim() || null,
    parameterCount: parameterCount(graph),
    inputs,
    outputs,
  };
}

function parameterCount(graph: onnx.IGraphProto): bigint {
  let count = 0n;
  for (const tensor of graph.initializer ?? []) count += elementCount(tensor.dims);
  for (const sparse of graph.sparseInitializer ?? []) count += elementCount(sparse.values?.dims);
  for (const node of graph.node ?? []) {
    if (node.opType !== 'Constant' || (node.domain ?? '') !== '') continue;
    for (const attribute of node.attribute ?? []) {
      if (attribute.t) count += elementCount(attribute.t.dims);
      if (attribute.sparseTensor) count += elementCount(attribute.sparseTensor.values?.dims);
    }
  }
  return count;
}

function elementCount(dims: readonly unknown[] | null | undefined): bigint {
  return (dims ?? []).reduce<bigint>((n, d) => n * toBigInt(d), 1n);
}

function valueInfo(
  value: onnx.IValueInfoProto,
  role: 'input' | 'output',
  limits: InspectionLimits,
): OnnxValueInfo {
  const name = value.name ?? '';
  const type = value.type;
  const tensorType = type?.tensorType ?? type?.sparseTensorType;
  const kind: OnnxValueInfo['kind'] = type?.tensorType
    ? 'tensor'
    : type?.sparseTensorType
      ? 'sparse_tensor'
      : type?.sequenceType
        ? 'sequence'
        : type?.mapType
          ? 'map'
          : type?.optionalType
            ? 'optional'
            : 'unknown';
  if (!tensorType) {
    return { name, kind, elementType: null, datatype: null, shape: null, dimNames: null };
  }
  const [elementType, datatype] = ELEMENT_TYPES[tensorType.elemType ?? 0] ?? [
    `UNKNOWN(${tensorType.elemType ?? 0})`,
    null,
  ];
  if (!tensorType.shape) {
    return { name, kind, elementType, datatype, shape: null, dimNames: null };
  }
  const dims = tensorType.shape.dim ?? [];
  const where = `${role} '${name}'`;
  if (dims.length > limits.maxRank) {
    throw shapeError(
      `${where} declares ${dims.length} dims; at most ${limits.maxRank} are allowed`,
      name,
    );
  }
  const shape: number[] = [];
  const dimNames: (string | null)[] = [];
  let staticElements: bigint | null = 1n;
  for (const [i, dim] of dims.entries()) {
    const set = (dim as onnx.TensorShapeProto.Dimension).value;
    if (set === 'dimValue') {
      const size = toBigInt(dim.dimValue);
      // -1 is how some exporters write "dynamic"; any other negative size is impossible
      if (size < -1n || size > BigInt(limits.maxDimension)) {
        throw shapeError(`${where} declares dim ${i} as ${size}`, name);
      }
      shape.push(Number(size));
      dimNames.push(null);
      staticElements = size === -1n || staticElements === null ? null : staticElements * size;
    } else {
      shape.push(-1);
      dimNames.push(set === 'dimParam' && dim.dimParam ? dim.dimParam : null);
      staticElements = null;
    }
  }
  if (staticElements !== null && staticElements > BigInt(limits.maxStaticElements)) {
    throw shapeError(
      `${where} has the static shape [${shape.join(', ')}]: ${staticElements} elements, over the limit of ${limits.maxStaticElements}`,
      name,
    );
  }
  return { name, kind, elementType, datatype, shape, dimNames };
}

function shapeError(message: string, tensor: string): RegistryError {
  return new RegistryError('INVALID_SHAPE', message, { tensor });
}

/**
 * Every tensor the model carries, wherever it sits: initializers, constants in node attributes,
 * subgraphs of If/Loop/Scan, functions and training graphs.
 */
function* allTensors(model: onnx.IModelProto): Generator<onnx.ITensorProto> {
  function* ofSparse(sparse: onnx.ISparseTensorProto): Generator<onnx.ITensorProto> {
    if (sparse.values) yield sparse.values;
    if (sparse.indices) yield sparse.indices;
  }
  function* ofNodes(nodes: onnx.INodeProto[] | null | undefined): Generator<onnx.ITensorProto> {
    for (const node of nodes ?? []) {
      for (const attribute of node.attribute ?? []) {
        if (attribute.t) yield attribute.t;
        yield* attribute.tensors ?? [];
        if (attribute.sparseTensor) yield* ofSparse(attribute.sparseTensor);
        for (const sparse of attribute.sparseTensors ?? []) yield* ofSparse(sparse);
        if (attribute.g) yield* ofGraph(attribute.g);
        for (const g of attribute.graphs ?? []) yield* ofGraph(g);
      }
    }
  }
  function* ofGraph(graph: onnx.IGraphProto): Generator<onnx.ITensorProto> {
    yield* graph.initializer ?? [];
    for (const sparse of graph.sparseInitializer ?? []) yield* ofSparse(sparse);
    yield* ofNodes(graph.node);
  }
  if (model.graph) yield* ofGraph(model.graph);
  for (const fn of model.functions ?? []) yield* ofNodes(fn.node);
  for (const training of model.trainingInfo ?? []) {
    if (training.initialization) yield* ofGraph(training.initialization);
    if (training.algorithm) yield* ofGraph(training.algorithm);
  }
}

/**
 * An upload is one file, so external data cannot be part of it; a location that escapes the
 * model's folder is named as such, since onnxruntime would read whatever file it points at.
 */
function rejectExternalData(model: onnx.IModelProto): void {
  for (const tensor of allTensors(model)) {
    const entries = tensor.externalData ?? [];
    if (tensor.dataLocation !== TensorProto.DataLocation.EXTERNAL && entries.length === 0) continue;
    const location = entries.find((e) => e.key === 'location')?.value ?? '';
    const name = tensor.name ?? '';
    const escapes =
      path.posix.isAbsolute(location) ||
      path.win32.isAbsolute(location) ||
      location.split(/[\\/]/).includes('..');
    throw new RegistryError(
      'EXTERNAL_DATA',
      escapes
        ? `tensor '${name}' points at data outside the upload: '${location}'`
        : `tensor '${name}' keeps its data in the external file '${location}'; upload one self-contained .onnx file`,
      { tensor: name, location },
    );
  }
}
