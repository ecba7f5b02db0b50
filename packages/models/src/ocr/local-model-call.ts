// A ModelCall on in-process onnxruntime sessions of the demo zoo's OCR models, for tests and
// tools that run the pipeline without a runner.
import { loadOnnxModel, type OnnxModel, type OnnxSessionOptions } from '@modelhub/runner-onnx';
import { OCR_CLASSIFIER, OCR_DETECTOR, OCR_RECOGNIZER } from '../demo-zoo.ts';
import type { ModelCall, OcrModel } from './ocr-types.ts';

export interface LocalOcrModels {
  call: ModelCall;
  dispose(): Promise<void>;
}

const FILES: Record<OcrModel, string> = {
  detection: OCR_DETECTOR.file,
  recognition: OCR_RECOGNIZER.file,
  classifier: OCR_CLASSIFIER.file,
};

export async function loadLocalOcrModels(
  options: OnnxSessionOptions = {},
): Promise<LocalOcrModels> {
  const names = Object.keys(FILES) as OcrModel[];
  const loaded = await Promise.allSettled(names.map((name) => loadOnnxModel(FILES[name], options)));
  const models = loaded.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = loaded.find((result) => result.status === 'rejected');
  if (failure) {
    // Sessions hold native memory; the ones that did load must not leak.
    await Promise.all(models.map((model) => model.dispose()));
    throw failure.reason;
  }
  const sessions = new Map<OcrModel, OnnxModel>(names.map((name, i) => [name, models[i]!]));
  return {
    call: (model, inputs) => sessions.get(model)!.run(inputs),
    async dispose() {
      await Promise.all(models.map((model) => model.dispose()));
    },
  };
}
