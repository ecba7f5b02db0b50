/**
 * Which playground a model version gets, read from its runtimeConfig the way the api decides:
 * a `pipeline` of kind `ocr` is called with `recognizeText`, an `image` preprocessing with
 * `predictImage` (with class names when it declares `labels`). Anything else takes raw tensors,
 * which a person cannot sensibly type into a form, so the playground explains why it is absent.
 */
export type PlaygroundMode =
  | { kind: 'ocr' }
  | {
      kind: 'image';
      /** Whether the model answers class names (`labels`), i.e. scores worth drawing as bars. */
      hasLabels: boolean;
      /** The input the api resizes the image to, e.g. 28 x 28 for the digit classifier. */
      width: number | null;
      height: number | null;
    }
  | { kind: 'unsupported'; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

export function playgroundModeOf(
  version: { runtimeConfig: unknown; status: string } | undefined,
): PlaygroundMode {
  if (!version) {
    return { kind: 'unsupported', reason: 'This model has no published version to run yet.' };
  }
  const config = isRecord(version.runtimeConfig) ? version.runtimeConfig : {};
  const pipeline = isRecord(config.pipeline) ? config.pipeline : null;
  if (pipeline?.kind === 'ocr') return { kind: 'ocr' };
  if (pipeline) {
    return {
      kind: 'unsupported',
      reason: 'This model is a pipeline the playground does not know how to call.',
    };
  }
  const preprocessing = isRecord(config.preprocessing) ? config.preprocessing : null;
  if (preprocessing?.kind === 'image') {
    return {
      kind: 'image',
      hasLabels: Array.isArray(config.labels) && config.labels.length > 0,
      width: positiveInt(preprocessing.width),
      height: positiveInt(preprocessing.height),
    };
  }
  return {
    kind: 'unsupported',
    reason:
      'The playground runs models that take an image. This one takes raw tensors: call it with the examples above.',
  };
}
