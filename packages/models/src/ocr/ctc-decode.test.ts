import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OCR_DICTIONARY_FILE } from '../demo-zoo.ts';
import { ctcGreedyDecode, loadOcrDictionary } from './ctc-decode.ts';

const LABELS = ['', 'a', 'b', ' '];

/** One row per time step; each row a probability distribution over LABELS. */
function matrix(rows: number[][]): number[] {
  return rows.flat();
}

describe('ctcGreedyDecode', () => {
  it('collapses repeats, drops blanks and keeps letters that a blank separates', () => {
    const probabilities = matrix([
      [0.1, 0.7, 0.1, 0.1], // a
      [0.2, 0.6, 0.1, 0.1], // a (repeat: collapsed)
      [0.9, 0.05, 0.05, 0], // blank
      [0.1, 0.8, 0.05, 0.05], // a (after a blank: a new letter)
      [0.1, 0.1, 0.1, 0.7], // space
      [0.0, 0.0, 1.0, 0.0], // b
      [0.6, 0.2, 0.1, 0.1], // blank
    ]);
    const decoded = ctcGreedyDecode(probabilities, 7, LABELS);
    expect(decoded.text).toBe('aa b');
    // Only the first step of a repeated run counts: (0.7 + 0.8 + 0.7 + 1.0) / 4.
    expect(decoded.confidence).toBeCloseTo(0.8, 10);
  });

  it('reads a sequence at an offset in a batch', () => {
    const first = matrix([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    const second = matrix([
      [0, 0, 0.5, 0.5],
      [0, 0, 0.9, 0.1],
    ]);
    expect(ctcGreedyDecode([...first, ...second], 2, LABELS, first.length)).toEqual({
      text: 'b',
      confidence: 0.5,
    });
  });

  it('gives empty text with confidence 0 when every step is blank', () => {
    expect(ctcGreedyDecode(matrix([[1, 0, 0, 0]]), 1, LABELS)).toEqual({
      text: '',
      confidence: 0,
    });
  });
});

describe('loadOcrDictionary', () => {
  it('puts the blank first and a space last, as the recognizer output expects', async () => {
    const labels = await loadOcrDictionary(OCR_DICTIONARY_FILE);
    // softmax_11.tmp_0 of PP-OCRv4 recognition has 6625 classes.
    expect(labels).toHaveLength(6625);
    expect(labels[0]).toBe('');
    expect(labels.at(-1)).toBe(' ');
    expect(labels).toEqual(expect.arrayContaining(['A', 'z', '0', '9', '%', '$']));
  });

  it('ignores CR line ends and a final newline', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ocr-dict-'));
    try {
      const file = path.join(dir, 'keys.txt');
      await writeFile(file, 'x\r\ny\r\n');
      expect(await loadOcrDictionary(file)).toEqual(['', 'x', 'y', ' ']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
