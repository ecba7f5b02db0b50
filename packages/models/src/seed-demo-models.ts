// Publishes the demo zoo under the demo publisher organization (idempotent): the models shipped
// in npm packages as they are, the MNIST classifier the repo trains and evaluates itself, and the
// composite models (pipelines) built from them.
import type { ArtifactStore } from '@modelhub/artifact-store';
import { DEMO_PUBLISHER_SLUG, type Db } from '@modelhub/db';
import { publishModelVersion, publishPipelineVersion } from '@modelhub/registry';
import { DEMO_MODELS } from './demo-zoo.ts';
import { defaultModelCacheDir } from './mnist/mnist-classifier-cache.ts';
import { seedMnistClassifier } from './mnist/seed-mnist-classifier.ts';
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
  const publisher = await db.organization.findUniqueOrThrow({
    where: { slug: DEMO_PUBLISHER_SLUG },
  });
  let published = 0;
  for (const demo of DEMO_MODELS) {
    const result = await publishModelVersion(db, store, {
      organizationId: publisher.id,
      model: {
        slug: demo.slug,
        name: demo.name,
        task: demo.task,
        summary: demo.summary,
        description: demo.description,
        license: demo.license,
        tags: demo.tags,
        visibility: 'PUBLIC',
      },
      version: demo.version,
      file: demo.file,
      price: demo.price,
      runtimeConfig: demo.runtimeConfig,
    });
    if (result.created) published++;
  }
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
      model: {
        slug: composite.slug,
        name: composite.name,
        task: composite.task,
        summary: composite.summary,
        description: composite.description,
        license: composite.license,
        tags: composite.tags,
        visibility: 'PUBLIC',
      },
      version: composite.version,
      runtimeConfig: composite.runtimeConfig,
      price: composite.price,
    });
    if (result.created) published++;
  }
  return { published };
}
