import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeArtifactStoreContract } from '../test/artifact-store-contract.ts';
import { LocalArtifactStore } from './local-artifact-store.ts';

describeArtifactStoreContract('LocalArtifactStore', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'artifacts-'));
  return {
    store: new LocalArtifactStore(root),
    // temp files included: a `.partial` left behind would be a failure too
    async listKeys() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
    },
    tamper: (key, bytes) => writeFile(path.join(root, key), bytes),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});
