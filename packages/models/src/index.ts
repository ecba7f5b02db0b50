export {
  DEMO_MODELS,
  OCR_CLASSIFIER,
  OCR_DETECTOR,
  OCR_RECOGNIZER,
  OCR_DICTIONARY_FILE,
  type DemoModel,
  type DemoTask,
  type DemoPriceUnit,
} from './demo-zoo.ts';
export { seedDemoModels } from './seed-demo-models.ts';
export { runOcrPipeline, type OcrOptions } from './ocr/ocr-pipeline.ts';
export type { ModelCall, OcrModel, OcrLine, OcrResult, PixelBox } from './ocr/ocr-types.ts';
export { DEFAULT_TEXT_BOX_OPTIONS, type TextBoxOptions } from './ocr/detection-postprocess.ts';
export { ctcGreedyDecode, loadOcrDictionary, type DecodedText } from './ocr/ctc-decode.ts';
export { loadLocalOcrModels, type LocalOcrModels } from './ocr/local-model-call.ts';
