// A two-layer perceptron, input -> hidden (ReLU) -> output (softmax), and its forward pass in
// TypeScript: the reference the exported ONNX graph is checked against.

/** Float32 weights, laid out as the ONNX Gemm nodes take them (`[in, out]`, row-major). */
export interface MlpParameters {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export function mlpParameterCount(
  p: Pick<MlpParameters, 'inputSize' | 'hiddenSize' | 'outputSize'>,
): number {
  return (p.inputSize + 1) * p.hiddenSize + (p.hiddenSize + 1) * p.outputSize;
}

/**
 * Class probabilities for `count` inputs (row-major `[count, inputSize]`), row-major
 * `[count, outputSize]`. Sums run in float64 over the float32 weights.
 */
export function mlpProbabilities(
  p: MlpParameters,
  inputs: Float32Array,
  count: number,
): Float64Array {
  if (inputs.length !== count * p.inputSize) {
    throw new RangeError(`expected ${count * p.inputSize} input values, got ${inputs.length}`);
  }
  const out = new Float64Array(count * p.outputSize);
  const hidden = new Float64Array(p.hiddenSize);
  for (let n = 0; n < count; n++) {
    hidden.set(p.b1);
    for (let i = 0; i < p.inputSize; i++) {
      const x = inputs[n * p.inputSize + i]!;
      if (x === 0) continue;
      const row = i * p.hiddenSize;
      for (let h = 0; h < p.hiddenSize; h++) hidden[h]! += x * p.w1[row + h]!;
    }
    const logits = out.subarray(n * p.outputSize, (n + 1) * p.outputSize);
    logits.set(p.b2);
    for (let h = 0; h < p.hiddenSize; h++) {
      const a = hidden[h]!;
      if (a <= 0) continue;
      const row = h * p.outputSize;
      for (let o = 0; o < p.outputSize; o++) logits[o]! += a * p.w2[row + o]!;
    }
    softmaxInPlace(logits);
  }
  return out;
}

/** Numerically stable softmax of one row. */
export function softmaxInPlace(row: Float64Array): void {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    row[i] = Math.exp(row[i]! - max);
    sum += row[i]!;
  }
  for (let i = 0; i < row.length; i++) row[i]! /= sum;
}

/** The index of the largest value of each row of a row-major `[rows, columns]` matrix. */
export function argmaxRows(values: ArrayLike<number>, rows: number, columns: number): number[] {
  const result: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < columns; c++) {
      if (values[r * columns + c]! > values[r * columns + best]!) best = c;
    }
    result.push(best);
  }
  return result;
}
