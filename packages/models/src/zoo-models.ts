// Every entry `seedDemoModels` publishes: the packaged models and the trained classifier.
import { DEMO_MODELS, type DemoModelListing } from './demo-zoo.ts';
import { MNIST_CLASSIFIER } from './mnist/mnist-zoo-entry.ts';

export const ZOO_MODELS: readonly DemoModelListing[] = [...DEMO_MODELS, MNIST_CLASSIFIER];
