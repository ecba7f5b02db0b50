// The seed `npm start` runs: base data (tenants, demo key, credit) and the demo model zoo.
import { artifactStoreFromEnv } from '@modelhub/artifact-store';
import { seedBaseData, type Db } from '@modelhub/db';
import { seedDemoModels } from '@modelhub/models';

export async function seedPlatform(
  db: Db,
): Promise<{ newDemoApiKey: string | null; modelsPublished: number }> {
  const base = await seedBaseData(db);
  const { published } = await seedDemoModels(db, artifactStoreFromEnv());
  return { newDemoApiKey: base.newDemoApiKey, modelsPublished: published };
}
