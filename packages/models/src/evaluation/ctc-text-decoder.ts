// A ModelOutputTextDecoder for CTC text models with a `[batch, steps, classes]` output.
import type { InferOutputTensor } from '@modelhub/inference';
import { ctcGreedyDecode } from '../ocr/ctc-decode.ts';
import type { ModelOutputTextDecoder } from './evaluate-model-version.ts';
import { EvaluationError } from './evaluation-error.ts';

/** Greedy CTC decoding with `labels[i]` the text of class i (class 0 the blank). */
export function ctcGreedyTextDecoder(labels: readonly string[]): ModelOutputTextDecoder {
  return {
    description: `greedy CTC decoding over ${labels.length} classes`,
    decode(output: InferOutputTensor): string[] {
      const [batch, steps, classes] = output.shape;
      if (output.shape.length !== 3 || classes !== labels.length) {
        throw new EvaluationError(
          'UNSUPPORTED_MODEL',
          `output '${output.name}' has shape [${output.shape.join(', ')}]; CTC decoding needs [batch, steps, ${labels.length}]`,
        );
      }
      const data = output.data as number[];
      return Array.from(
        { length: batch! },
        (_, n) => ctcGreedyDecode(data, steps!, labels, n * steps! * classes).text,
      );
    },
  };
}
