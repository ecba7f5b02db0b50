// `npm run demo-key`: revokes the demo organization's demo key and prints a new one. Works
// while the platform runs (it shares the embedded database) and when it does not.
import { DEMO_KEY_NAME, DEMO_ORG_SLUG, openDatabase } from '@modelhub/db';
import { seedPlatform } from '../seed-platform.ts';

const database = await openDatabase();
try {
  const org = await database.db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG } });
  if (org) {
    await database.db.apiKey.updateMany({
      where: { organizationId: org.id, name: DEMO_KEY_NAME, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
  const { newDemoApiKey } = await seedPlatform(database.db);
  process.stdout.write(`demo API key (shown once): ${newDemoApiKey}\n`);
} finally {
  await database.close();
}
