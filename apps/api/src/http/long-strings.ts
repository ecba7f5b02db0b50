// Long strings of one request's JSON, both ways, kept as bytes behind short placeholder strings.
//
// V8 puts every string over 128 KiB in its large-object space, where each allocation maps fresh
// memory and each collection unmaps it: about 0.6 ms for a 150 KB string on our hosts against
// 0.01 ms for one of 120 KB, and several ms for the megabyte strings of a large tensor, which
// JSON.stringify then copies again into a result that fastify flattens, measures and encodes.
// Tensor data in GraphQL (`dataBase64`) is the one place such strings are common, so there it
// travels outside JSON strings: the body parser cuts long values out of the request before
// parsing (json-body.ts), the output resolver hands long values over here instead of making them
// strings, and `spliceInto` cuts the serialized answer at every placeholder, so that the server
// writes the answer out piece by piece, each long value's text encoded slice by slice as it goes.
import { randomBytes } from 'node:crypto';
import type { Base64Slices } from '@modelhub/inference';

/** From this length on, a base64 value is kept as bytes rather than made a string. */
export const LONG_STRING_BYTES = 16 * 1024;

/** A NUL character and a random tag: no string a client sends can match a placeholder. */
const PROCESS_TAG = `\u0000${randomBytes(9).toString('base64')}:`;
let requests = 0;

/** A string as it appears between the quotes of a JSON string literal (a placeholder's NUL is
 * escaped there). */
export function inJsonLiteral(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** A long value of a request: its text as ASCII bytes (the request's own), or base64 text that is
 * encoded as it is written out (an answer's tensors). */
export type LongValue = Buffer | Base64Slices;

/** An answer with its long values spliced back in, as pieces to write one after another. */
export interface SplicedAnswer {
  /** the answer's length in bytes (its Content-Length) */
  byteLength: number;
  /** the answer's text, piece by piece, each produced as it is iterated (once): JSON text and
   * the long values' text, all of it UTF-8 (the long values are ASCII) */
  chunks: Iterable<string | Buffer>;
}

export class LongStrings {
  private readonly tag = `${PROCESS_TAG}${++requests}:`;
  private readonly values: LongValue[] = [];

  /** Keeps `value` and returns the placeholder standing for it. */
  add(value: LongValue): string {
    this.values.push(value);
    return `${this.tag}${this.values.length - 1}`;
  }

  /** The text a placeholder of this request stands for, as ASCII bytes; any other string as it is. */
  resolve(value: string): string | Buffer {
    if (!value.startsWith(this.tag)) return value;
    const long = this.values[Number(value.slice(this.tag.length))];
    if (!long) return value;
    return Buffer.isBuffer(long) ? long : Buffer.from([...long].join(''), 'latin1');
  }

  get size(): number {
    return this.values.length;
  }

  /**
   * `json` (a serialized answer) with each of this request's placeholders replaced by the text it
   * stands for, or null when it holds none. Placeholders only ever sit whole inside string
   * literals, and their text needs no escaping (ASCII without quotes or backslashes), so the
   * splice is exact. The text is never joined into one string or buffer: a large tensor's would be
   * a large allocation, and a copy, per answer.
   */
  spliceInto(json: string): SplicedAnswer | null {
    const marker = inJsonLiteral(this.tag);
    /** the JSON text between placeholders, and the values that replace them */
    const pieces: (string | LongValue)[] = [];
    let byteLength = 0;
    let from = 0;
    for (let at = json.indexOf(marker); at !== -1;) {
      let end = at + marker.length;
      while (isDigit(json.charCodeAt(end))) end++;
      const value = this.values[Number(json.slice(at + marker.length, end))];
      if (value) {
        const text = json.slice(from, at);
        pieces.push(text, value);
        byteLength += Buffer.byteLength(text) + value.length;
        from = end;
      }
      at = json.indexOf(marker, end);
    }
    if (pieces.length === 0) return null;
    const rest = json.slice(from);
    pieces.push(rest);
    return { byteLength: byteLength + Buffer.byteLength(rest), chunks: chunksOf(pieces) };
  }
}

function* chunksOf(pieces: (string | LongValue)[]): Generator<string | Buffer> {
  for (const piece of pieces) {
    if (typeof piece === 'string' || Buffer.isBuffer(piece)) yield piece;
    else yield* piece;
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
