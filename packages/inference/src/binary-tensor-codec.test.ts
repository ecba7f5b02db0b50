import { describe, expect, it } from 'vitest';
import { inferenceErrorCode } from './inference-error-code.test-helper.ts';
import {
  decodeInferRequestBody,
  decodeInferResponseBody,
  encodeInferRequestBody,
  encodeInferResponseBody,
  parseInferenceHeaderLength,
  wantsBinaryOutputs,
} from './binary-tensor-codec.ts';
import { parseInferRequest } from './infer-request-schema.ts';
import { validateInferInputs } from './tensor-validation.ts';
import type { InferInputTensor, InferRequest, InferResponse, ModelSignature } from './v2-types.ts';

/** A body as a client would frame it by hand: JSON header, then the given raw parts. */
function frame(header: unknown, ...parts: Uint8Array[]): { body: Buffer; headerLength: number } {
  const json = Buffer.from(JSON.stringify(header));
  return { body: Buffer.concat([json, ...parts]), headerLength: json.length };
}

function binaryInput(
  name: string,
  datatype: string,
  shape: number[],
  size: number,
  parameters: Record<string, unknown> = {},
) {
  return { name, datatype, shape, parameters: { ...parameters, binary_data_size: size } };
}

function roundTrip(request: InferRequest, binary: Set<string> | 'all' = 'all'): InferRequest {
  const { body, headerLength } = encodeInferRequestBody(request, binary);
  return parseInferRequest(decodeInferRequestBody(body, headerLength));
}

const EVERY_DATATYPE: InferInputTensor[] = [
  {
    name: 'fp32',
    datatype: 'FP32',
    shape: [2, 3],
    data: [0, 1.5, -2.25, Math.fround(3.4e38), Math.fround(-1e-30), 7],
  },
  { name: 'fp64', datatype: 'FP64', shape: [3], data: [Math.PI, -1e300, 5e-324] },
  {
    name: 'fp16',
    datatype: 'FP16',
    shape: [6],
    data: [1.0, -2.5, 65504, 2 ** -24, -(2 ** -14), 0],
  },
  { name: 'int8', datatype: 'INT8', shape: [4], data: [-128, -1, 0, 127] },
  { name: 'int16', datatype: 'INT16', shape: [3], data: [-32768, 12345, 32767] },
  { name: 'int32', datatype: 'INT32', shape: [3], data: [-2147483648, -7, 2147483647] },
  {
    name: 'int64',
    datatype: 'INT64',
    shape: [5],
    data: [Number.MIN_SAFE_INTEGER, -(2 ** 32), -1, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER],
  },
  { name: 'uint8', datatype: 'UINT8', shape: [3], data: [0, 128, 255] },
  { name: 'uint16', datatype: 'UINT16', shape: [2], data: [0, 65535] },
  { name: 'uint32', datatype: 'UINT32', shape: [2], data: [1, 4294967295] },
  {
    name: 'uint64',
    datatype: 'UINT64',
    shape: [3],
    data: [0, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER],
  },
  { name: 'bool', datatype: 'BOOL', shape: [2, 2], data: [true, false, false, true] },
  {
    name: 'bytes',
    datatype: 'BYTES',
    shape: [5],
    data: ['hello', '', 'Grüße', '日本語のテキスト', 'emoji 🤖 and \u0000 nul'],
  },
];

