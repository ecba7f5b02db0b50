// Configuration for the Prisma CLI (generate, migrate). Migrations run in the JS schema engine
// over a driver adapter, because the native engine would have to be downloaded.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from './src/migration-adapter.ts';

const root = path.join(import.meta.dirname, '..', '..', 'prisma');

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(root, 'schema.prisma'),
  migrations: { path: path.join(root, 'migrations') },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL must be set for the Prisma CLI');
    return createMigrationAdapter(url);
  },
});
