// Publishes the demo zoo under the demo publisher organization (idempotent): the models shipped
// in npm packages as they are, the MNIST classifier the repo trains and evaluates itself, and the
// composite models (pipelines) built from them.
import type { ArtifactStore } from '@modelhub/artifact-store';
import { DEMO_PUBLISHER_SLUG, type Db } from '@modelhub/db';
import { publishModelVersion, publishPipelineVersion } from '@modelhub/registry';
import { DEMO_MODELS, type DemoModel } from './demo-zoo.ts';
import { defaultModelCacheDir } from './mnist/mnist-classifier-cache.ts';
import { seedMnistClassifier } from './mnist/seed-mnist-classifier.ts';
import { publicListing } from './public-listing.ts';
import { COMPOSITE_MODELS } from './zoo-models.ts';

export interface SeedDemoModelsOptions {
  /** where the trained classifier's file is cached; default `<MODELHUB_DATA_DIR>/model-cache` */
  modelCacheDir?: string;
}

export async function seedDemoModels(
  db: Db,
  store: ArtifactStore,
  options: SeedDemoModelsOptions = {},
): Promise<{ published: number }> {
  const publisher = await demoPublisher(db);
  let published = await publishDemoModels(db, store, DEMO_MODELS);
  const mnist = await seedMnistClassifier(
    db,
    store,
    publisher.id,
    options.modelCacheDir ?? defaultModelCacheDir(),
  );
  if (mnist.created) published++;
  for (const composite of COMPOSITE_MODELS) {
    const result = await publishPipelineVersion(db, store, {
      organizationId: publisher.id,
      model: publicListing(composite, composite.description),
      version: composite.version,
      runtimeConfig: composite.runtimeConfig,
      price: composite.price,
    });
    if (result.created) published++;
  }
  return { published };
}

/** Publishes `demos` (shipped models, such as the OCR ones a runner's tests load) under the demo
 * publisher, idempotently; how many were new. */
export async function publishDemoModels(
  db: Db,
  store: ArtifactStore,
  demos: readonly DemoModel[],
): Promise<number> {
  const publisher = await demoPublisher(db);
  let published = 0;
  for (const demo of demos) {
    const result = await publishModelVersion(db, store, {
      organizationId: publisher.id,
      model: publicListing(demo, demo.description),
      version: demo.version,
      file: demo.file,
      price: demo.price,
      runtimeConfig: demo.runtimeConfig,
    });
    if (result.created) published++;
  }
  return published;
}

function demoPublisher(db: Db) {
  return db.organization.findUniqueOrThrow({ where: { slug: DEMO_PUBLISHER_SLUG } });
}
