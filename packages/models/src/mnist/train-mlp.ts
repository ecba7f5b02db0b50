// Minibatch training of the perceptron with softmax cross-entropy and Adam, in plain
// TypeScript. Deterministic: initial weights and batch order come from the seeded PRNG.
import type { DigitSet } from './mnist-digits.ts';
import type { MlpParameters } from './mlp.ts';
import { softmaxInPlace } from './mlp.ts';
import { createNormal, createRandom, shuffleInPlace } from './seeded-random.ts';

export interface MlpTrainingSettings {
  hiddenSize: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** the learning rate falls linearly to this fraction of itself by the last step */
  finalLearningRateFraction: number;
  /** seeds the initial weights and the minibatch order */
  seed: number;
}

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/** One parameter tensor with its gradient and Adam moments. */
class Tensor {
  readonly grad: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  constructor(readonly value: Float64Array) {
    this.grad = new Float64Array(value.length);
    this.m = new Float64Array(value.length);
    this.v = new Float64Array(value.length);
  }

  adamStep(learningRate: number, step: number, batch: number): void {
    const correction1 = 1 - ADAM_BETA1 ** step;
    const correction2 = 1 - ADAM_BETA2 ** step;
    for (let i = 0; i < this.value.length; i++) {
      const g = this.grad[i]! / batch;
      const m = (this.m[i] = ADAM_BETA1 * this.m[i]! + (1 - ADAM_BETA1) * g);
      const v = (this.v[i] = ADAM_BETA2 * this.v[i]! + (1 - ADAM_BETA2) * g * g);
      this.value[i]! -=
        (learningRate * (m / correction1)) / (Math.sqrt(v / correction2) + ADAM_EPSILON);
    }
    this.grad.fill(0);
  }
}

/** Each sample's non-zero pixels: digits are mostly background, so this skips most of layer 1. */
interface SparseRow {
  indices: Uint16Array;
  values: Float64Array;
}

function sparseRows(data: DigitSet, inputSize: number): SparseRow[] {
  const rows: SparseRow[] = [];
  for (let n = 0; n < data.count; n++) {
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < inputSize; i++) {
      const x = data.pixels[n * inputSize + i]!;
      if (x !== 0) {
        indices.push(i);
        values.push(x);
      }
    }
    rows.push({ indices: Uint16Array.from(indices), values: Float64Array.from(values) });
  }
  return rows;
}

/** He initialisation, suited to ReLU layers. */
function heInit(fanIn: number, size: number, normal: () => number): Float64Array {
  const scale = Math.sqrt(2 / fanIn);
  return Float64Array.from({ length: size }, () => normal() * scale);
}

export interface EpochReport {
  epoch: number;
  /** mean cross-entropy over the epoch's training samples */
  loss: number;
}

/** target[t0 + i] += scale * source[s0 + i] for i < length: the inner loop of both layers. */
function addScaled(
  target: Float64Array,
  targetOffset: number,
  scale: number,
  source: Float64Array,
  sourceOffset: number,
  length: number,
): void {
  for (let i = 0; i < length; i++) target[targetOffset + i]! += scale * source[sourceOffset + i]!;
}

/** The network's weights with their gradients, and scratch space for one sample. */
class MlpTrainer {
  readonly w1: Tensor;
  readonly b1: Tensor;
  readonly w2: Tensor;
  readonly b2: Tensor;
  private readonly hidden: Float64Array;
  private readonly hiddenGrad: Float64Array;
  private readonly output: Float64Array;

  constructor(
    private readonly inputSize: number,
    private readonly hiddenSize: number,
    private readonly outputSize: number,
    normal: () => number,
  ) {
    this.w1 = new Tensor(heInit(inputSize, inputSize * hiddenSize, normal));
    this.b1 = new Tensor(new Float64Array(hiddenSize));
    this.w2 = new Tensor(heInit(hiddenSize, hiddenSize * outputSize, normal));
    this.b2 = new Tensor(new Float64Array(outputSize));
    this.hidden = new Float64Array(hiddenSize);
    this.hiddenGrad = new Float64Array(hiddenSize);
    this.output = new Float64Array(outputSize);
  }

