// Bad inputs at the runner's HTTP layer, binary tensor extension included: each gets its exact
// 4xx status and typed code, and the runner keeps serving the next good request.
// (JSON-body cases for dtype, shape, data length, unknown outputs and body size are in
// runner.test.ts; header-length framing lies in batching.test.ts.)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { INFERENCE_HEADER_CONTENT_LENGTH } from '@modelhub/inference';
import { seedOcrModels } from './seed-ocr-models.ts';
import pino from 'pino';
import { startRunner, type RunningRunner } from '../src/index.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
const DET = 'modelhub.ppocr-v4-detection';
const MAX_BODY_BYTES = 1024 * 1024;
/** 7 classifier rows fit (193,536 elements), 8 do not */
const MAX_INPUT_ELEMENTS = 200_000;
const ROW = 3 * 48 * 192;
let database: TestDatabase;
let dir: string;
let runner: RunningRunner;

const floats = (count: number, at?: { index: number; value: number }) => {
  const data = Float32Array.from({ length: count }, (_, i) => Math.cos(i) * 0.5);
  if (at) data[at.index] = at.value;
  return Buffer.from(data.buffer);
};

/** A binary-extension request, built by hand so that its parts can disagree. */
async function sendBinary(
  name: string,
  header: object,
  binary: Buffer,
  headerLength?: (actual: number) => string,
) {
  const json = Buffer.from(JSON.stringify(header));
  const res = await fetch(`${runner.url}/v2/models/${name}/infer`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      [INFERENCE_HEADER_CONTENT_LENGTH]: headerLength
        ? headerLength(json.length)
        : String(json.length),
    },
    body: Buffer.concat([json, binary]),
  });
  const text = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: text };
}

const tensor = (shape: number[], bytes: number, datatype = 'FP32') => ({
  name: 'x',
  datatype,
  shape,
  parameters: { binary_data_size: bytes },
});

