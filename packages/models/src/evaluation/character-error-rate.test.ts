import { describe, expect, it } from 'vitest';
import { characterErrorRate, levenshteinDistance } from './character-error-rate.ts';

describe('levenshteinDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
    ['flaw', 'lawn', 2],
    ['héllo', 'hello', 1],
    // one code point, although two UTF-16 units
    ['😀a', 'a', 1],
  ])('%s -> %s takes %i edits', (a, b, edits) => {
    expect(levenshteinDistance(a, b)).toBe(edits);
  });
});

describe('characterErrorRate', () => {
  it('divides the summed edits by the summed reference characters', () => {
    // 'abcd' -> 'abed': 1 substitution; 'xy' -> 'x': 1 deletion; 6 reference characters
    expect(characterErrorRate(['abcd', 'xy'], ['abed', 'x'])).toBeCloseTo(2 / 6, 12);
  });

  it('is 0 for exact readings and can exceed 1 when characters are added', () => {
    expect(characterErrorRate(['HELLO', 'WORLD'], ['HELLO', 'WORLD'])).toBe(0);
    expect(characterErrorRate(['a'], ['abc'])).toBe(2);
  });

  it('rejects references without characters and unequal lists', () => {
    expect(() => characterErrorRate([''], ['x'])).toThrow(RangeError);
    expect(() => characterErrorRate(['a', 'b'], ['a'])).toThrow(RangeError);
  });
});
