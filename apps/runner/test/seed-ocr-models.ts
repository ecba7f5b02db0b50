// Publishes the three PaddleOCR demo models, the only ones the runner's tests load, without the
// rest of the demo zoo (whose seeding also trains and evaluates models the runner never needs).
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { Db } from '@modelhub/db';
import { OCR_CLASSIFIER, OCR_DETECTOR, OCR_RECOGNIZER, publishDemoModels } from '@modelhub/models';

export async function seedOcrModels(db: Db, store: ArtifactStore): Promise<void> {
  await publishDemoModels(db, store, [OCR_CLASSIFIER, OCR_DETECTOR, OCR_RECOGNIZER]);
}
