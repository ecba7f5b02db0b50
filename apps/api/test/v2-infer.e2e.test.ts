// The api's KServe v2 endpoint for API-key clients, JSON and binary, against a real runner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeInferResponseBody,
  encodeInferRequestBody,
  INFERENCE_HEADER_CONTENT_LENGTH,
} from '@modelhub/inference';
import {
  CLASSIFIER,
  classifierInput,
  createTestKey,
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

const url = (path = '') => `${platform.api.url}/v2/models/${CLASSIFIER}${path}`;
const usage = () => platform.db.usageEvent.count();

async function postJson(
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${key}` },
  path = '/infer',
) {
  const res = await fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('api /v2 (KServe v2 for API-key clients)', () => {
  it('serves model metadata', async () => {
    const res = await fetch(url());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: CLASSIFIER,
      versions: ['2.0.0'],
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }],
    });
  });

  it('runs a JSON request, charges it and returns the cost in the parameters', async () => {
    const before = await usage();
    const res = await postJson({ id: 'a1', inputs: [classifierInput()] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'a1',
      model_name: CLASSIFIER,
      model_version: '2.0.0',
      parameters: { cost_micros: '100', currency: 'usd' },
    });
    expect(res.body.outputs[0].shape).toEqual([1, 2]);
    // plain JSON numbers (the runner's typed arrays are converted for JSON answers)
    const [up, down] = res.body.outputs[0].data;
    expect(res.body.outputs[0].data).toHaveLength(2);
    expect(up + down).toBeCloseTo(1, 4);
    expect(await usage()).toBe(before + 1);
    const event = await platform.db.usageEvent.findUniqueOrThrow({
      where: { predictionId: res.body.parameters.prediction_id },
    });
    expect(event.amountMicros).toBe(100n);
  });

  it('runs a binary request and answers with binary outputs', async () => {
    const encoded = encodeInferRequestBody(
      { inputs: [classifierInput(3) as any], parameters: { binary_data_output: true } },
      'all',
    );
    const res = await fetch(url('/versions/2.0.0/infer'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/octet-stream',
        [INFERENCE_HEADER_CONTENT_LENGTH]: String(encoded.headerLength),
      },
      body: encoded.body,
    });
    expect(res.status).toBe(200);
    const decoded = decodeInferResponseBody(
      Buffer.from(await res.arrayBuffer()),
      Number(res.headers.get(INFERENCE_HEADER_CONTENT_LENGTH)),
    );
    expect(decoded.outputs[0]!.shape).toEqual([3, 2]);
    const p = decoded.outputs[0]!.data as number[];
    expect(p[0]! + p[1]!).toBeCloseTo(1, 4);
  });

  it('answers a retry with the same Idempotency-Key from the first call', async () => {
    const headers = { authorization: `Bearer ${key}`, 'idempotency-key': 'v2-retry' };
    const first = await postJson({ inputs: [classifierInput()] }, headers);
    const before = await usage();
    const again = await postJson({ inputs: [classifierInput()] }, headers);
    expect(again.body.parameters).toMatchObject({
      prediction_id: first.body.parameters.prediction_id,
      replayed: true,
    });
    expect(again.body.outputs).toEqual(first.body.outputs);
    expect(await usage()).toBe(before);
  });

  describe('bad input charges nothing', () => {
    let before: number;
    beforeAll(async () => {
      before = await usage();
    });
    afterAll(async () => {
      expect(await usage()).toBe(before);
    });

    it.each([
      [
        'a wrong shape',
        { inputs: [{ ...classifierInput(), shape: [1, 1, 48, 192] }] },
        400,
        'BAD_USER_INPUT',
      ],
      ['a body that is not JSON', '{"inputs": [', 400, 'BAD_USER_INPUT'],
      ['no inputs', { inputs: [] }, 400, 'BAD_USER_INPUT'],
    ])('answers %s with a typed %i', async (_what, body, status, code) => {
      const res = await postJson(body);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('answers missing and read-only keys with 401 and 403', async () => {
      expect((await postJson({ inputs: [classifierInput()] }, {})).status).toBe(401);
      const readOnly = await createTestKey(platform.db, {
        organizationId: platform.seed.demoOrganizationId,
        scopes: ['READ'],
      });
      const res = await postJson(
        { inputs: [classifierInput()] },
        { authorization: `Bearer ${readOnly}` },
      );
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('answers unknown models with 404', async () => {
      const res = await fetch(`${platform.api.url}/v2/models/modelhub/nope/infer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ inputs: [classifierInput()] }),
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).code).toBe('NOT_FOUND');
    });

    it('answers a binary body whose header length lies with 400', async () => {
      const encoded = encodeInferRequestBody({ inputs: [classifierInput() as any] }, 'all');
      const res = await fetch(url('/infer'), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/octet-stream',
          [INFERENCE_HEADER_CONTENT_LENGTH]: String(encoded.body.length + 100),
        },
        body: encoded.body,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).code).toBe('BAD_USER_INPUT');
    });
  });
});