describe('binary tensor codec: requests', () => {
  it.each(EVERY_DATATYPE.map((t) => [t.datatype, t] as const))(
    'round-trips %s exactly',
    (_datatype, tensor) => {
      const request: InferRequest = { id: 'r1', inputs: [tensor] };
      const decoded = roundTrip(request);
      expect(decoded).toEqual(request);
      // and what comes out passes the validators a JSON request goes through
      const signature: ModelSignature = {
        inputs: [{ ...tensor, shape: tensor.shape }],
        outputs: [],
      };
      expect(validateInferInputs(decoded, signature)[0]!.data).toEqual(tensor.data);
    },
  );

  it('round-trips all datatypes in one body, in order', () => {
    const request: InferRequest = { inputs: EVERY_DATATYPE };
    expect(roundTrip(request)).toEqual(request);
  });

  it('lays bytes out little-endian, BOOL one byte, BYTES length-prefixed', () => {
    const { body, headerLength } = encodeInferRequestBody(
      {
        inputs: [
          { name: 'f', datatype: 'FP32', shape: [1], data: [1.5] },
          { name: 'i', datatype: 'INT16', shape: [1], data: [-2] },
          { name: 'b', datatype: 'BOOL', shape: [2], data: [true, false] },
          { name: 's', datatype: 'BYTES', shape: [1], data: ['hé'] },
        ],
      },
      'all',
    );
    expect([...body.subarray(headerLength!)]).toEqual([
      0x00, 0x00, 0xc0, 0x3f, 0xfe, 0xff, 1, 0, 3, 0, 0, 0, 0x68, 0xc3, 0xa9,
    ]);
    const header = JSON.parse(body.subarray(0, headerLength).toString());
    expect(header.inputs.map((t: any) => t.parameters.binary_data_size)).toEqual([4, 2, 2, 7]);
    expect(header.inputs.some((t: any) => 'data' in t)).toBe(false);
  });

  it('decodes a hand-framed FP16 body (as numpy would send it)', () => {
    const halves = Buffer.alloc(8);
    [0x3c00, 0xc100, 0x7bff, 0x0001].forEach((h, i) => halves.writeUInt16LE(h, i * 2));
    const { body, headerLength } = frame({ inputs: [binaryInput('h', 'FP16', [4], 8)] }, halves);
    const decoded = parseInferRequest(decodeInferRequestBody(body, headerLength));
    expect(decoded.inputs[0]!.data).toEqual([1, -2.5, 65504, 2 ** -24]);
    expect(decoded.inputs[0]).not.toHaveProperty('parameters');
  });

  it('mixes JSON and binary inputs, keeping other parameters', () => {
    const request: InferRequest = {
      inputs: [
        { name: 'json', datatype: 'INT32', shape: [2], data: [1, 2] },
        { name: 'bin', datatype: 'FP32', shape: [2], data: [0.5, 0.25], parameters: { x: 1 } },
        { name: 'json2', datatype: 'BYTES', shape: [1], data: ['a'] },
        { name: 'bin2', datatype: 'INT64', shape: [1], data: [42] },
      ],
      outputs: [{ name: 'y', parameters: { binary_data: true } }],
      parameters: { binary_data_output: false },
    };
    const { body, headerLength } = encodeInferRequestBody(request, new Set(['bin', 'bin2']));
    const header = JSON.parse(body.subarray(0, headerLength).toString());
    expect(header.inputs[0].data).toEqual([1, 2]);
    expect(header.inputs[1].parameters).toEqual({ x: 1, binary_data_size: 8 });
    expect(body.length - headerLength!).toBe(16);
    expect(parseInferRequest(decodeInferRequestBody(body, headerLength))).toEqual(request);
  });

  it('treats a body without a header length as plain JSON', () => {
    const request: InferRequest = {
      inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: [1] }],
    };
    const { body, headerLength } = encodeInferRequestBody(request, new Set());
    expect(headerLength).toBeUndefined();
    expect(decodeInferRequestBody(body, undefined)).toEqual(request);
    expect(decodeInferRequestBody(body, body.length)).toEqual(request);
  });

  it('flattens nested JSON data when encoding it as binary', () => {
    const request = {
      inputs: [
        {
          name: 'x',
          datatype: 'INT32',
          shape: [2, 2],
          data: [
            [1, 2],
            [3, 4],
          ],
        },
      ],
    } as unknown as InferRequest;
    expect(roundTrip(request).inputs[0]!.data).toEqual([1, 2, 3, 4]);
  });

  it('round-trips a 1x3x224x224 FP32 image exactly', () => {
    const count = 3 * 224 * 224;
    const data = Array.from({ length: count }, (_, i) => Math.fround(Math.sin(i) * 255));
    const request: InferRequest = {
      inputs: [{ name: 'image', datatype: 'FP32', shape: [1, 3, 224, 224], data }],
    };
    const { body, headerLength } = encodeInferRequestBody(request, 'all');
    expect(body.length - headerLength!).toBe(count * 4);
    const decoded = parseInferRequest(decodeInferRequestBody(body, headerLength));
    expect(decoded.inputs[0]!.data).toEqual(data);
  });

  it('encodes a typed array of the datatype’s kind as a view over it, other data as new bytes', () => {
    const typed = Float32Array.from([1.5, -2, 3]);
    const request: InferRequest = {
      inputs: [
        { name: 'typed', datatype: 'FP32', shape: [3], data: typed as unknown as number[] },
        { name: 'list', datatype: 'FP32', shape: [2], data: [4, 5] },
        { name: 'int', datatype: 'INT32', shape: [1], data: Float32Array.of(6) as never },
      ],
    };
    const encoded = encodeInferRequestBody(request, 'all');
    const [header, typedBytes, listBytes, intBytes] = encoded.chunks;
    expect(header!.byteLength).toBe(encoded.headerLength);
    expect(typedBytes!.buffer).toBe(typed.buffer); // no copy
    expect(listBytes!.buffer).not.toBe(typed.buffer);
    expect(intBytes!.byteLength).toBe(4); // converted, not reinterpreted
    expect(encoded.byteLength).toBe(encoded.body.length);
    expect(Buffer.concat(encoded.chunks as Uint8Array[]).equals(encoded.body)).toBe(true);
    const decoded = parseInferRequest(decodeInferRequestBody(encoded.body, encoded.headerLength));
    expect(decoded.inputs.map((i) => i.data)).toEqual([[1.5, -2, 3], [4, 5], [6]]);
  });

  it('pads the JSON header to 8 bytes, so a body in fresh memory decodes into views', () => {
    for (const name of ['x', 'xy', 'xyz', 'wörter', 'a-much-longer-input-name']) {
      const data = Float64Array.from({ length: 100 }, (_, i) => i / 7);
      const encoded = encodeInferRequestBody(
        { inputs: [{ name, datatype: 'FP64', shape: [100], data: data as unknown as number[] }] },
        'all',
      );
      expect(encoded.headerLength! % 8).toBe(0);
      const body = Buffer.from(new Uint8Array(encoded.body)); // a fresh, aligned copy
      const decoded = decodeInferRequestBody(body, encoded.headerLength, { typedArrays: true });
      const out = (decoded as { inputs: { data: Float64Array }[] }).inputs[0]!.data;
      expect(out.buffer).toBe(body.buffer);
      expect(out).toEqual(data);
    }
  });

  it('returns typed arrays on request, as views when aligned and copies when not', () => {
    const data = Float32Array.from({ length: 64 }, (_, i) => i / 3);
    const request = { inputs: [{ name: 'x', datatype: 'FP32' as const, shape: [64], data }] };
    const { body, headerLength } = encodeInferRequestBody(request, 'all');
    for (const pad of [0, 1, 2, 3]) {
      // Shift the whole body inside a larger buffer so the tensor lands at every alignment.
      const backing = Buffer.alloc(body.length + pad);
      body.copy(backing, pad);
      const shifted = backing.subarray(pad);
      const decoded = decodeInferRequestBody(shifted, headerLength, { typedArrays: true }) as any;
      const out = decoded.inputs[0].data as Float32Array;
      expect(out).toBeInstanceOf(Float32Array);
      expect(out).toEqual(data);
      const aligned = (shifted.byteOffset + headerLength!) % 4 === 0;
      expect(out.buffer === backing.buffer).toBe(aligned);
    }
  });

  it('returns 64-bit integers as BigInt64Array in typed mode, beyond the safe range', () => {
    const big = new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]);
    const { body, headerLength } = encodeInferRequestBody(
      { inputs: [{ name: 'x', datatype: 'INT64', shape: [2], data: big }] },
      'all',
    );
    const typed = decodeInferRequestBody(body, headerLength, { typedArrays: true }) as any;
    expect(typed.inputs[0].data).toEqual(big);
    expect(inferenceErrorCode(() => decodeInferRequestBody(body, headerLength))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('returns FP16 as raw bits and BOOL as bytes in typed mode', () => {
    const { body, headerLength } = encodeInferRequestBody(
      {
        inputs: [
          { name: 'h', datatype: 'FP16', shape: [2], data: [1, -2.5] },
          { name: 'b', datatype: 'BOOL', shape: [2], data: [false, true] },
        ],
      },
      'all',
    );
    const typed = decodeInferRequestBody(body, headerLength, { typedArrays: true }) as any;
    expect(typed.inputs[0].data).toEqual(new Uint16Array([0x3c00, 0xc100]));
    expect(typed.inputs[1].data).toEqual(new Uint8Array([0, 1]));
  });
});

