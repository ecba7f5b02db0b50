// Character error rate: edit distance to the reference text per reference character.

/** Insertions, deletions and substitutions that turn `a` into `b`, counted in code points. */
export function levenshteinDistance(a: string, b: string): number {
  const source = Array.from(a);
  const target = Array.from(b);
  let previous = Array.from({ length: target.length + 1 }, (_, j) => j);
  for (let i = 1; i <= source.length; i++) {
    const current = [i];
    for (let j = 1; j <= target.length; j++) {
      const substitution = previous[j - 1]! + (source[i - 1] === target[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[target.length]!;
}

/**
 * The corpus CER: the summed edit distances over the summed reference lengths (so long lines
 * weigh more than short ones, as in the usual OCR benchmarks). Above 1 when the hypotheses add
 * more characters than the references have.
 */
export function characterErrorRate(
  references: readonly string[],
  hypotheses: readonly string[],
): number {
  if (references.length !== hypotheses.length) {
    throw new RangeError(`${references.length} references but ${hypotheses.length} hypotheses`);
  }
  let edits = 0;
  let characters = 0;
  references.forEach((reference, i) => {
    edits += levenshteinDistance(reference, hypotheses[i]!);
    characters += Array.from(reference).length;
  });
  if (characters === 0) throw new RangeError('the references have no characters');
  return edits / characters;
}
