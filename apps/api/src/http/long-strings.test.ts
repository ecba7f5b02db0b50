import { describe, expect, it } from 'vitest';
import { LongStrings } from './long-strings.ts';

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
    const spliced = strings.spliceInto(JSON.stringify(withPlaceholders));
    const parsed = JSON.parse(spliced.toString('utf8'));
    expect(parsed.data).toEqual(answer.data);
    expect(parsed.extensions.foreign).toBe(withPlaceholders.extensions.foreign);
  });

  it('leaves an answer without placeholders as it is', () => {
    const json = JSON.stringify({ data: { a: 'ü', b: [1, 2] } });
    expect(new LongStrings().spliceInto(json).toString('utf8')).toBe(json);
  });
});
