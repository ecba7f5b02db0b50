// The recognizer's per-time-step character probabilities -> text, by greedy CTC decoding.
import { readFile } from 'node:fs/promises';

/** CTC reserves class 0 for "no character here". */
const CTC_BLANK = 0;

/**
 * The recognizer's class labels from a PaddleOCR dictionary file (one character per line):
 * the CTC blank first, then the file's characters, then a space, as PaddleOCR's
 * `use_space_char` appends it. Index i is the label of output class i.
 */
export async function loadOcrDictionary(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const characters = text.split('\n').map((line) => line.replace(/\r$/, ''));
  // A trailing newline would otherwise add a class that the model does not have.
  if (characters.at(-1) === '') characters.pop();
  return ['', ...characters, ' '];
}

export interface DecodedText {
  text: string;
  /** mean of the kept characters' probabilities; 0 when nothing was read */
  confidence: number;
}

/**
 * Greedy CTC: the most probable class per time step, repeats collapsed, blanks dropped.
 *
 * @param probabilities one sequence, row-major `[steps, labels.length]`, starting at `offset`
 */
export function ctcGreedyDecode(
  probabilities: ArrayLike<number>,
  steps: number,
  labels: readonly string[],
  offset = 0,
): DecodedText {
  const classes = labels.length;
  let text = '';
  let probabilitySum = 0;
  let kept = 0;
  let previous = CTC_BLANK;
  for (let step = 0; step < steps; step++) {
    const row = offset + step * classes;
    let best = 0;
    let bestProbability = probabilities[row]!;
    for (let c = 1; c < classes; c++) {
      const p = probabilities[row + c]!;
      if (p > bestProbability) {
        best = c;
        bestProbability = p;
      }
    }
    // A repeat is one character held over several steps; a blank between two separates them.
    if (best !== CTC_BLANK && best !== previous) {
      text += labels[best];
      probabilitySum += bestProbability;
      kept++;
    }
    previous = best;
  }
  return { text, confidence: kept ? probabilitySum / kept : 0 };
}
