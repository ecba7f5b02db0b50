import { readFileSync } from 'node:fs';
import { loadOnnxModel } from '@modelhub/runner-onnx';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import {
  OCR_CLASSIFIER_FILE,
  addModel,
  encodeModel,
  modelWithExternalDataInSubgraph,
  modelWithInitializer,
  tensorValue,
  type Dim,
} from '../test/onnx-fixtures.ts';
import { inspectOnnx } from './onnx-inspection.ts';
import { SUPPORTED_OPSET_RANGE } from './supported-opsets.ts';

const inspectError = (bytes: Uint8Array) => {
  try {
    inspectOnnx(bytes);
  } catch (error) {
    return error as { name: string; code: string; message: string; details: unknown };
  }
  throw new Error('inspectOnnx accepted the file');
};

describe('inspectOnnx', () => {
  it('reads what a small graph declares', () => {
    const inspection = inspectOnnx(
      addModel(['batch', null, 4], { opset: 17, producerName: 'pytorch', producerVersion: '2.3' }),
    );
    expect(inspection).toEqual({
      irVersion: 8,
      opset: 17,
      opsetImports: [{ domain: '', version: 17 }],
      producerName: 'pytorch',
      producerVersion: '2.3',
      producer: 'pytorch 2.3',
      parameterCount: 0n,
      inputs: ['a', 'b'].map((name) => ({
        name,
        kind: 'tensor',
        elementType: 'FLOAT',
        datatype: 'FP32',
        shape: [-1, -1, 4],
        dimNames: ['batch', null, null],
      })),
      outputs: [
        {
          name: 'y',
          kind: 'tensor',
          elementType: 'FLOAT',
          datatype: 'FP32',
          shape: [-1, -1, 4],
          dimNames: ['batch', null, null],
        },
      ],
    });
  });

  it('counts initializer elements as parameters and leaves initializers out of the inputs', () => {
    const inspection = inspectOnnx(modelWithInitializer());
    expect(inspection.parameterCount).toBe(6n);
    expect(inspection.inputs.map((i) => i.name)).toEqual(['x']);
  });

  it('reads a real exported model, weights kept in Constant nodes included', () => {
    const inspection = inspectOnnx(readFileSync(OCR_CLASSIFIER_FILE));
    expect(inspection).toMatchObject({ irVersion: 8, opset: 9, producer: null });
    expect(inspection.inputs).toEqual([
      {
        name: 'x',
        kind: 'tensor',
        elementType: 'FLOAT',
        datatype: 'FP32',
        shape: [-1, 3, -1, -1],
        dimNames: [
          'p2o.DynamicDimension.0',
          null,
          'p2o.DynamicDimension.1',
          'p2o.DynamicDimension.2',
        ],
      },
    ]);
    expect(inspection.outputs[0]).toMatchObject({ name: 'softmax_0.tmp_0', shape: [-1, 2] });
    // ~0.58 MB of FP32 weights
    expect(inspection.parameterCount).toBeGreaterThan(100_000n);
    expect(inspection.parameterCount).toBeLessThan(150_000n);
  });

  describe('refuses files that are not ONNX models', () => {
    const real = readFileSync(OCR_CLASSIFIER_FILE);
    it.each([
      ['empty', new Uint8Array(0), /empty/],
      ['text', Buffer.from('definitely not a model\n'), /not an ONNX model/],
      ['JSON', Buffer.from('{"graph": {"node": []}}'), /not an ONNX model/],
      ['a PNG header', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /not an ONNX model/],
      ['another protobuf (a bare tensor)', onnxTensorBytes(), /not an ONNX model/],
      ['a real model cut to 1 %', real.subarray(0, Math.floor(real.length / 100)), /truncated/],
      ['a real model cut in half', real.subarray(0, Math.floor(real.length / 2)), /truncated/],
      ['a real model missing its last byte', real.subarray(0, real.length - 1), /truncated/],
    ])('%s', (_what, bytes, message) => {
      const error = inspectError(bytes);
      expect(error).toMatchObject({ name: 'RegistryError', code: 'INVALID_ONNX' });
      expect(error.message).toMatch(message);
    });
  });

  it.each([99, 6, SUPPORTED_OPSET_RANGE.max + 1])('refuses ai.onnx opset %i', (opset) => {
    const error = inspectError(addModel([2], { opset }));
    expect(error).toMatchObject({ code: 'UNSUPPORTED_OPSET', details: { opset } });
    expect(error.message).toContain(
      `supported are ${SUPPORTED_OPSET_RANGE.min} to ${SUPPORTED_OPSET_RANGE.max}`,
    );
  });

  it('accepts both ends of the supported opset range', () => {
    expect(inspectOnnx(addModel([2], { opset: SUPPORTED_OPSET_RANGE.min })).opset).toBe(7);
    expect(inspectOnnx(addModel([2], { opset: SUPPORTED_OPSET_RANGE.max })).opset).toBe(
      SUPPORTED_OPSET_RANGE.max,
    );
  });

  it('keeps the supported range in step with the installed onnxruntime', async () => {
    const loads = async (opset: number) => {
      try {
        await (await loadOnnxModel(addModel([2], { opset }))).dispose();
        return true;
      } catch {
        return false;
      }
    };
    expect(await loads(SUPPORTED_OPSET_RANGE.min)).toBe(true);
    expect(await loads(SUPPORTED_OPSET_RANGE.max)).toBe(true);
    expect(await loads(SUPPORTED_OPSET_RANGE.min - 1)).toBe(false);
    expect(await loads(SUPPORTED_OPSET_RANGE.max + 1)).toBe(false);
  });

  describe('refuses external data, naming the location', () => {
    it.each([
      ['../../etc/passwd', /outside the upload: '\.\.\/\.\.\/etc\/passwd'/],
      ['/etc/passwd', /outside the upload/],
      ['C:\\Windows\\win.ini', /outside the upload/],
      ['weights/..\\..\\secret.bin', /outside the upload/],
      ['weights.bin', /external file 'weights\.bin'; upload one self-contained/],
    ])('an initializer at %j', (location, message) => {
      const error = inspectError(modelWithInitializer({ externalLocation: location }));
      expect(error).toMatchObject({ code: 'EXTERNAL_DATA', details: { tensor: 'w', location } });
      expect(error.message).toMatch(message);
    });

    it('a constant hidden in a subgraph', () => {
      const error = inspectError(modelWithExternalDataInSubgraph('../../etc/passwd'));
      expect(error).toMatchObject({
        code: 'EXTERNAL_DATA',
        details: { tensor: 'hidden', location: '../../etc/passwd' },
      });
    });
  });

  describe('shapes', () => {
    it('takes -1 as a dynamic dim', () => {
      expect(inspectOnnx(addModel([-1, 4])).inputs[0]!.shape).toEqual([-1, 4]);
    });

    it.each<[string, Dim[], RegExp]>([
      ['a negative dim', [-5, 4], /dim 0 as -5/],
      ['a dim over 2^31', [2 ** 31, 1], /dim 0 as 2147483648/],
      ['a huge dim beyond 2^53', [Number.MAX_SAFE_INTEGER, 2], /dim 0 as 9007199254740991/],
      ['a static input of 2^32 elements', [65_536, 65_536], /4294967296 elements, over the limit/],
      ['33 dims', Array.from({ length: 33 }, () => 1), /declares 33 dims/],
    ])('refuses %s', (_what, dims, message) => {
      const error = inspectError(addModel(dims));
      expect(error).toMatchObject({ code: 'INVALID_SHAPE', details: { tensor: 'a' } });
      expect(error.message).toMatch(message);
    });

    it('applies the element limit to outputs and takes limits from the caller', () => {
      const graph = encodeModel({
        node: [{ opType: 'Identity', input: ['a'], output: ['y'] }],
        input: [tensorValue('a', ['n', 10])],
        output: [tensorValue('y', [1000, 1000])],
      });
      expect(inspectOnnx(graph).outputs[0]!.shape).toEqual([1000, 1000]);
      expect(() => inspectOnnx(graph, { maxStaticElements: 999_999 })).toThrow(
        /output 'y' has the static shape \[1000, 1000\]/,
      );
    });
  });
});

function onnxTensorBytes(): Uint8Array {
  // valid protobuf, but a TensorProto rather than a ModelProto
  return onnxProto.onnx.TensorProto.encode({
    name: 'x',
    dims: [2],
    dataType: 1,
    floatData: [1, 2],
  }).finish();
}