describe('binary tensor codec: lies are INVALID_ARGUMENT', () => {
  const four = Buffer.from(new Float32Array([1, 2, 3, 4]).buffer);
  const valid = () => frame({ inputs: [binaryInput('x', 'FP32', [4], 16)] }, four);

  it('accepts the valid body these lies are made from', () => {
    const { body, headerLength } = valid();
    expect(parseInferRequest(decodeInferRequestBody(body, headerLength)).inputs[0]!.data).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it.each([
    ['a header length past the body', (b: Buffer) => [b, b.length + 1]],
    ['a negative header length', (b: Buffer) => [b, -1]],
    ['a fractional header length', (b: Buffer, h: number) => [b, h + 0.5]],
    ['a NaN header length', (b: Buffer) => [b, Number.NaN]],
    ['a header length that cuts the JSON', (b: Buffer, h: number) => [b, h - 1]],
    ['a header length that swallows binary bytes', (b: Buffer, h: number) => [b, h + 4]],
    ['too few bytes', (b: Buffer, h: number) => [b.subarray(0, b.length - 4), h]],
    ['too many bytes', (b: Buffer, h: number) => [Buffer.concat([b, Buffer.alloc(4)]), h]],
    ['one stray byte', (b: Buffer, h: number) => [Buffer.concat([b, Buffer.alloc(1)]), h]],
    ['binary data but no header length', (b: Buffer) => [b, undefined]],
  ] as const)('rejects %s', (_what, lie) => {
    const { body, headerLength } = valid();
    const [b, h] = lie(body, headerLength) as [Buffer, number | undefined];
    expect(inferenceErrorCode(() => decodeInferRequestBody(b, h))).toBe('INVALID_ARGUMENT');
  });

  it.each([
    ['JSON that does not parse', Buffer.from('{"inputs": [')],
    ['a JSON header that is not an object', Buffer.from('[1,2]')],
    ['a header that is not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
  ])('rejects %s', (_what, body) => {
    expect(inferenceErrorCode(() => decodeInferRequestBody(body, body.length))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it.each([
    ['a negative binary_data_size', -4],
    ['a fractional binary_data_size', 2.5],
    ['a string binary_data_size', '16'],
    ['a null binary_data_size', null],
    ['a huge binary_data_size', 2 ** 60],
  ])('rejects %s', (_what, size) => {
    const { body, headerLength } = frame(
      {
        inputs: [
          { name: 'x', datatype: 'FP32', shape: [4], parameters: { binary_data_size: size } },
        ],
      },
      four,
    );
    expect(inferenceErrorCode(() => decodeInferRequestBody(body, headerLength))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it.each([
    ['a size that is not a multiple of the element size', binaryInput('x', 'FP32', [4], 15), 15],
    ['a size that does not match the shape', binaryInput('x', 'FP32', [5], 16), 16],
    ['an unknown datatype', binaryInput('x', 'FLOAT', [4], 16), 16],
    ['both data and binary_data_size', { ...binaryInput('x', 'FP32', [4], 16), data: [1] }, 16],
    ['an INT64 size not a multiple of 8', binaryInput('x', 'INT64', [2], 12), 12],
  ])('rejects %s', (_what, tensor, bytes) => {
    const { body, headerLength } = frame({ inputs: [tensor] }, four.subarray(0, bytes));
    expect(inferenceErrorCode(() => decodeInferRequestBody(body, headerLength))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('rejects 64-bit integers beyond the safe range, just past each edge', () => {
    for (const value of [2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)]) {
      const bytes = Buffer.from(new BigInt64Array([value]).buffer);
      const { body, headerLength } = frame({ inputs: [binaryInput('x', 'INT64', [1], 8)] }, bytes);
      expect(inferenceErrorCode(() => decodeInferRequestBody(body, headerLength))).toBe(
        'INVALID_ARGUMENT',
      );
    }
    const unsigned = Buffer.from(new BigUint64Array([2n ** 53n]).buffer);
    const u = frame({ inputs: [binaryInput('x', 'UINT64', [1], 8)] }, unsigned);
    expect(inferenceErrorCode(() => decodeInferRequestBody(u.body, u.headerLength))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('rejects BOOL bytes other than 0 and 1', () => {
    const { body, headerLength } = frame(
      { inputs: [binaryInput('b', 'BOOL', [2], 2)] },
      Buffer.from([1, 2]),
    );
    expect(inferenceErrorCode(() => decodeInferRequestBody(body, headerLength))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it.each([
    ['a truncated length prefix', Buffer.from([5, 0, 0])],
    ['a length past the tensor', Buffer.from([5, 0, 0, 0, 0x61, 0x62])],
    ['a length that spills into the next element', Buffer.from([1, 0, 0, 0, 0x61, 9, 0, 0, 0])],
    ['invalid UTF-8', Buffer.from([2, 0, 0, 0, 0xc3, 0x28])],
  ])('rejects BYTES with %s', (_what, bytes) => {
    const { body, headerLength } = frame(
      { inputs: [binaryInput('s', 'BYTES', [1], bytes.length)] },
      bytes,
    );
    expect(inferenceErrorCode(() => decodeInferRequestBody(body, headerLength))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('rejects BYTES whose element count does not match the shape', () => {
    const bytes = Buffer.from([1, 0, 0, 0, 0x61, 1, 0, 0, 0, 0x62]);
    const { body, headerLength } = frame(
      { inputs: [binaryInput('s', 'BYTES', [3], bytes.length)] },
      bytes,
    );
    expect(() => decodeInferRequestBody(body, headerLength)).toThrow(/needs 3 elements.*holds 2/);
  });

  it('reads the Inference-Header-Content-Length header strictly', () => {
    expect(parseInferenceHeaderLength(undefined)).toBeUndefined();
    expect(parseInferenceHeaderLength('128')).toBe(128);
    expect(parseInferenceHeaderLength(['7'])).toBe(7);
    for (const bad of ['', '-1', '1.5', '0x10', '12abc', ['1', '2'], '9999999999999999'])
      expect(inferenceErrorCode(() => parseInferenceHeaderLength(bad))).toBe('INVALID_ARGUMENT');
  });

  it('refuses to encode request values a datatype cannot hold', () => {
    const encode = (datatype: string, data: unknown[]) =>
      encodeInferRequestBody(
        { inputs: [{ name: 'x', datatype, shape: [data.length], data }] } as InferRequest,
        'all',
      );
    expect(inferenceErrorCode(() => encode('UINT8', [256]))).toBe('INVALID_ARGUMENT');
    expect(inferenceErrorCode(() => encode('INT32', [1.5]))).toBe('INVALID_ARGUMENT');
    expect(inferenceErrorCode(() => encode('INT64', [2 ** 53]))).toBe('INVALID_ARGUMENT');
    expect(inferenceErrorCode(() => encode('UINT64', [-1]))).toBe('INVALID_ARGUMENT');
    expect(inferenceErrorCode(() => encode('FP32', ['1']))).toBe('INVALID_ARGUMENT');
    expect(inferenceErrorCode(() => encode('BOOL', [2]))).toBe('INVALID_ARGUMENT');
    expect(inferenceErrorCode(() => encode('BYTES', [1]))).toBe('INVALID_ARGUMENT');
    // data that does not fill the shape
    expect(
      inferenceErrorCode(() =>
        encodeInferRequestBody(
          { inputs: [{ name: 'x', datatype: 'FP32', shape: [2], data: [1] }] },
          'all',
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
  });
});

describe('binary tensor codec: responses', () => {
  const response: InferResponse = {
    model_name: 'acme.resnet',
    model_version: '3',
    id: 'r1',
    parameters: { queue_ms: 1, compute_ms: 2 },
    outputs: [
      { name: 'probs', datatype: 'FP32', shape: [1, 3], data: [0.25, 0.5, 0.25] },
      { name: 'label', datatype: 'BYTES', shape: [1], data: ['tabby cat'] },
      { name: 'index', datatype: 'INT64', shape: [1], data: [281] },
    ],
  };

  it('encodes the chosen outputs as binary and the others as JSON', () => {
    const { body, headerLength } = encodeInferResponseBody(response, new Set(['probs', 'index']));
    const header = JSON.parse(body.subarray(0, headerLength).toString());
    expect(header.model_name).toBe('acme.resnet');
    expect(header.outputs[0]).toEqual({
      name: 'probs',
      datatype: 'FP32',
      shape: [1, 3],
      parameters: { binary_data_size: 12 },
    });
    expect(header.outputs[1].data).toEqual(['tabby cat']);
    expect(header.outputs[2]).not.toHaveProperty('data');
    expect(body.length - headerLength!).toBe(12 + 8);
    expect(decodeInferResponseBody(body, headerLength)).toEqual(response);
  });

  it('encodes every output as binary with "all", and none as plain JSON', () => {
    const all = encodeInferResponseBody(response, 'all');
    expect(decodeInferResponseBody(all.body, all.headerLength)).toEqual(response);
    const none = encodeInferResponseBody(response, new Set());
    expect(none.headerLength).toBeUndefined();
    expect(JSON.parse(none.body.toString())).toEqual(response);
  });

  it('packs typed-array outputs as memory and turns them into JSON when not binary', () => {
    const typed = {
      ...response,
      outputs: [
        {
          name: 'probs',
          datatype: 'FP32' as const,
          shape: [1, 3],
          data: new Float32Array([0.25, 0.5, 0.25]),
        },
        {
          name: 'half',
          datatype: 'FP16' as const,
          shape: [2],
          data: new Uint16Array([0x3c00, 0xc100]),
        },
        { name: 'big', datatype: 'INT64' as const, shape: [1], data: new BigInt64Array([7n]) },
        { name: 'flag', datatype: 'BOOL' as const, shape: [1], data: new Uint8Array([1]) },
      ],
    };
    const expected = {
      ...response,
      outputs: [
        { name: 'probs', datatype: 'FP32', shape: [1, 3], data: [0.25, 0.5, 0.25] },
        { name: 'half', datatype: 'FP16', shape: [2], data: [1, -2.5] },
        { name: 'big', datatype: 'INT64', shape: [1], data: [7] },
        { name: 'flag', datatype: 'BOOL', shape: [1], data: [true] },
      ],
    };
    for (const binary of ['all', new Set<string>()] as const) {
      const { body, headerLength } = encodeInferResponseBody(typed, binary);
      expect(decodeInferResponseBody(body, headerLength)).toEqual(expected);
    }
  });

  it('reports a malformed runner response as INTERNAL', () => {
    const { body, headerLength } = encodeInferResponseBody(response, 'all');
    expect(
      inferenceErrorCode(() =>
        decodeInferResponseBody(body.subarray(0, body.length - 1), headerLength),
      ),
    ).toBe('INTERNAL');
    const noOutputs = Buffer.from('{"model_name":"m"}');
    expect(inferenceErrorCode(() => decodeInferResponseBody(noOutputs, undefined))).toBe(
      'INTERNAL',
    );
  });

  it('refuses to encode an output that does not fit its datatype (INTERNAL)', () => {
    const bad: InferResponse = {
      model_name: 'm',
      outputs: [{ name: 'y', datatype: 'UINT8', shape: [1], data: [-1] }],
    };
    expect(inferenceErrorCode(() => encodeInferResponseBody(bad, 'all'))).toBe('INTERNAL');
  });
});

describe('wantsBinaryOutputs', () => {
  it('follows binary_data per output and binary_data_output for the rest', () => {
    expect(wantsBinaryOutputs({})).toEqual(new Set());
    expect(wantsBinaryOutputs({ parameters: { binary_data_output: true } })).toBe('all');
    expect(
      wantsBinaryOutputs({
        outputs: [{ name: 'a', parameters: { binary_data: true } }, { name: 'b' }],
      }),
    ).toEqual(new Set(['a']));
    expect(
      wantsBinaryOutputs({
        parameters: { binary_data_output: true },
        outputs: [{ name: 'a', parameters: { binary_data: false } }, { name: 'b' }],
      }),
    ).toEqual(new Set(['b']));
  });

  it('rejects non-boolean flags', () => {
    expect(
      inferenceErrorCode(() => wantsBinaryOutputs({ parameters: { binary_data_output: 'yes' } })),
    ).toBe('INVALID_ARGUMENT');
    expect(
      inferenceErrorCode(() =>
        wantsBinaryOutputs({ outputs: [{ name: 'a', parameters: { binary_data: 1 } }] }),
      ),
    ).toBe('INVALID_ARGUMENT');
  });
});
