// Every entry `seedDemoModels` publishes: the packaged models, the trained classifier and the
// composite OCR model built from the packaged ones.
import { OCR_COMPOSITE, type CompositeModelListing } from './composite/ocr-composite-zoo-entry.ts';
import { DEMO_MODELS, type DemoModelListing } from './demo-zoo.ts';
import { MNIST_CLASSIFIER } from './mnist/mnist-zoo-entry.ts';

export type ZooModelListing = DemoModelListing | CompositeModelListing;

/** Composites last: their stages must be published first. */
export const COMPOSITE_MODELS: readonly CompositeModelListing[] = [OCR_COMPOSITE];

export const ZOO_MODELS: readonly ZooModelListing[] = [
  ...DEMO_MODELS,
  MNIST_CLASSIFIER,
  ...COMPOSITE_MODELS,
];
