import { encodeTensorBase64Slices } from '@modelhub/inference';
import { describe, expect, it } from 'vitest';
import { LongStrings, type SplicedAnswer } from './long-strings.ts';

/** The answer as one buffer, checking its Content-Length. */
function joined(answer: SplicedAnswer | null): Buffer {
  const bytes = Buffer.concat([...answer!.chunks].map((chunk) => Buffer.from(chunk)));
  expect(bytes.length).toBe(answer!.byteLength);
  return bytes;
}

const text = (length: number, seed: number) =>
  Buffer.from(Array.from({ length }, (_, i) => (i * 7 + seed) % 256)).toString('base64');

describe('LongStrings', () => {
  it('resolves its own placeholders to their bytes, and any other string to itself', () => {
    const strings = new LongStrings();
    const value = Buffer.from(text(100, 1));
    const placeholder = strings.add(value);
    expect(strings.resolve(placeholder)).toBe(value);
    expect(strings.resolve('plain')).toBe('plain');
    // another request's placeholder is not this one's
    expect(new LongStrings().resolve(placeholder)).toBe(placeholder);
    expect(strings.resolve(`${placeholder}9`)).toBe(`${placeholder}9`);
  });

  it('splices every placeholder of a serialized answer back as the text it stands for', () => {
    const strings = new LongStrings();
    const other = new LongStrings();
    const texts = Array.from({ length: 12 }, (_, i) => text(3_000 + i, i));
    const answer = {
      data: {
        predict: {
          outputs: texts.map((t, i) => ({ name: `ö${i}`, dataBase64: t })),
          note: 'ünïcode "quoted" \\ text',
        },
      },
    };
    const withPlaceholders = {
      data: {
        predict: {
          outputs: texts.map((t, i) => ({
            name: `ö${i}`,
            dataBase64: strings.add(Buffer.from(t, 'latin1')),
          })),
          note: answer.data.predict.note,
        },
      },
      // a placeholder of another request stays as it is
      extensions: { foreign: other.add(Buffer.from('x')) },
    };
    const parsed = JSON.parse(
      joined(strings.spliceInto(JSON.stringify(withPlaceholders))).toString(),
    );
    expect(parsed.data).toEqual(answer.data);
    expect(parsed.extensions.foreign).toBe(withPlaceholders.extensions.foreign);
  });

  it('splices a tensor in as its base64 text, encoded slice by slice', () => {
    const strings = new LongStrings();
    const values = Float32Array.from({ length: 100_001 }, (_, i) => Math.cos(i) * 7);
    const json = JSON.stringify({
      data: { note: 'ü', dataBase64: strings.add(encodeTensorBase64Slices('FP32', values)) },
    });
    const answer = strings.spliceInto(json);
    expect([...answer!.chunks].length).toBeGreaterThan(3);
    const parsed = JSON.parse(joined(strings.spliceInto(json)).toString());
    expect(parsed.data.note).toBe('ü');
    expect(parsed.data.dataBase64).toBe(Buffer.from(values.buffer).toString('base64'));
  });

  it('has nothing to splice in an answer without its placeholders', () => {
    const other = new LongStrings();
    const strings = new LongStrings();
    strings.add(Buffer.from('AAAA'));
    expect(strings.spliceInto(JSON.stringify({ data: { a: 'ü', b: [1, 2] } }))).toBeNull();
    expect(strings.spliceInto(JSON.stringify({ a: other.add(Buffer.from('x')) }))).toBeNull();
  });
});
