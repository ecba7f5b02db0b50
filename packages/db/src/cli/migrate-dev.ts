// `npm run db:migrate -- --name <change>`: writes a new migration from schema.prisma changes
// and applies it to the development database (embedded unless DATABASE_URL is set).
import { openDatabase } from '../database.ts';
import { runPrismaCli } from '../migrate.ts';

const database = await openDatabase({ migrate: false });
try {
  await runPrismaCli(database.url, ['migrate', 'dev', ...process.argv.slice(2)], true);
} finally {
  await database.close();
}
