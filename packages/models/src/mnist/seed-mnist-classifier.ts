// Puts the trained MNIST classifier in the zoo: publishes it (training it first when the data
// folder has no cached file), evaluates it on the held-out digits once, and writes the measured
// numbers into its model card. A second run finds everything in place and changes nothing.
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { Db } from '@modelhub/db';
import { publishModelVersion } from '@modelhub/registry';
import { evaluateModelVersion } from '../evaluation/evaluate-model-version.ts';
import { publicListing } from '../public-listing.ts';
import { ensureMnistClassifierFile } from './mnist-classifier-cache.ts';
import { mnistHeldOutSamples, mnistHeldOutSplitDescription } from './mnist-held-out.ts';
import { MNIST_CLASSIFIER, MNIST_EVALUATION_DATASET, mnistModelCard } from './mnist-zoo-entry.ts';

export interface SeededMnistClassifier {
  modelId: string;
  modelVersionId: string;
  /** whether this run published the version */
  created: boolean;
  /** whether this run evaluated it */
  evaluated: boolean;
}

/** The version's ids when it is published and its artifact is in the store. */
async function publishedVersion(
  db: Db,
  store: ArtifactStore,
  organizationId: string,
): Promise<{ modelId: string; modelVersionId: string } | null> {
  const existing = await db.modelVersion.findFirst({
    where: {
      version: MNIST_CLASSIFIER.version,
      model: { organizationId, slug: MNIST_CLASSIFIER.slug },
    },
  });
  // A version whose artifact went missing is published again (same bytes), which restores it.
  if (!existing || !(await store.exists(existing.artifactKey))) return null;
  return { modelId: existing.modelId, modelVersionId: existing.id };
}

async function publish(
  db: Db,
  store: ArtifactStore,
  organizationId: string,
  modelCacheDir: string,
) {
  const { file } = await ensureMnistClassifierFile(modelCacheDir);
  return publishModelVersion(db, store, {
    organizationId,
    model: publicListing(MNIST_CLASSIFIER, mnistModelCard([])),
    version: MNIST_CLASSIFIER.version,
    file,
    price: MNIST_CLASSIFIER.price,
    runtimeConfig: MNIST_CLASSIFIER.runtimeConfig,
  });
}

export async function seedMnistClassifier(
  db: Db,
  store: ArtifactStore,
  organizationId: string,
  modelCacheDir: string,
): Promise<SeededMnistClassifier> {
  let created = false;
  let ids = await publishedVersion(db, store, organizationId);
  if (!ids) {
    const published = await publish(db, store, organizationId, modelCacheDir);
    created = published.created;
    ids = { modelId: published.modelId, modelVersionId: published.modelVersionId };
  }

  const where = { modelVersionId: ids.modelVersionId, dataset: MNIST_EVALUATION_DATASET };
  let results = await db.evaluationResult.findMany({ where, orderBy: { metric: 'asc' } });
  const evaluated = results.length === 0;
  if (evaluated) {
    await evaluateModelVersion(db, store, {
      modelVersionId: ids.modelVersionId,
      datasetName: MNIST_EVALUATION_DATASET,
      samples: mnistHeldOutSamples(),
      split: mnistHeldOutSplitDescription(),
      script: 'seedDemoModels',
      batchSize: 500,
    });
    results = await db.evaluationResult.findMany({ where, orderBy: { metric: 'asc' } });
  }

  const card = mnistModelCard(results);
  await db.model.updateMany({
    where: { id: ids.modelId, NOT: { description: card } },
    data: { description: card },
  });
  return { ...ids, created, evaluated };
}
