// The SDK's base64 (base64-js behind a strictness check) against RFC 4648's test vectors and Node's
// Buffer, and the strings it must refuse rather than decode leniently.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../src/base64.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

/** deterministic bytes, so a failure reproduces */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes and decodes the RFC 4648 vector %j', (text, encoded) => {
    expect(bytesToBase64(ascii(text))).toBe(encoded);
    expect(base64ToBytes(encoded)).toEqual(ascii(text));
  });

  it('agrees with Buffer for every length up to 100 and every byte value', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = pseudoRandomBytes(length, length + 1);
      const expected = Buffer.from(bytes).toString('base64');
      expect(bytesToBase64(bytes)).toBe(expected);
      expect(base64ToBytes(expected)).toEqual(bytes);
    }
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(every)).toBe(Buffer.from(every).toString('base64'));
    expect(base64ToBytes(bytesToBase64(every))).toEqual(every);
  });

  it('encodes only the bytes of a view, not the rest of its buffer', () => {
    const view = ascii('xxfooxx').subarray(2, 5);
    expect(bytesToBase64(view)).toBe('Zm9v');
  });

  it.each([
    'AAAAA', // not a multiple of 4
    'AAA',
    'AA-_', // the URL-safe alphabet
    'AAAA AAA=', // whitespace
    'AAAA\nAAA=',
    'AA=A', // padding inside
    'A===', // too much padding
    '====',
    'AAAA====',
    'AA==AAAA',
    '@@@@',
    'ééAA', // not ASCII
  ])('refuses %j', (text) => {
    expect(base64ToBytes(text)).toBeNull();
  });
});
