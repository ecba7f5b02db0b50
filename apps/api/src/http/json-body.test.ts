import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './json-body.ts';
import type { LongStrings } from './long-strings.ts';

/** The parsed value with every placeholder replaced by the text it stands for. */
function restored(value: unknown, longStrings: LongStrings | null): unknown {
  if (typeof value === 'string') {
    const resolved = longStrings?.resolve(value) ?? value;
    return typeof resolved === 'string' ? resolved : resolved.toString('latin1');
  }
  if (Array.isArray(value)) return value.map((v) => restored(v, longStrings));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restored(v, longStrings)]));
  }
  return value;
}

const base64 = (bytes: number, seed = 1) =>
  Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 131 + seed) % 256)).toString('base64');

/** A GraphQL predict body, as the SDK sends it. */
const predictBody = (dataBase64: string, extra: Record<string, unknown> = {}) => ({
  query: 'mutation($i: [TensorInput!]!) { predict(model: "m", inputs: $i) { costMicros } }',
  variables: {
    i: [{ name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], dataBase64 }],
    ...extra,
  },
});

function expectSameAsJsonParse(text: string) {
  const parsed = parseJsonBody(Buffer.from(text));
  expect(restored(parsed.value, parsed.longStrings)).toEqual(JSON.parse(text));
  return parsed;
}

describe('parseJsonBody', () => {
  it('parses small bodies as JSON.parse does, keeping nothing aside', () => {
    const text = JSON.stringify(predictBody(base64(300)));
    expect(parseJsonBody(Buffer.from(text))).toEqual({
      value: JSON.parse(text),
      longStrings: null,
    });
    expect(parseJsonBody(Buffer.alloc(0)).value).toEqual({});
  });

  it('keeps a long dataBase64 value as bytes, behind a placeholder only it resolves', () => {
    const data = base64(110_592);
    const { value, longStrings } = expectSameAsJsonParse(JSON.stringify(predictBody(data)));
    expect(longStrings?.size).toBe(1);
    const placeholder = (value as ReturnType<typeof predictBody>).variables.i[0]!.dataBase64;
    expect(placeholder.length).toBeLessThan(40);
    const bytes = longStrings!.resolve(placeholder);
    expect(Buffer.isBuffer(bytes) && bytes.toString('latin1')).toBe(data);
    // other strings resolve to themselves
    expect(longStrings!.resolve('x')).toBe('x');
  });

  it('keeps every long dataBase64 of a body, wherever the members sit and however spaced', () => {
    const a = base64(40_000, 1);
    const b = base64(90_000, 2);
    const text = `{ "variables" : { "i" : [ { "dataBase64" :\n\t "${a}" , "name":"x" },
      {"name":"y","dataBase64":"${b}"} ] , "query" : "q" } }`;
    expect(expectSameAsJsonParse(text).longStrings?.size).toBe(2);
  });

  it('leaves alone long strings under other keys, as array items, or with escapes', () => {
    const data = base64(110_000);
    const cases = [
      JSON.stringify({ variables: { image: data } }),
      JSON.stringify({ variables: { list: ['dataBase64', data] } }),
      // the key's value is not the next literal: the long string is a later member's value
      `{"dataBase64": 12, "other": "${data}"}`,
      `{"dataBase64": null, "${data}": 1}`,
      JSON.stringify(predictBody(`${data.slice(0, 60_000)}\n${data.slice(60_000)}`)),
      JSON.stringify(predictBody(`é${data}`)),
      // "dataBase64" as a value, not a key
      JSON.stringify({ a: 'dataBase64', b: data }),
    ];
    for (const text of cases) expect(expectSameAsJsonParse(text).longStrings).toBeNull();
  });

  it('finds string ends past escaped quotes and backslashes', () => {
    const data = base64(110_000);
    const text = JSON.stringify({
      comment: 'say \\"dataBase64\\": "x" \\\\',
      tricky: 'a "dataBase64": "b',
      ...predictBody(data),
    });
    expect(expectSameAsJsonParse(text).longStrings?.size).toBe(1);
  });

  it('parses any body as JSON.parse does (random documents)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['"', '\\', 'dataBase64', ':', ' ', 'é', '{', '}', '[', ']', ',', 'A'];
    const randomString = () =>
      Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * 12)])
        .join('')
        .concat(random() < 0.3 ? base64(20_000 + Math.floor(random() * 30_000)) : '');
    const randomValue = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.3) return randomString();
      if (pick < 0.4) return Math.floor(random() * 1000);
      if (pick < 0.7) return Array.from({ length: 3 }, () => randomValue(depth + 1));
      return Object.fromEntries(
        Array.from({ length: 3 }, (_, i) => [
          random() < 0.5 ? 'dataBase64' : `${randomString().slice(0, 20)}${i}`,
          randomValue(depth + 1),
        ]),
      );
    };
    for (let n = 0; n < 60; n++) {
      const text = JSON.stringify({ variables: randomValue(0), pad: base64(75_000) });
      expectSameAsJsonParse(text);
    }
  });

  it('rejects a body that is not JSON', () => {
    const data = base64(110_000);
    for (const text of [
      `{"dataBase64": "${data}"`,
      `{"dataBase64": "${data}}`,
      `{"dataBase64" "${data}"}`,
      `{"dataBase64": "${data}", }`,
    ]) {
      expect(() => parseJsonBody(Buffer.from(text))).toThrow(SyntaxError);
    }
  });
});