/** A good binary request to the classifier, answered as JSON. */
async function stillServes() {
  const res = await sendBinary(CLS, { inputs: [tensor([1, 3, 48, 192], ROW * 4)] }, floats(ROW));
  expect(res.status).toBe(200);
  const body = JSON.parse(res.body.toString()) as { outputs: { shape: number[] }[] };
  expect(body.outputs[0]!.shape).toEqual([1, 2]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-bad-input-'));
  await seedBaseData(database.db);
  await seedOcrModels(database.db, new LocalArtifactStore(dir));
  // The classifier requires finite inputs (as every version does unless it opts out); the
  // detector opts out, for models that read NaN as "missing".
  await database.db.modelVersion.updateMany({
    where: { model: { slug: 'ppocr-direction-classifier' } },
    data: {
      runtimeConfig: {
        requireFiniteInputs: true,
        warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] },
      },
    },
  });
  await database.db.modelVersion.updateMany({
    where: { model: { slug: 'ppocr-v4-detection' } },
    data: { runtimeConfig: { requireFiniteInputs: false } },
  });
  runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot: dir,
    port: 0,
    logger: pino({ level: 'silent' }),
    maxBodyBytes: MAX_BODY_BYTES,
    maxInputElements: MAX_INPUT_ELEMENTS,
  });
  await stillServes();
});
afterAll(async () => {
  await runner?.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

type Case = [
  what: string,
  header: object,
  binary: Buffer,
  status: number,
  code: string,
  message: RegExp,
  headerLength?: (actual: number) => string,
];

const cases: Case[] = [
  [
    'a wrong dtype',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4, 'INT32')] },
    Buffer.alloc(ROW * 4),
    400,
    'INVALID_ARGUMENT',
    /datatype INT32, not FP32/,
  ],
  [
    'a wrong shape',
    { inputs: [tensor([1, 1, 48, 192], (ROW / 3) * 4)] },
    floats(ROW / 3),
    400,
    'INVALID_ARGUMENT',
    /shape \[1,1,48,192\].*expected inputs x: FP32\[\?,3,\?,\?\]/,
  ],
  [
    'fewer data bytes than the shape needs',
    { inputs: [tensor([2, 3, 48, 192], ROW * 4)] },
    floats(ROW),
    400,
    'INVALID_ARGUMENT',
    /needs 55296 elements but the binary data holds 27648/,
  ],
  [
    'a data size that is not whole FP32 elements',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4 - 2)] },
    floats(ROW).subarray(0, ROW * 4 - 2),
    400,
    'INVALID_ARGUMENT',
    /./,
  ],
  [
    'a NaN in an FP32 input of a version that requires finite inputs',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4)] },
    floats(ROW, { index: 1234, value: Number.NaN }),
    400,
    'INVALID_ARGUMENT',
    /element 1234 is NaN, not a finite number/,
  ],
  [
    'an Infinity in an FP32 input of a version that requires finite inputs',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4)] },
    floats(ROW, { index: 0, value: Number.NEGATIVE_INFINITY }),
    400,
    'INVALID_ARGUMENT',
    /element 0 is -Infinity, not a finite number/,
  ],
  [
    'an input over the element limit',
    { inputs: [tensor([8, 3, 48, 192], 8 * ROW * 4)] },
    floats(8 * ROW),
    413,
    'PAYLOAD_TOO_LARGE',
    /221184 elements; the limit is 200000/,
  ],
  [
    'a binary body over the byte limit',
    { inputs: [tensor([10, 3, 48, 192], 10 * ROW * 4)] },
    floats(10 * ROW),
    413,
    'PAYLOAD_TOO_LARGE',
    /too large/,
  ],
  [
    'an unknown output asked for as binary',
    {
      inputs: [tensor([1, 3, 48, 192], ROW * 4)],
      outputs: [{ name: 'logits', parameters: { binary_data: true } }],
    },
    floats(ROW),
    400,
    'INVALID_ARGUMENT',
    /unknown output 'logits'/,
  ],
  [
    'a header length that reaches past the JSON into the tensor bytes',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4)] },
    floats(ROW),
    400,
    'INVALID_ARGUMENT',
    /does not parse/,
    (actual) => String(actual + 4),
  ],
  [
    'a header length shorter than the JSON',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4)] },
    floats(ROW),
    400,
    'INVALID_ARGUMENT',
    /does not parse/,
    (actual) => String(actual - 1),
  ],
  [
    'a header length of 0',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4)] },
    floats(ROW),
    400,
    'INVALID_ARGUMENT',
    /does not parse/,
    () => '0',
  ],
  [
    'a negative header length',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4)] },
    floats(ROW),
    400,
    'INVALID_ARGUMENT',
    /must be one non-negative integer/,
    () => '-1',
  ],
  [
    'a header length with trailing garbage',
    { inputs: [tensor([1, 3, 48, 192], ROW * 4)] },
    floats(ROW),
    400,
    'INVALID_ARGUMENT',
    /must be one non-negative integer/,
    (actual) => `${actual}abc`,
  ],
];

describe('bad binary inputs', () => {
  it.each(cases)(
    'answers %s with its 4xx and keeps serving',
    async (_what, header, binary, status, code, message, headerLength) => {
      const res = await sendBinary(CLS, header, binary, headerLength);
      expect(res.status).toBe(status);
      const body = JSON.parse(res.body.toString()) as { code: string; error: string };
      expect(body.code).toBe(code);
      expect(body.error).toMatch(message);
      await stillServes();
    },
  );

  it('lets NaN through to a version that does not require finite inputs', async () => {
    const count = 3 * 32 * 32;
    const res = await sendBinary(
      DET,
      { inputs: [tensor([1, 3, 32, 32], count * 4)] },
      floats(count, { index: 5, value: Number.NaN }),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body.toString()) as { outputs: { shape: number[] }[] };
    expect(body.outputs[0]!.shape).toEqual([1, 1, 32, 32]);
    await stillServes();
  });

  it('counts every refused request by its code in the metrics', async () => {
    const metrics = await (await fetch(`${runner.url}/metrics`)).text();
    const count = (code: string) =>
      Number(
        new RegExp(`modelhub_runner_requests_total\\{model="${CLS}",code="${code}"\\} (\\d+)`).exec(
          metrics,
        )?.[1] ?? 0,
      );
    // refusals of the body itself (framing, size) are counted as well as the model's
    expect(count('INVALID_ARGUMENT')).toBe(cases.filter((c) => c[3] === 400).length);
    expect(count('PAYLOAD_TOO_LARGE')).toBe(2);
    expect(count('OK')).toBe(cases.length + 2);
  });
});
