// Writes the perceptron as an ONNX graph: Flatten -> Gemm -> Relu -> Gemm -> Softmax, opset 13,
// with a dynamic batch dimension named `batch`.
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import type { MlpParameters } from './mlp.ts';

// The package is CommonJS: its namespace arrives as a property of the default export.
const { onnx } = onnxProto;

/** ONNX IR version 7 goes with opset 13 and loads in every onnxruntime since 1.6. */
const IR_VERSION = 7;
export const MLP_ONNX_OPSET = 13;

export interface MlpOnnxOptions {
  inputName: string;
  /** the dims of one sample after the batch dim; their product is the MLP's input size */
  sampleShape: number[];
  outputName: string;
  producerName: string;
  producerVersion: string;
  docString: string;
  /** stored as the model's metadata_props */
  metadata: Record<string, string>;
}

/** ONNX raw_data is little-endian whatever the host's byte order. */
function littleEndianFloats(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function floatInitializer(
  name: string,
  dims: number[],
  values: Float32Array,
): OnnxTypes.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: littleEndianFloats(values),
  };
}

function floatValueInfo(name: string, dims: (number | string)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })),
        },
      },
    },
  };
}

function intAttribute(name: string, value: number): OnnxTypes.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

export function exportMlpToOnnx(p: MlpParameters, options: MlpOnnxOptions): Uint8Array {
  const sampleSize = options.sampleShape.reduce((a, b) => a * b, 1);
  if (sampleSize !== p.inputSize) {
    throw new RangeError(
      `sample shape [${options.sampleShape.join(', ')}] has ${sampleSize} values; the MLP takes ${p.inputSize}`,
    );
  }
  const graph: OnnxTypes.IGraphProto = {
    name: 'mlp',
    input: [floatValueInfo(options.inputName, ['batch', ...options.sampleShape])],
    output: [floatValueInfo(options.outputName, ['batch', p.outputSize])],
    initializer: [
      floatInitializer('w1', [p.inputSize, p.hiddenSize], p.w1),
      floatInitializer('b1', [p.hiddenSize], p.b1),
      floatInitializer('w2', [p.hiddenSize, p.outputSize], p.w2),
      floatInitializer('b2', [p.outputSize], p.b2),
    ],
    node: [
      {
        opType: 'Flatten',
        name: 'flatten',
        input: [options.inputName],
        output: ['flat'],
        attribute: [intAttribute('axis', 1)],
      },
      { opType: 'Gemm', name: 'dense1', input: ['flat', 'w1', 'b1'], output: ['hidden_linear'] },
      { opType: 'Relu', name: 'relu1', input: ['hidden_linear'], output: ['hidden'] },
      { opType: 'Gemm', name: 'dense2', input: ['hidden', 'w2', 'b2'], output: ['logits'] },
      {
        opType: 'Softmax',
        name: 'softmax',
        input: ['logits'],
        output: [options.outputName],
        attribute: [intAttribute('axis', 1)],
      },
    ],
  };
  const model: OnnxTypes.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: MLP_ONNX_OPSET }],
    producerName: options.producerName,
    producerVersion: options.producerVersion,
    docString: options.docString,
    graph,
    metadataProps: Object.entries(options.metadata).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
