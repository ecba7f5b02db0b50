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
