import { describe, expect, it } from 'vitest';
import { InferenceError } from './inference-error.ts';
import { toJsonTensorData } from './binary-tensor-codec.ts';
import {
  decodeTensorBase64,
  encodeTensorBase64,
  encodeTensorBase64Slices,
} from './tensor-base64.ts';
import type { Datatype, TensorData } from './v2-types.ts';

const fail = (message: string) => new InferenceError('INVALID_ARGUMENT', `input 'x' ${message}`);

describe('base64 tensors', () => {
  it.each<[Datatype, TensorData]>([
    ['FP32', [0.5, -2, 3.25, 1e-3]],
    ['FP64', [Math.PI, -1e300]],
    ['INT64', [0, -1, 2 ** 40, -(2 ** 53 - 1)]],
    ['UINT8', [0, 255, 7]],
    ['INT32', [-2147483648, 2147483647]],
    ['FP16', [0.5, -2, 65504]],
    ['BOOL', [true, false, true]],
    ['BYTES', ['hello', '', 'wörld']],
  ])('round-trips %s through the v2 binary bytes', (datatype, data) => {
    const encoded = encodeTensorBase64(datatype, data);
    const typed = decodeTensorBase64(datatype, encoded, fail);
    // numbers come back as the typed array onnxruntime takes (FP16 as raw half bits)
    if (datatype !== 'BYTES') expect(ArrayBuffer.isView(typed)).toBe(true);
    const decoded = toJsonTensorData(datatype, typed);
    if (datatype === 'FP32') {
      (decoded as number[]).forEach((v, i) => expect(v).toBeCloseTo(data[i] as number, 6));
    } else {
      expect(decoded).toEqual(data);
    }
  });

  it('encodes FP32 little-endian, 4 bytes an element', () => {
    expect(encodeTensorBase64('FP32', new Float32Array([1]))).toBe(
      Buffer.from([0, 0, 0x80, 0x3f]).toString('base64'),
    );
  });

  it('refuses what is not padded standard base64, naming the tensor', () => {
    const invalid = [
      ...['AAAAA', 'AA-_AAAA', 'AAAA AAAA', 'AAA', '@@@@'],
      ...['AAA\nAAAA', 'AAAAAA=A', 'AA==AAAA', 'A===', '====', 'AAA=AAA=', 'AAAA\u00e9AAA'],
      // non-zero unused bits: 'AB==' and 'AAB=' decode to the bytes 'AA==' and 'AAA=' name
      ...['AB==', 'AAB=', 'AAAAAB=='],
    ];
    for (const bad of invalid) {
      expect(() => decodeTensorBase64('FP32', bad, fail)).toThrow(/input 'x' is not valid base64/);
      expect(() => decodeTensorBase64('FP32', Buffer.from(bad), fail)).toThrow(
        /input 'x' is not valid base64/,
      );
    }
  });

  it('refuses bytes that do not divide into elements, and BOOL bytes other than 0 or 1', () => {
    const sixBytes = Buffer.alloc(6).toString('base64');
    expect(() => decodeTensorBase64('FP32', sixBytes, fail)).toThrow(/not a multiple of 4/);
    const two = Buffer.from([1, 2]).toString('base64');
    expect(() => decodeTensorBase64('BOOL', two, fail)).toThrow(/BOOL element 1 is 2/);
  });

  it('takes every canonical string, padded or not, whatever its last bytes', () => {
    for (let length = 0; length < 9; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 97 + 255) % 256));
      const text = bytes.toString('base64');
      for (const given of [text, Buffer.from(text)]) {
        const decoded = decodeTensorBase64('UINT8', given, fail);
        expect(Buffer.from(decoded as Uint8Array)).toEqual(bytes);
      }
    }
  });

  it('decodes the empty string as an empty tensor', () => {
    expect(decodeTensorBase64('FP32', '', fail)).toEqual(new Float32Array(0));
    expect(decodeTensorBase64('FP32', Buffer.alloc(0), fail)).toEqual(new Float32Array(0));
  });

  describe('given as ASCII bytes, text longer than one decoding slice (64 KiB)', () => {
    const values = Float32Array.from({ length: 75_001 }, (_, i) => Math.sin(i) * 1e3);
    const text = Buffer.from(encodeTensorBase64('FP32', values));

    it('encodes to the same text in slices of at most 64 KiB, whatever the length', () => {
      for (const length of [0, 1, 2, 3, 12_287, 12_288, 12_289, 75_001]) {
        const part = values.subarray(0, length);
        const slices = encodeTensorBase64Slices('FP32', part);
        const whole = encodeTensorBase64('FP32', part);
        expect([...slices].join('')).toBe(whole);
        expect(slices.length).toBe(whole.length);
        expect(Math.max(0, ...[...slices].map((slice) => slice.length))).toBeLessThanOrEqual(
          64 * 1024,
        );
      }
      expect([...encodeTensorBase64Slices('UINT8', new Uint8Array([1, 2, 3, 4]))]).toEqual([
        'AQIDBA==',
      ]);
    });

    it('decodes exactly what the string decodes to', () => {
      expect(text.length).toBeGreaterThan(4 * 64 * 1024);
      expect(decodeTensorBase64('FP32', text, fail)).toEqual(values);
      // a view into a larger buffer, as the api's body parser hands it over
      const body = Buffer.concat([Buffer.from('{"dataBase64":"'), text, Buffer.from('"}')]);
      const view = body.subarray(15, 15 + text.length);
      expect(decodeTensorBase64('FP32', view, fail)).toEqual(values);
    });

    it('refuses a stray character, padding or a URL-safe character in any slice', () => {
      const spoiled = (at: number, char: string) => {
        const copy = Buffer.from(text);
        copy[at] = char.charCodeAt(0);
        return copy;
      };
      for (const bad of [
        spoiled(70_000, '*'),
        spoiled(200_000, '-'),
        spoiled(64 * 1024 - 1, '='), // padding at the end of the first slice
        spoiled(64 * 1024 + 2, '='),
        spoiled(text.length - 10, '_'),
      ]) {
        expect(() => decodeTensorBase64('FP32', bad, fail)).toThrow(/is not valid base64/);
      }
    });
  });
});
