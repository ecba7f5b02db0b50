// JSON request bodies, parsed so that long base64 tensor data never becomes a JavaScript string
// (why: long-strings.ts). A GraphQL `predict` with a 1x3x48x192 FP32 tensor in `dataBase64` made
// two strings over 128 KiB (the body, then the value JSON.parse cut out of it); keeping them out
// (with long-strings.ts's answers) took the api's CPU per such request from about 4.5-5 ms to
// 3 ms in an interleaved A/B (bench/README.md).
//
// The long `dataBase64` values are cut out of the body's bytes before parsing: each is replaced by
// a placeholder of the request's LongStrings, where the tensor decoder (`toInferInput`, the only
// reader of that GraphQL field) finds the bytes and decodes them in slices. Everything else parses
// exactly as JSON.parse would parse it. The other JSON routes never read a `dataBase64` member, so
// what stands in its place does not matter to them.
import { isAscii } from 'node:buffer';
import { inJsonLiteral, LONG_STRING_BYTES, LongStrings } from './long-strings.ts';

/** Bodies up to this size are parsed as they are: their strings are all small. */
const LIFT_FROM_BODY_BYTES = 96 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LIFTED_KEY = Buffer.from('dataBase64');

export interface ParsedJsonBody {
  value: unknown;
  /** null when nothing was cut out */
  longStrings: LongStrings | null;
}

/** Parses a JSON body; SyntaxError when it is not valid JSON. */
export function parseJsonBody(body: Buffer): ParsedJsonBody {
  if (body.length < LIFT_FROM_BODY_BYTES) return { value: parseText(body), longStrings: null };
  const lifts = findLongValues(body);
  if (lifts.length === 0) return { value: parseText(body), longStrings: null };

  const longStrings = new LongStrings();
  const pieces: Buffer[] = [];
  let at = 0;
  for (const { start, end } of lifts) {
    const placeholder = longStrings.add(body.subarray(start, end));
    pieces.push(body.subarray(at, start), Buffer.from(inJsonLiteral(placeholder)));
    at = end;
  }
  pieces.push(body.subarray(at));
  return { value: parseText(Buffer.concat(pieces)), longStrings };
}

function parseText(bytes: Buffer): unknown {
  return bytes.length === 0 ? {} : JSON.parse(bytes.toString('utf8'));
}

/**
 * The contents (between the quotes) of the long `"dataBase64"` values that can be cut out: plain
 * ASCII without escapes, so their bytes are their characters. It steps from string literal to
 * string literal; outside strings JSON has no quote characters, so every unescaped quote opens or
 * closes one. A body that is not valid JSON yields whatever it yields: JSON.parse rejects the rest.
 */
function findLongValues(body: Buffer): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  /** where the value of the last "dataBase64" key starts, or -1 */
  let valueAt = -1;
  let at = body.indexOf(QUOTE);
  while (at !== -1) {
    const close = closingQuote(body, at + 1);
    if (close === -1) break;
    const contents = body.subarray(at + 1, close);
    if (
      at === valueAt &&
      contents.length >= LONG_STRING_BYTES &&
      contents.indexOf(BACKSLASH) === -1 &&
      isAscii(contents)
    ) {
      found.push({ start: at + 1, end: close });
    }
    valueAt = contents.equals(LIFTED_KEY) ? valueAfterKey(body, close) : -1;
    at = body.indexOf(QUOTE, close + 1);
  }
  return found;
}

/** The index of the quote that closes the string whose contents start at `from`, or -1. */
function closingQuote(body: Buffer, from: number): number {
  let quote = body.indexOf(QUOTE, from);
  while (quote !== -1) {
    let backslashes = 0;
    while (body[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = body.indexOf(QUOTE, quote + 1);
  }
  return -1;
}

/** Where the value of a member starts, when the literal closed at `close` is its key; else -1. */
function valueAfterKey(body: Buffer, close: number): number {
  let next = close + 1;
  while (isJsonSpace(body[next])) next++;
  if (body[next] !== 0x3a) return -1; // ':'
  next++;
  while (isJsonSpace(body[next])) next++;
  return next;
}

function isJsonSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
