export { createTestDatabase, type TestDatabase, type TestPostgres } from './test-postgres.ts';
