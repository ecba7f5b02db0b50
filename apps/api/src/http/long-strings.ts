// Long strings of one request's JSON, both ways, kept as bytes behind short placeholder strings.
//
// V8 puts every string over 128 KiB in its large-object space, where each allocation maps fresh
// memory and each collection unmaps it: about 0.6 ms for a 150 KB string on our hosts against
// 0.01 ms for one of 120 KB, and several ms for the megabyte strings of a large tensor, which
// JSON.stringify then copies again into a result that fastify flattens, measures and encodes.
// Tensor data in GraphQL (`dataBase64`) is the one place such strings are common, so there it
// travels as bytes: the body parser cuts long values out of the request before parsing
// (json-body.ts), the output resolver hands long values over here instead of making them strings,
// and `spliceInto` puts every placeholder's text back into the serialized answer as bytes.
import { randomBytes } from 'node:crypto';

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

export class LongStrings {
  private readonly tag = `${PROCESS_TAG}${++requests}:`;
  private readonly values: Buffer[] = [];

  /** Keeps `ascii` (a string's text as ASCII bytes) and returns the placeholder standing for it. */
  add(ascii: Buffer): string {
    this.values.push(ascii);
    return `${this.tag}${this.values.length - 1}`;
  }

  /** The text a placeholder of this request stands for, as ASCII bytes; any other string as it is. */
  resolve(value: string): string | Buffer {
    if (!value.startsWith(this.tag)) return value;
    return this.values[Number(value.slice(this.tag.length))] ?? value;
  }

  get size(): number {
    return this.values.length;
  }

  /**
   * `json` (a serialized answer) as bytes, with each of this request's placeholders replaced by
   * the text it stands for. Placeholders only ever sit whole inside string literals, and their
   * text needs no escaping (ASCII without quotes or backslashes), so a byte splice is exact.
   */
  spliceInto(json: string): Buffer {
    const marker = inJsonLiteral(this.tag);
    const pieces: Buffer[] = [];
    let from = 0;
    for (let at = json.indexOf(marker); at !== -1; at = json.indexOf(marker, from)) {
      let end = at + marker.length;
      while (isDigit(json.charCodeAt(end))) end++;
      const value = this.values[Number(json.slice(at + marker.length, end))];
      if (value) pieces.push(Buffer.from(json.slice(from, at)), value);
      else pieces.push(Buffer.from(json.slice(from, end)));
      from = end;
    }
    pieces.push(Buffer.from(json.slice(from)));
    return Buffer.concat(pieces);
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
