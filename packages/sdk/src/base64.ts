// Base64 (standard alphabet, padded) <-> bytes with base64-js, which works on byte arrays in
// browsers and Node alike (no Buffer). base64-js decodes leniently (URL-safe characters, junk
// mapped to zero bits), so a decoded string counts only when it encodes back to itself.
import { fromByteArray, toByteArray } from 'base64-js';

export function bytesToBase64(bytes: Uint8Array): string {
  return fromByteArray(bytes);
}

/**
 * The bytes of padded standard base64; null when `text` is anything else (another alphabet,
 * whitespace, missing or misplaced padding).
 */
export function base64ToBytes(text: string): Uint8Array | null {
  let bytes: Uint8Array;
  try {
    bytes = toByteArray(text);
  } catch {
    return null; // a length that is not a multiple of 4
  }
  return fromByteArray(bytes) === text ? bytes : null;
}
