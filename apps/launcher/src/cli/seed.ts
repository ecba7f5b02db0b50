// `npm run db:seed`: migrate and seed the development database (idempotent).
import { openDatabase } from '@modelhub/db';
import { seedPlatform } from '../seed-platform.ts';

const database = await openDatabase();
try {
  const result = await seedPlatform(database.db);
  process.stdout.write(`seeded: ${result.modelsPublished} model version(s) published\n`);
  if (result.newDemoApiKey)
    process.stdout.write(`demo API key (shown once): ${result.newDemoApiKey}\n`);
} finally {
  await database.close();
}
