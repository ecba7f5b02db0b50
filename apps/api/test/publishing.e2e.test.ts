// Publishing through the api: create a model, upload its ONNX file over HTTP (streamed, size
// limited, validated), publish it, find it with full-text search and filters, call it — and
// every bad upload refused with a typed error, leaving no version and no stored file.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { OCR_CLASSIFIER } from '@modelhub/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifierInput,
  createTestKey,
  PREDICT,
  signUpUser,
  startPlatform,
  type GraphQLResponse,
  type Platform,
  type SignedUpUser,
} from './platform-fixture.ts';

let platform: Platform;
let publisher: SignedUpUser;
let onnx: Buffer;
const MAX_UPLOAD = 2 * 1024 * 1024;

beforeAll(async () => {
  platform = await startPlatform({ maxUploadBytes: MAX_UPLOAD });
  publisher = await signUpUser(platform, 'maker@vision.test');
  onnx = await readFile(OCR_CLASSIFIER.file);
});
afterAll(() => platform?.close());

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

async function upload(
  ref: string,
  version: string,
  body: Uint8Array,
  auth: { cookie?: string; apiKey?: string } = { cookie: publisher.cookie },
) {
  const res = await fetch(`${platform.api.url}/uploads/models/${ref}/versions/${version}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
      ...(auth.apiKey ? { authorization: `Bearer ${auth.apiKey}` } : {}),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function storedFiles(): Promise<string[]> {
  const files = await readdir(platform.artifactRoot, { recursive: true, withFileTypes: true });
  return files.filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
}

const CREATE = `mutation($input: CreateModelInput!) { createModel(input: $input) { id slug visibility } }`;

describe('publish → search → predict', () => {
  let ref: string;

  it('creates a model, uploads a version over HTTP, publishes it at a price', async () => {
    const created = await platform.graphql(
      CREATE,
      {
        input: {
          slug: 'orientation-checker',
          name: 'Orientation checker',
          task: 'TEXT_ORIENTATION',
          summary: 'Finds upside-down text lines in scanned invoices.',
          description: '# Orientation checker\n\nA tiny CNN for **invoices**.',
          license: 'Apache-2.0',
          tags: ['ocr', 'invoices'],
          visibility: 'PUBLIC',
        },
      },
      { cookie: publisher.cookie },
    );
    expect(created.errors).toBeUndefined();
    ref = `${publisher.personalOrg}/orientation-checker`;

    const uploaded = await upload(ref, '1.0.0', onnx);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.version).toMatchObject({
      version: '1.0.0',
      status: 'DRAFT',
      sizeBytes: String(onnx.length),
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }],
    });
    expect(uploaded.body.version.opset).toBeGreaterThan(0);

    // A draft is not callable and not in the catalog yet.
    const early = await platform.graphql(
      PREDICT,
      { model: ref, inputs: [classifierInput()] },
      {
        cookie: publisher.cookie,
      },
    );
    expect(codeOf(early)).toBe('NOT_FOUND');

    const published = await platform.graphql(
      `mutation($id: ID!, $price: PriceInput) { publishModelVersion(id: $id, price: $price) { status prices { unit amountMicros } } }`,
      { id: uploaded.body.version.id, price: { unit: 'PER_CALL', amountMicros: '250' } },
      { cookie: publisher.cookie },
    );
    expect(published.data.publishModelVersion).toEqual({
      status: 'PUBLISHED',
      prices: [{ unit: 'PER_CALL', amountMicros: '250' }],
    });
  });

  it('finds it by full text, tags and publisher, and not by unrelated words', async () => {
    const search = (variables: Record<string, unknown>) =>
      platform.graphql(
        `query($q: String, $tags: [String!], $publisher: String, $sort: CatalogSort) {
          models(query: $q, tags: $tags, publisher: $publisher, sort: $sort, first: 20) {
            totalCount edges { node { fullName } } } }`,
        variables,
      );
    const names = (res: GraphQLResponse) => res.data.models.edges.map((e: any) => e.node.fullName);
    expect(names(await search({ q: 'invoice' }))).toEqual([ref]); // stemmed: invoices
    expect(names(await search({ q: 'upside-down scanned' }))).toContain(ref);
    expect(names(await search({ q: 'wakeword microphone banana' }))).toEqual([]);
    expect(names(await search({ tags: ['ocr', 'invoices'] }))).toEqual([ref]);
    expect(names(await search({ publisher: publisher.personalOrg }))).toEqual([ref]);
    expect(names(await search({ publisher: 'modelhub', tags: ['invoices'] }))).toEqual([]);
  });

  it('is called by another organization, which pays the publisher’s price; most used ranks it first', async () => {
    const consumer = await signUpUser(platform, 'buyer@shop.test');
    for (let i = 0; i < 2; i++) {
      const res = await platform.graphql(
        PREDICT,
        { model: ref, inputs: [classifierInput()] },
        {
          cookie: consumer.cookie,
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.predict.costMicros).toBe('250');
    }
    const ranked = await platform.graphql(
      `{ models(sort: MOST_USED, first: 3) { edges { node { fullName callsLast30Days } } } }`,
    );
    expect(ranked.data.models.edges[0].node).toEqual({ fullName: ref, callsLast30Days: 2 });
    const byPrice = await platform.graphql(
      `{ models(minPriceMicros: "200", maxPriceMicros: "300") { edges { node { fullName } } } }`,
    );
    expect(byPrice.data.models.edges.map((e: any) => e.node.fullName)).toEqual([ref]);
  });

  it('keeps a published version immutable and supports deprecate and yank', async () => {
    const second = await upload(ref, '1.1.0', onnx);
    expect(second.status).toBe(201);
    const versions = await platform.graphql(
      `query($ref: String!) { model(ref: $ref) { versions(first: 5) { edges { node { id version status } } } } }`,
      { ref },
      { cookie: publisher.cookie },
    );
    const v100 = versions.data.model.versions.edges.find(
      (e: any) => e.node.version === '1.0.0',
    ).node;
    const editPublished = await platform.graphql(
      `mutation($id: ID!) { setDraftPrice(id: $id, price: { unit: PER_CALL, amountMicros: "1" }) { status } }`,
      { id: v100.id },
      { cookie: publisher.cookie },
    );
    expect(codeOf(editPublished)).toBe('CONFLICT');
    expect(editPublished.errors![0]!.extensions.reason).toBe('IMMUTABLE_VERSION');

    const yank = await platform.graphql(
      `mutation($id: ID!) { yankModelVersion(id: $id) { status } }`,
      { id: v100.id },
      { cookie: publisher.cookie },
    );
    expect(yank.data.yankModelVersion.status).toBe('YANKED');
    const called = await platform.graphql(
      PREDICT,
      { model: `${ref}@1.0.0`, inputs: [classifierInput()] },
      { cookie: publisher.cookie },
    );
    expect(codeOf(called)).toBe('NOT_FOUND');
  });
});

describe('bad uploads', () => {
  let ref: string;
  beforeAll(async () => {
    await platform.graphql(
      CREATE,
      { input: { slug: 'target', name: 'Target', task: 'OTHER' } },
      { cookie: publisher.cookie },
    );
    ref = `${publisher.personalOrg}/target`;
  });

  it.each([
    ['a text file', Buffer.from('this is not a model at all'), 400, 'INVALID_ONNX'],
    ['a truncated model', null, 400, 'INVALID_ONNX'],
    ['an empty file', Buffer.alloc(0), 400, 'INVALID_ONNX'],
    ['a file over the limit', Buffer.alloc(MAX_UPLOAD + 1), 413, undefined],
  ])('refuses %s with HTTP %s and stores nothing', async (_name, body, status, reason) => {
    const before = await storedFiles();
    const res = await upload(ref, '1.0.0', body ?? onnx.subarray(0, onnx.length / 2));
    expect(res.status).toBe(status);
    if (reason) expect(res.body.errors[0].extensions.reason).toBe(reason);
    expect(await storedFiles()).toEqual(before);
    expect(await platform.db.modelVersion.count({ where: { model: { slug: 'target' } } })).toBe(0);
  });

  it('refuses an invalid version number', async () => {
    const res = await upload(ref, 'v1', onnx);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.reason).toBe('INVALID_SEMVER');
  });

  it('refuses a duplicate version with 409', async () => {
    expect((await upload(ref, '2.0.0', onnx)).status).toBe(201);
    const again = await upload(ref, '2.0.0', onnx);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].extensions.reason).toBe('DUPLICATE_VERSION');
  });

  it('answers NOT_FOUND for another organization’s model, 401 without credentials, 403 without the publish scope', async () => {
    expect((await upload('modelhub/ppocr-direction-classifier', '9.0.0', onnx)).status).toBe(404);
    expect((await upload(ref, '3.0.0', onnx, {})).status).toBe(401);
    const org = await platform.db.organization.findUniqueOrThrow({
      where: { slug: publisher.personalOrg },
    });
    const readOnly = await createTestKey(platform.db, { organizationId: org.id, scopes: ['READ'] });
    const forbidden = await upload(ref, '3.0.0', onnx, { apiKey: readOnly });
    expect(forbidden.status).toBe(403);
    const publishKey = await createTestKey(platform.db, {
      organizationId: org.id,
      scopes: ['PUBLISH'],
    });
    expect((await upload(ref, '3.0.0', onnx, { apiKey: publishKey })).status).toBe(201);
  });
});

describe('evaluation computed by the platform', () => {
  it('scores an uploaded labelled dataset and shows the metrics on the version', async () => {
    const ref = `${publisher.personalOrg}/orientation-checker`;
    // Labels are what the model itself answers for half the samples and the other class for
    // the rest, so the expected accuracy is exactly 0.5 whatever the model's weights.
    // Dataset samples are single items: shapes without the batch dimension.
    const inputs = [0, 1, 2, 3].map((seed) => ({
      x: {
        shape: [3, 48, 192],
        data: Array.from({ length: 3 * 48 * 192 }, (_, i) => Math.sin(i / (7 + seed)) * 0.8),
      },
    }));
    const versions = await platform.graphql(
      `query($ref: String!) { model(ref: $ref) { versions(first: 5) { edges { node { id version } } } } }`,
      { ref },
      { cookie: publisher.cookie },
    );
    const draft = versions.data.model.versions.edges.find((e: any) => e.node.version === '1.1.0');
    await platform.graphql(
      `mutation($id: ID!) { publishModelVersion(id: $id, price: { unit: PER_CALL, amountMicros: "0" }) { status } }`,
      { id: draft.node.id },
      { cookie: publisher.cookie },
    );
    const labels: number[] = [];
    for (const [i, input] of inputs.entries()) {
      const res = await platform.graphql(
        PREDICT,
        {
          model: `${ref}@1.1.0`,
          inputs: [
            { name: 'x', datatype: 'FP32', shape: [1, ...input.x.shape], data: input.x.data },
          ],
        },
        { cookie: publisher.cookie },
      );
      const [p0, p1] = res.data.predict.outputs[0].data;
      const predicted = p1 > p0 ? 1 : 0;
      labels.push(i % 2 === 0 ? predicted : 1 - predicted);
    }
    const body = inputs
      .map((input, i) => JSON.stringify({ inputs: input, label: labels[i] }))
      .join('\n');
    const post = (query: string, text: string, cookie = publisher.cookie) =>
      fetch(`${platform.api.url}/uploads/models/${ref}/versions/1.1.0/evaluations?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', cookie },
        body: text,
      });
    const res = await post('dataset=rendered-lines&split=4%20synthetic', body);
    const summary = (await res.json()) as any;
    expect(summary.errors).toBeUndefined();
    expect(res.status).toBe(201);
    expect(summary).toMatchObject({ dataset: 'rendered-lines', sampleCount: 4 });
    expect(summary.metrics.accuracy).toBe(0.5);

    const shown = await platform.graphql(
      `query($ref: String!) { model(ref: $ref) { versions(first: 5) { edges { node { version evaluationResults { dataset metric value method } } } } } }`,
      { ref },
    );
    const v110 = shown.data.model.versions.edges.find((e: any) => e.node.version === '1.1.0');
    const accuracy = v110.node.evaluationResults.find((r: any) => r.metric === 'accuracy');
    expect(accuracy).toMatchObject({ dataset: 'rendered-lines', value: 0.5 });
    expect(accuracy.method).toMatch(/4 samples/);

    // Bad datasets change nothing.
    const bad = await post('dataset=broken', '{"inputs": {"x": [1, 2]}, "label": 0}\nnot json');
    expect(bad.status).toBe(400);
    const wrongShape = await post('dataset=broken', '{"inputs": {"x": [1, 2]}, "label": 0}');
    expect(wrongShape.status).toBe(400);
    const stranger = await signUpUser(platform, 'stranger@evals.test');
    expect((await post('dataset=x', body, stranger.cookie)).status).toBe(404);
    expect(
      await platform.db.evaluationResult.count({ where: { dataset: { in: ['broken', 'x'] } } }),
    ).toBe(0);
  });
});
