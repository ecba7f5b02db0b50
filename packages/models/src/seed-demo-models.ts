// Publishes the demo zoo under the demo publisher organization (idempotent).
import type { ArtifactStore } from '@modelhub/artifact-store';
import { DEMO_PUBLISHER_SLUG, type Db } from '@modelhub/db';
import { publishModelVersion } from '@modelhub/registry';
import { DEMO_MODELS } from './demo-zoo.ts';

export async function seedDemoModels(db: Db, store: ArtifactStore): Promise<{ published: number }> {
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
  return { published };
}
