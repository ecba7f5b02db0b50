// Tensors <-> dataBase64: the exact little-endian bytes of each datatype (checked against Node's
// Buffer and typed arrays), round trips, and outputs that must be refused.
import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../src/index.ts';
import {
  decodeTensorBase64,
  encodeNumbersBase64,
  encodeStringsBase64,
  type NumericDatatype,
} from '../src/tensor-base64.ts';

const hex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');
const fromHex = (bytes: string) => Buffer.from(bytes, 'hex').toString('base64');

describe('encoding inputs', () => {
  it('encodes FP32 1.0 as 00 00 80 3f', () => {
    expect(hex(encodeNumbersBase64('FP32', [1]))).toBe('0000803f');
    expect(encodeNumbersBase64('FP32', new Float32Array([1]))).toBe('AACAPw==');
  });

  it.each<[NumericDatatype, number[], string]>([
    ['BOOL', [1, 0, 1], '010001'],
    ['UINT8', [0, 255], '00ff'],
    ['INT8', [-1, 127, -128], 'ff7f80'],
    ['UINT16', [0x0102], '0201'],
    ['INT16', [-2], 'feff'],
    ['FP16', [1, -2, 65504], '003c00c0ff7b'],
    ['UINT32', [0x01020304], '04030201'],
    ['INT32', [-2147483648], '00000080'],
    ['FP32', [-2.5], '000020c0'],
    ['UINT64', [2 ** 53 - 1], 'ffffffffffff1f00'],
    ['INT64', [-2, 2 ** 40], 'feffffffffffffff0000000000010000'],
    ['FP64', [1], '000000000000f03f'],
  ])('writes %s little-endian', (datatype, data, bytes) => {
    expect(hex(encodeNumbersBase64(datatype, data))).toBe(bytes);
  });

  it('writes the same bytes as the typed array of the datatype holds', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1000);
    const asFloat32 = new Float32Array(values);
    const memory = (view: ArrayBufferView) =>
      Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
    expect(encodeNumbersBase64('FP32', values)).toBe(memory(asFloat32));
    expect(encodeNumbersBase64('FP32', asFloat32)).toBe(memory(asFloat32));
    expect(encodeNumbersBase64('FP64', values)).toBe(memory(new Float64Array(values)));
    const integers = values.map(Math.round);
    expect(encodeNumbersBase64('INT32', integers)).toBe(memory(new Int32Array(integers)));
    expect(encodeNumbersBase64('INT64', integers)).toBe(
      memory(BigInt64Array.from(integers, (v) => BigInt(v))),
    );
  });

  it('encodes only the elements of a typed array view, not the rest of its buffer', () => {
    const view = new Float32Array([9, 1, 2, 9]).subarray(1, 3);
    expect(encodeNumbersBase64('FP32', view)).toBe(encodeNumbersBase64('FP32', [1, 2]));
  });

  it('writes BYTES as a 4-byte little-endian length before each UTF-8 element', () => {
    expect(hex(encodeStringsBase64(['hi', '', 'wö']))).toBe(
      '02000000' + '6869' + '00000000' + '03000000' + '77c3b6',
    );
    expect(encodeStringsBase64([])).toBe('');
  });
});

describe('decoding outputs', () => {
  it.each<[NumericDatatype, number[]]>([
    ['BOOL', [1, 0, 0, 1]],
    ['UINT8', [0, 7, 255]],
    ['INT8', [-128, 0, 127]],
    ['UINT16', [0, 65535]],
    ['INT16', [-32768, 32767]],
    ['FP16', [0.5, -2, 65504, 2 ** -24, 0.333251953125]],
    ['UINT32', [0, 4294967295]],
    ['INT32', [-2147483648, 2147483647]],
    ['FP32', [0.5, -2, 3.25, Math.fround(0.1)]],
    ['UINT64', [0, 2 ** 53 - 1]],
    ['INT64', [0, -1, 2 ** 40, -(2 ** 53 - 1)]],
    ['FP64', [Math.PI, -1e300, Number.MIN_VALUE]],
  ])('round-trips %s exactly', (datatype, data) => {
    expect(decodeTensorBase64('y', datatype, encodeNumbersBase64(datatype, data))).toEqual(data);
  });

  it('rounds FP32 and FP16 values to the datatype on the way', () => {
    const [fp32] = decodeTensorBase64('y', 'FP32', encodeNumbersBase64('FP32', [0.1]));
    expect(fp32).toBe(Math.fround(0.1));
    const [fp16] = decodeTensorBase64('y', 'FP16', encodeNumbersBase64('FP16', [1 / 3]));
    expect(fp16).toBe(0.333251953125);
  });

  it('reads 64-bit integers beyond 2^53 as the nearest number', () => {
    const bytes = new BigInt64Array([2n ** 62n + 1n, -(2n ** 63n)]);
    const base64 = Buffer.from(bytes.buffer).toString('base64');
    expect(decodeTensorBase64('y', 'INT64', base64)).toEqual([2 ** 62, -(2 ** 63)]);
    const unsigned = Buffer.from(new BigUint64Array([2n ** 64n - 1n]).buffer).toString('base64');
    expect(decodeTensorBase64('y', 'UINT64', unsigned)).toEqual([2 ** 64]);
  });

  it('round-trips BYTES, empty and non-ASCII strings included', () => {
    const strings = ['hello', '', 'wörld', '✓ 🙂'];
    expect(decodeTensorBase64('y', 'BYTES', encodeStringsBase64(strings))).toEqual(strings);
  });

  it('decodes an empty string as an empty tensor', () => {
    expect(decodeTensorBase64('y', 'FP32', '')).toEqual([]);
    expect(decodeTensorBase64('y', 'BYTES', '')).toEqual([]);
  });

  it.each([
    ['FP32', 'AAAAA', /not padded standard base64/],
    ['FP32', 'AA-_AAAA', /not padded standard base64/],
    ['FP32', fromHex('000000000000'), /6 bytes, not a whole number of 4-byte elements/],
    ['INT64', fromHex('0000000000000000ff'), /9 bytes/],
    ['BOOL', fromHex('0102'), /BOOL element 1 of 2, not 0 or 1/],
    ['BYTES', fromHex('020000'), /BYTES element 0 cut off in its length/],
    ['BYTES', fromHex('0100000061' + '05000000'), /BYTES element 1 of 5 bytes where 0 remain/],
    ['BYTES', fromHex('01000000ff'), /BYTES element 0 that is not UTF-8/],
    ['BF16', '', /a datatype this SDK does not know/],
  ])('refuses a %s output of %j', (datatype, base64, message) => {
    const decode = () => decodeTensorBase64('probs', datatype as NumericDatatype, base64);
    expect(decode).toThrow(InvalidResponseError);
    expect(decode).toThrow(message);
    expect(decode).toThrow(`the api sent output 'probs' (${datatype})`);
  });
});
