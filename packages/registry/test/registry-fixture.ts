// A migrated database of its own, a local artifact store in a temp folder, two organizations
// (the publisher and a stranger) and a model of the publisher's: what registry tests start from.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import type { Db, Model, Organization } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { createModel } from '../src/model-card.ts';

export interface RegistryFixture {
  db: Db;
  store: LocalArtifactStore;
  publisher: Organization;
  stranger: Organization;
  /** every file in the artifact store, temp files included */
  storedFiles(): Promise<string[]>;
  /** a new model of the publisher's */
  newModel(slug?: string): Promise<Model>;
  close(): Promise<void>;
}

export async function createRegistryFixture(): Promise<RegistryFixture> {
  const database: TestDatabase = await createTestDatabase();
  const root = await mkdtemp(path.join(os.tmpdir(), 'registry-artifacts-'));
  const db = database.db;
  const org = (slug: string) => db.organization.create({ data: { slug, name: slug } });
  const publisher = await org('acme');
  const stranger = await org('globex');
  return {
    db,
    store: new LocalArtifactStore(root),
    publisher,
    stranger,
    async storedFiles() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
    },
    newModel(slug = `m-${randomUUID().slice(0, 8)}`) {
      return createModel(db, {
        organizationId: publisher.id,
        slug,
        name: slug,
        task: 'OTHER',
      });
    },
    async close() {
      await database.drop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A DRAFT row written directly, for tests of status changes and resolution that do not need a
 * stored file (the upload path has its own tests).
 */
export async function insertDraftRow(db: Db, model: Model, version: string) {
  return db.modelVersion.create({
    data: {
      modelId: model.id,
      organizationId: model.organizationId,
      version,
      status: 'DRAFT',
      artifactKey: `models/${model.organizationId}/${model.id}/${version}/test.onnx`,
      sha256: '0'.repeat(64),
      sizeBytes: 1n,
      inputs: [{ name: 'a', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 4] }],
    },
  });
}
