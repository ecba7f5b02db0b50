import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggableError } from './loggable-error.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('loggableError', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('keeps what tells an idle connection’s failure apart, not the connection pg-pool attaches', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const failed = new Promise<Error>((resolve) => pool.once('error', resolve));
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    client.release();
    // The server ends the idle connection, as a restart or a failover does.
    await database.db.$queryRawUnsafe('SELECT pg_terminate_backend($1)', rows[0]!.pid);
    const error = await failed;
    await pool.end();

    expect(error).toHaveProperty('client');
    const logged = loggableError(error);
    expect(logged).toMatchObject({
      type: 'DatabaseError',
      code: '57P01',
      message: expect.stringContaining('terminating connection'),
    });
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
  });

  it('logs a thrown value that is not an Error by its text', () => {
    expect(loggableError('gone')).toEqual({ message: 'gone' });
  });
});
