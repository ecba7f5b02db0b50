// The product's core path over real HTTP: API key -> GraphQL predict -> runner -> onnxruntime
// on the real PaddleOCR classifier -> prediction, usage event and ledger debit committed.
import { ZOO_MODELS } from '@modelhub/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLASSIFIER,
  classifierInput,
  createTestKey,
  PREDICT,
  startPlatform,
  type Platform,
} from './platform-fixture.ts';

let platform: Platform;
let key: string;

beforeAll(async () => {
  platform = await startPlatform();
  key = await createTestKey(platform.db, { organizationId: platform.seed.demoOrganizationId });
});
afterAll(() => platform?.close());

const usageCount = () =>
  platform.db.usageEvent.count({ where: { organizationId: platform.seed.demoOrganizationId } });
const ledgerSum = async () =>
  (
    await platform.db.ledgerEntry.aggregate({
      where: { organizationId: platform.seed.demoOrganizationId },
      _sum: { amountMicros: true },
    })
  )._sum.amountMicros!;

describe('health', () => {
  it('is up and ready with a live runner', async () => {
    expect((await fetch(`${platform.api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${platform.api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, runners: true },
    });
  });
});

describe('malformed requests', () => {
  it('answers a body that is not JSON with 400 and a typed error', async () => {
    const res = await fetch(`${platform.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ models',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('counts a request refused for its body against its key, whose count started with its headers', async () => {
    const fresh = await createTestKey(platform.db, {
      organizationId: platform.seed.demoOrganizationId,
    });
    const post = (path: string, authorization: string, body: string) =>
      fetch(`${platform.api.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body,
      });
    const truncated = '{"query": "{ models';
    expect((await post('/graphql', `Bearer ${fresh}`, truncated)).status).toBe(400);
    expect(
      (await post(`/v2/models/${CLASSIFIER}/infer`, `Bearer ${fresh}`, truncated)).status,
    ).toBe(400);
    // An unknown key's refusal, never awaited by a handler, is not left unhandled.
    expect((await post('/graphql', 'Bearer mh_unknown', truncated)).status).toBe(400);

    const res = await post(
      '/graphql',
      `Bearer ${fresh}`,
      JSON.stringify({
        query: PREDICT,
        variables: { model: CLASSIFIER, inputs: [classifierInput()] },
      }),
    );
    expect(res.status).toBe(200);
    const limit = Number(res.headers.get('ratelimit-limit'));
    expect(Number(res.headers.get('ratelimit-remaining'))).toBe(limit - 3);
  });
});

describe('catalog', () => {
  it('lists the demo models with signatures and prices, without a key', async () => {
    const res = await platform.graphql(`{
      models(first: 10) { totalCount edges { node { fullName task publisher { slug }
        latestVersion { version inputs { name datatype shape } outputs { name shape } prices { unit amountMicros currency } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.models.totalCount).toBe(ZOO_MODELS.length);
    const cls = res.data.models.edges
      .map((e: any) => e.node)
      .find((m: any) => m.fullName === CLASSIFIER);
    expect(cls).toEqual({
      fullName: CLASSIFIER,
      task: 'TEXT_ORIENTATION',
      publisher: { slug: 'modelhub' },
      latestVersion: {
        version: '2.0.0',
        inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }],
        outputs: [{ name: 'softmax_0.tmp_0', shape: [-1, 2] }],
        prices: [{ unit: 'PER_CALL', amountMicros: '100', currency: 'usd' }],
      },
    });
  });

  it('finds models by text and resolves them by reference and global id', async () => {
    const found = await platform.graphql(
      `{ models(first: 5, query: "text recognition") { totalCount edges { node { id fullName } } } }`,
    );
    // Ranked by relevance: the recogniser's name matches; other cards mention recognition.
    expect(found.data.models.totalCount).toBeGreaterThanOrEqual(1);
    expect(found.data.models.edges[0].node.fullName).toBe('modelhub/ppocr-v4-recognition');
    const { id, fullName } = found.data.models.edges[0].node;
    const byNode = await platform.graphql(
      `query($id: ID!) { node(id: $id) { ... on Model { fullName } } }`,
      { id },
    );
    expect(byNode.data.node.fullName).toBe(fullName);
    const byRef = await platform.graphql(
      `{ model(ref: "${fullName}") { name versions(first: 5) { edges { node { version status } } } } }`,
    );
    expect(byRef.data.model.versions.edges).toEqual([
      { node: { version: '4.0.0', status: 'PUBLISHED' } },
    ]);
  });
});

describe('predict', () => {
  it('returns the classifier’s two probabilities and commits usage and a ledger debit', async () => {
    const before = await ledgerSum();
    const res = await platform.graphql(
      PREDICT,
      { model: CLASSIFIER, inputs: [classifierInput()] },
      key,
    );
    expect(res.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe('no-store');
    const p = res.data.predict;
    expect(p.model).toBe(`${CLASSIFIER}@2.0.0`);
    expect(p.outputs).toHaveLength(1);
    expect(p.outputs[0]).toMatchObject({
      name: 'softmax_0.tmp_0',
      datatype: 'FP32',
      shape: [1, 2],
    });
    const [up, down] = p.outputs[0].data;
    expect(up + down).toBeCloseTo(1, 4);
    expect(up).toBeGreaterThanOrEqual(0);
    expect(p.costMicros).toBe('100');
    expect(p.timings.computeMs).toBeGreaterThan(0);

    const prediction = await platform.db.prediction.findUniqueOrThrow({
      where: { id: p.id },
      include: { usageEvent: { include: { ledgerEntry: true } } },
    });
    expect(prediction.status).toBe('SUCCEEDED');
    expect(prediction.runnerId).toBe(platform.runner.runnerId);
    expect(prediction.usageEvent).toMatchObject({
      amountMicros: 100n,
      quantity: 1n,
      unit: 'PER_CALL',
    });
    expect(prediction.usageEvent!.ledgerEntry).toMatchObject({
      kind: 'USAGE',
      amountMicros: -100n,
    });
    expect(await ledgerSum()).toBe(before - 100n);
  });

  it('charges a batch per call and returns one row per item', async () => {
    const res = await platform.graphql(
      PREDICT,
      { model: `${CLASSIFIER}@2.0.0`, inputs: [classifierInput(4)] },
      key,
    );
    expect(res.data.predict.outputs[0].shape).toEqual([4, 2]);
    expect(res.data.predict.costMicros).toBe('100');
  });

  it('answers a retry with the same idempotency key from the first call, charging once', async () => {
    const first = await platform.graphql(
      PREDICT,
      { model: CLASSIFIER, inputs: [classifierInput()], idempotencyKey: 'retry-1' },
      key,
    );
    const usage = await usageCount();
    const again = await platform.graphql(
      PREDICT,
      { model: CLASSIFIER, inputs: [classifierInput()], idempotencyKey: 'retry-1' },
      key,
    );
    expect(again.data.predict).toMatchObject({
      id: first.data.predict.id,
      replayed: true,
      costMicros: '100',
    });
    expect(again.data.predict.outputs).toEqual(first.data.predict.outputs);
    expect(await usageCount()).toBe(usage);
  });
});

describe('predict with base64 tensors', () => {
  const BASE64_PREDICT = `
    mutation Predict($model: String!, $inputs: [TensorInput!]!) {
      predict(model: $model, inputs: $inputs) { costMicros outputs { shape data dataBase64 } }
    }`;

  it('gives the same answer for dataBase64 as for data, and can answer in base64', async () => {
    const input = classifierInput(2);
    const asList = await platform.graphql(
      BASE64_PREDICT,
      { model: CLASSIFIER, inputs: [input] },
      key,
    );
    const bytes = Buffer.from(new Float32Array(input.data).buffer);
    const asBase64 = await platform.graphql(
      BASE64_PREDICT,
      {
        model: CLASSIFIER,
        inputs: [
          { name: 'x', datatype: 'FP32', shape: input.shape, dataBase64: bytes.toString('base64') },
        ],
      },
      key,
    );
    expect(asBase64.errors).toBeUndefined();
    const [listed] = asList.data.predict.outputs;
    const [encoded] = asBase64.data.predict.outputs;
    expect(encoded.shape).toEqual([2, 2]);
    expect(encoded.data).toEqual(listed.data);
    const raw = Buffer.from(encoded.dataBase64, 'base64');
    const decoded = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    expect(Array.from(decoded)).toEqual(listed.data);
    expect(asBase64.data.predict.costMicros).toBe('100');
  });
});

describe('predict with a large output', () => {
  it('answers the recognizer’s megabyte of logits in dataBase64 exactly as in data', async () => {
    const values = Float32Array.from({ length: 3 * 48 * 320 }, (_, i) => Math.sin(i / 13) * 0.9);
    const res = await platform.graphql(
      `mutation Predict($model: String!, $inputs: [TensorInput!]!) {
        predict(model: $model, inputs: $inputs) { outputs { shape data dataBase64 } }
      }`,
      {
        model: 'modelhub/ppocr-v4-recognition',
        inputs: [
          {
            name: 'x',
            datatype: 'FP32',
            shape: [1, 3, 48, 320],
            dataBase64: Buffer.from(values.buffer).toString('base64'),
          },
        ],
      },
      key,
    );
    expect(res.errors).toBeUndefined();
    // written out piece by piece (long-strings.ts), with its length and caching headers
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(2_000_000);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [output] = res.data.predict.outputs;
    const elements = output.shape.reduce((a: number, b: number) => a * b, 1);
    // long enough to travel as bytes in the answer (long-strings.ts)
    expect(output.dataBase64.length).toBeGreaterThan(1_000_000);
    const raw = Buffer.from(output.dataBase64, 'base64');
    const decoded = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    expect(decoded.length).toBe(elements);
    expect(Array.from(decoded)).toEqual(output.data);
  });
});

describe('predict under a burst of concurrent calls', () => {
  it('answers every call, and records exactly one usage event and debit per success', async () => {
    const orgId = platform.seed.demoOrganizationId;
    const usageBefore = await usageCount();
    const balanceBefore = await ledgerSum();
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }, key),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    // Under overload a call may be refused, but only with a typed, retryable error.
    for (const r of results.filter((r) => r.errors)) {
      expect(['SERVICE_UNAVAILABLE', 'RESOURCE_EXHAUSTED']).toContain(
        r.errors![0]!.extensions.code,
      );
    }
    expect(ok.length).toBeGreaterThan(0);
    expect(await usageCount()).toBe(usageBefore + ok.length);
    expect(await ledgerSum()).toBe(balanceBefore - 100n * BigInt(ok.length));
    const debits = await platform.db.ledgerEntry.count({
      where: { organizationId: orgId, kind: 'USAGE' },
    });
    expect(debits).toBe(await usageCount());
  });

  it('gives each concurrent call the answer to its own input, as when it runs alone', async () => {
    // Concurrent calls run on the runner in shared batches: every caller must still get the rows
    // of its own input, whichever batch it ran in.
    const inputs = Array.from({ length: 16 }, (_, k) => ({
      ...classifierInput(),
      data: classifierInput().data.map((_, i) => Math.sin(i / (2 + k)) * (k % 2 ? 0.9 : -0.9)),
    }));
    const scores = (res: Awaited<ReturnType<typeof platform.graphql>>) => {
      expect(res.errors).toBeUndefined();
      const { predict } = res.data as { predict: { outputs: { data: number[] }[] } };
      return predict.outputs[0]!.data;
    };
    const call = (input: (typeof inputs)[number]) =>
      platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [input] }, key);
    const alone: number[][] = [];
    for (const input of inputs) alone.push(scores(await call(input)));
    // distinct answers, so a call given another's rows could not pass
    expect(new Set(alone.map((s) => s[0]!.toFixed(5))).size).toBe(inputs.length);
    const together = (await Promise.all(inputs.map(call))).map(scores);
    together.forEach((answer, k) => {
      expect(answer).toHaveLength(2);
      answer.forEach((score, j) => expect(score).toBeCloseTo(alone[k]![j]!, 4));
    });
  });
});

describe('predict with bad input charges nothing', () => {
  let usageBefore: number;
  let balanceBefore: bigint;
  beforeAll(async () => {
    usageBefore = await usageCount();
    balanceBefore = await ledgerSum();
  });
  afterAll(async () => {
    expect(await usageCount()).toBe(usageBefore);
    expect(await ledgerSum()).toBe(balanceBefore);
  });

  const call = (variables: Record<string, unknown>, apiKey: string = key) =>
    platform.graphql(PREDICT, variables, apiKey || undefined);
  const code = (res: { errors?: { extensions: { code: string } }[] }) =>
    res.errors?.[0]?.extensions.code;

  it('rejects a wrong shape with BAD_USER_INPUT naming the expected signature', async () => {
    const res = await call({
      model: CLASSIFIER,
      inputs: [{ ...classifierInput(), shape: [1, 1, 144, 192] }],
    });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/expected inputs x: FP32\[\?,3,\?,\?\]/);
    expect(res.errors![0]!.extensions.expectedInputs).toEqual([
      { name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] },
    ]);
  });

  it.each([
    ['a wrong dtype', { ...classifierInput(), datatype: 'INT32' }],
    ['data that does not fill the shape', { ...classifierInput(), data: [1, 2, 3] }],
    ['an unknown input name', { ...classifierInput(), name: 'image' }],
  ])('rejects %s with BAD_USER_INPUT', async (_what, input) => {
    expect(code(await call({ model: CLASSIFIER, inputs: [input] }))).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['is not base64', 'not base64!'],
    ['is not padded', 'AAAAAA'],
    ['does not fill the shape', Buffer.alloc(16).toString('base64')],
    ['does not divide into FP32 elements', Buffer.alloc(6).toString('base64')],
    [
      'holds a NaN (checked on the typed array it decodes to)',
      Buffer.from(new Float32Array(3 * 48 * 192).fill(0.5).fill(Number.NaN, 7, 8).buffer).toString(
        'base64',
      ),
    ],
    // a body this long has its dataBase64 kept as bytes and decoded in slices (json-body.ts)
    [
      'has a character outside the alphabet past its first 64 KiB',
      (() => {
        const text = Buffer.from(new Float32Array(3 * 48 * 192).fill(0.5).buffer).toString(
          'base64',
        );
        return `${text.slice(0, 100_000)}*${text.slice(100_001)}`;
      })(),
    ],
  ])(
    'rejects dataBase64 that %s with BAD_USER_INPUT naming the input',
    async (_what, dataBase64) => {
      const { name, datatype, shape } = classifierInput();
      const res = await call({
        model: CLASSIFIER,
        inputs: [{ name, datatype, shape, dataBase64 }],
      });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(/input 'x'/);
    },
  );

  it('rejects a tensor with values in both data and dataBase64', async () => {
    const input = classifierInput();
    const dataBase64 = Buffer.from(new Float32Array(input.data).buffer).toString('base64');
    const res = await call({ model: CLASSIFIER, inputs: [{ ...input, dataBase64 }] });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/more than one of data, stringData and dataBase64/);
  });

  it('rejects a malformed model reference with BAD_USER_INPUT', async () => {
    expect(code(await call({ model: 'not a ref', inputs: [classifierInput()] }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it.each([
    ['modelhub/no-such-model'],
    [`${CLASSIFIER}@9.9.9`],
    ['nobody/ppocr-direction-classifier'],
  ])('answers %s with NOT_FOUND', async (model) => {
    expect(code(await call({ model, inputs: [classifierInput()] }))).toBe('NOT_FOUND');
  });

  it('hides another organization’s private model (NOT_FOUND, and absent from the catalog)', async () => {
    const other = await platform.db.organization.create({
      data: { slug: 'secretive', name: 'Secretive' },
    });
    const publisherModel = await platform.db.model.findFirstOrThrow({
      where: { slug: 'ppocr-direction-classifier' },
      include: { versions: true },
    });
    const privateModel = await platform.db.model.create({
      data: {
        organizationId: other.id,
        slug: 'hidden',
        name: 'Hidden',
        task: 'OTHER',
        visibility: 'PRIVATE',
      },
    });
    const v = publisherModel.versions[0]!;
    await platform.db.modelVersion.create({
      data: {
        modelId: privateModel.id,
        organizationId: other.id,
        version: '1.0.0',
        status: 'PUBLISHED',
        publishedAt: new Date(),
        artifactKey: v.artifactKey,
        sha256: v.sha256,
        sizeBytes: v.sizeBytes,
        inputs: v.inputs!,
        outputs: v.outputs!,
      },
    });
    expect(code(await call({ model: 'secretive/hidden', inputs: [classifierInput()] }))).toBe(
      'NOT_FOUND',
    );
    const catalog = await platform.graphql(
      `{ models(first: 50) { edges { node { fullName } } } model(ref: "secretive/hidden") { id } }`,
      {},
      key,
    );
    expect(catalog.data.models.edges.map((e: any) => e.node.fullName)).not.toContain(
      'secretive/hidden',
    );
    expect(catalog.data.model).toBeNull();
    // its owner does see it and can call it
    const ownerKey = await createTestKey(platform.db, { organizationId: other.id });
    await platform.db.ledgerEntry.create({
      data: { organizationId: other.id, kind: 'ADJUSTMENT', amountMicros: 1_000_000n },
    });
    const own = await call({ model: 'secretive/hidden', inputs: [classifierInput()] }, ownerKey);
    expect(own.errors).toBeUndefined();
  });

  it('answers a missing key with UNAUTHENTICATED', async () => {
    expect(code(await call({ model: CLASSIFIER, inputs: [classifierInput()] }, ''))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it.each([
    ['a malformed key', 'not-a-key'],
    ['an unknown key', `mh_${'a'.repeat(10)}_${'b'.repeat(32)}`],
  ])('answers %s with UNAUTHENTICATED and HTTP 401', async (_what, badKey) => {
    const res = await call({ model: CLASSIFIER, inputs: [classifierInput()] }, badKey);
    expect(res.status).toBe(401);
    expect(code(res)).toBe('UNAUTHENTICATED');
  });

  it('answers revoked and expired keys with UNAUTHENTICATED', async () => {
    const orgId = platform.seed.demoOrganizationId;
    const revoked = await createTestKey(platform.db, {
      organizationId: orgId,
      revokedAt: new Date(),
    });
    const expired = await createTestKey(platform.db, {
      organizationId: orgId,
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const k of [revoked, expired]) {
      const res = await call({ model: CLASSIFIER, inputs: [classifierInput()] }, k);
      expect(code(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('answers a key without the predict scope with FORBIDDEN', async () => {
    const readOnly = await createTestKey(platform.db, {
      organizationId: platform.seed.demoOrganizationId,
      scopes: ['READ'],
    });
    expect(code(await call({ model: CLASSIFIER, inputs: [classifierInput()] }, readOnly))).toBe(
      'FORBIDDEN',
    );
  });

  it('answers an organization without credit with PAYMENT_REQUIRED', async () => {
    const broke = await platform.db.organization.create({ data: { slug: 'broke', name: 'Broke' } });
    const brokeKey = await createTestKey(platform.db, { organizationId: broke.id });
    const res = await call({ model: CLASSIFIER, inputs: [classifierInput()] }, brokeKey);
    expect(code(res)).toBe('PAYMENT_REQUIRED');
  });
});
