export {
  DEMO_MODELS,
  OCR_CLASSIFIER,
  OCR_DETECTOR,
  OCR_RECOGNIZER,
  OCR_DICTIONARY_FILE,
  WAKE_WORD_HELLO_DEEPA,
  WAKE_WORD_NAMASTE_DEEPA,
  type DemoModel,
  type DemoModelListing,
  type DemoTask,
  type DemoPriceUnit,
} from './demo-zoo.ts';
export { ZOO_MODELS, COMPOSITE_MODELS, type ZooModelListing } from './zoo-models.ts';
export { OCR_COMPOSITE, type CompositeModelListing } from './composite/ocr-composite-zoo-entry.ts';
export {
  publishDemoModels,
  seedDemoModels,
  type SeedDemoModelsOptions,
} from './seed-demo-models.ts';
export { runOcrPipeline, type OcrOptions } from './ocr/ocr-pipeline.ts';
export type { ModelCall, OcrModel, OcrLine, OcrResult, PixelBox } from './ocr/ocr-types.ts';
export { DEFAULT_TEXT_BOX_OPTIONS, type TextBoxOptions } from './ocr/detection-postprocess.ts';
export { ctcGreedyDecode, loadOcrDictionary, type DecodedText } from './ocr/ctc-decode.ts';
export { loadLocalOcrModels, type LocalOcrModels } from './ocr/local-model-call.ts';
export {
  renderTextImage,
  TEXT_IMAGE_PADDING,
  type TextImageOptions,
} from './ocr/render-text-image.ts';

export {
  DEFAULT_IMAGE_LIMITS,
  IMAGE_CONTENT_TYPES,
  IMAGE_INPUT_REASONS,
  imageFormatOf,
  inspectImage,
  type ImageFormat,
  type ImageInputReason,
  type ImageLimits,
  type ImageSource,
  type InspectImageOptions,
} from './image-input/image-source.ts';
export {
  imageToTensor,
  type ImageTensor,
  type ImageTensorOptions,
} from './image-input/image-tensor.ts';
export { topLabels, type LabelScore } from './classification/top-labels.ts';

export {
  MNIST_CLASSIFIER_SETTINGS,
  MNIST_INPUT_NAME,
  MNIST_OUTPUT_NAME,
  MNIST_PRODUCER_NAME,
  trainMnistClassifier,
  mnistSettingsHash,
  type MnistClassifierSettings,
  type TrainedMnistClassifier,
} from './mnist/mnist-classifier.ts';
export {
  defaultModelCacheDir,
  ensureMnistClassifierFile,
  mnistClassifierCacheFile,
  type MnistClassifierFile,
} from './mnist/mnist-classifier-cache.ts';
export { mnistHeldOutSamples } from './mnist/mnist-held-out.ts';
export {
  mnistHeldOutDigitImages,
  type DigitImage,
  type DigitImageOptions,
} from './mnist/mnist-digit-images.ts';
export {
  MNIST_CLASSIFIER,
  MNIST_EVALUATION_DATASET,
  mnistModelCard,
} from './mnist/mnist-zoo-entry.ts';

export {
  evaluateModelVersion,
  type EvaluateModelVersionInput,
  type EvaluationSummary,
  type ModelOutputTextDecoder,
} from './evaluation/evaluate-model-version.ts';
export { EvaluationError, type EvaluationErrorCode } from './evaluation/evaluation-error.ts';
export {
  accuracy,
  classificationMetrics,
  macroPrecisionRecallF1,
  type ClassificationMetrics,
} from './evaluation/classification-metrics.ts';
export { characterErrorRate, levenshteinDistance } from './evaluation/character-error-rate.ts';
export {
  checkLabelledSample,
  formatLabelledSample,
  readLabelledDataset,
  DEFAULT_MAX_SAMPLES,
  type ClassificationSample,
  type LabelledSample,
  type SampleInput,
  type SampleValues,
  type TextSample,
} from './evaluation/labelled-dataset.ts';
export { ctcGreedyTextDecoder } from './evaluation/ctc-text-decoder.ts';
