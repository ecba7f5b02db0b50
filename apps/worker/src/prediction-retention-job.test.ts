import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { seedBaseData } from '@modelhub/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredPredictions } from './prediction-retention-job.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('purgeExpiredPredictions', () => {
  it('deletes the inputs and outputs of expired predictions only, keeping the rows', async () => {
    const { db } = database;
    const seed = await seedBaseData(db);
    const publisherModel = await db.model.create({
      data: {
        organizationId: seed.publisherOrganizationId,
        slug: 'retention-model',
        name: 'Retention model',
        task: 'OTHER',
      },
    });
    const version = await db.modelVersion.create({
      data: {
        organizationId: seed.publisherOrganizationId,
        modelId: publisherModel.id,
        version: '1.0.0',
        artifactKey: 'x',
        sha256: '0'.repeat(64),
        sizeBytes: 1,
        inputs: [],
        outputs: [],
      },
    });
    const now = new Date('2026-11-23T12:00:00Z');
    const make = (expiresAt: Date | null) =>
      db.prediction.create({
        data: {
          organizationId: seed.demoOrganizationId,
          modelVersionId: version.id,
          mode: 'ASYNC',
          status: 'SUCCEEDED',
          output: [{ name: 'y', datatype: 'FP32', shape: [1], data: [1] }],
          expiresAt,
        },
      });
    const expired = await make(new Date(now.getTime() - 1));
    const kept = await make(new Date(now.getTime() + 60_000));
    const running = await make(null);

    expect(await purgeExpiredPredictions(db, now)).toBe(1);
    const after = await db.prediction.findMany({
      where: { id: { in: [expired.id, kept.id, running.id] } },
    });
    const byId = new Map(after.map((p) => [p.id, p]));
    expect(byId.get(expired.id)).toMatchObject({ output: null, input: null, purgedAt: now });
    expect(byId.get(expired.id)!.status).toBe('SUCCEEDED');
    expect(byId.get(kept.id)!.output).not.toBeNull();
    expect(byId.get(running.id)!.purgedAt).toBeNull();
    // a second run finds nothing new
    expect(await purgeExpiredPredictions(db, now)).toBe(0);
  });
});
