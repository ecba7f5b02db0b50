export { createTestDatabase, type TestDatabase, type TestPostgres } from './test-postgres.ts';
export { freePort } from './free-port.ts';
