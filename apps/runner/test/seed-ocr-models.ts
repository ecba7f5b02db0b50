// Publishes the three PaddleOCR demo models, the only ones the runner's tests load, without the
// rest of the demo zoo (whose seeding also trains and evaluates models the runner never needs).
import type { ArtifactStore } from '@modelhub/artifact-store';
import { DEMO_PUBLISHER_SLUG, type Db } from '@modelhub/db';
import { OCR_CLASSIFIER, OCR_DETECTOR, OCR_RECOGNIZER } from '@modelhub/models';
import { publishModelVersion } from '@modelhub/registry';

export async function seedOcrModels(db: Db, store: ArtifactStore): Promise<void> {
  const publisher = await db.organization.findUniqueOrThrow({
    where: { slug: DEMO_PUBLISHER_SLUG },
  });
  for (const demo of [OCR_CLASSIFIER, OCR_DETECTOR, OCR_RECOGNIZER]) {
    await publishModelVersion(db, store, {
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
  }
}