  /** Forward and backward pass of one sample: adds its gradients, returns its loss. */
  accumulate(row: SparseRow, label: number): number {
    const { hiddenSize: H, outputSize: O, hidden, hiddenGrad, output } = this;
    const W1 = this.w1.value;
    const W2 = this.w2.value;

    hidden.set(this.b1.value);
    for (let j = 0; j < row.indices.length; j++) {
      addScaled(hidden, 0, row.values[j]!, W1, row.indices[j]! * H, H);
    }
    for (let h = 0; h < H; h++) if (hidden[h]! < 0) hidden[h] = 0;
    output.set(this.b2.value);
    for (let h = 0; h < H; h++) {
      if (hidden[h]! !== 0) addScaled(output, 0, hidden[h]!, W2, h * O, O);
    }
    softmaxInPlace(output);
    const loss = -Math.log(Math.max(output[label]!, 1e-12));

    // Softmax with cross-entropy: the logits' gradient is the probabilities minus the one-hot.
    output[label]! -= 1;
    addScaled(this.b2.grad, 0, 1, output, 0, O);
    const gW2 = this.w2.grad;
    for (let h = 0; h < H; h++) {
      const a = hidden[h]!;
      if (a === 0) {
        hiddenGrad[h] = 0;
        continue;
      }
      addScaled(gW2, h * O, a, output, 0, O);
      let g = 0;
      for (let o = 0; o < O; o++) g += W2[h * O + o]! * output[o]!;
      hiddenGrad[h] = g;
    }
    addScaled(this.b1.grad, 0, 1, hiddenGrad, 0, H);
    const gW1 = this.w1.grad;
    for (let j = 0; j < row.indices.length; j++) {
      addScaled(gW1, row.indices[j]! * H, row.values[j]!, hiddenGrad, 0, H);
    }
    return loss;
  }

  step(learningRate: number, step: number, batch: number): void {
    for (const t of [this.w1, this.b1, this.w2, this.b2]) t.adamStep(learningRate, step, batch);
  }

  parameters(): MlpParameters {
    return {
      inputSize: this.inputSize,
      hiddenSize: this.hiddenSize,
      outputSize: this.outputSize,
      w1: Float32Array.from(this.w1.value),
      b1: Float32Array.from(this.b1.value),
      w2: Float32Array.from(this.w2.value),
      b2: Float32Array.from(this.b2.value),
    };
  }
}

export function trainMlp(
  data: DigitSet,
  inputSize: number,
  outputSize: number,
  settings: MlpTrainingSettings,
  onEpoch?: (report: EpochReport) => void,
): MlpParameters {
  const random = createRandom(settings.seed);
  const trainer = new MlpTrainer(inputSize, settings.hiddenSize, outputSize, createNormal(random));
  const rows = sparseRows(data, inputSize);
  const order = Array.from({ length: data.count }, (_, i) => i);
  const totalSteps = Math.ceil(data.count / settings.batchSize) * settings.epochs;
  let step = 0;
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    shuffleInPlace(order, random);
    let lossSum = 0;
    for (let start = 0; start < data.count; start += settings.batchSize) {
      const end = Math.min(start + settings.batchSize, data.count);
      for (let k = start; k < end; k++) {
        const n = order[k]!;
        lossSum += trainer.accumulate(rows[n]!, data.labels[n]!);
      }
      step++;
      const progress = totalSteps > 1 ? (step - 1) / (totalSteps - 1) : 0;
      const learningRate =
        settings.learningRate * (1 - progress * (1 - settings.finalLearningRateFraction));
      trainer.step(learningRate, step, end - start);
    }
    onEpoch?.({ epoch, loss: lossSum / data.count });
  }
  return trainer.parameters();
}
