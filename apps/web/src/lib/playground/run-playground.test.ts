import { describe, expect, it, vi } from 'vitest';
import { runPlayground, type PlaygroundRun } from './run-playground';

const OCR_RUN: PlaygroundRun = {
  kind: 'ocr',
  modelRef: 'modelhub/ppocr-ocr',
  base64: 'iVBORw0KGgo=',
  contentType: 'image/png',
  idempotencyKey: 'run-1',
};

const RECOGNITION = {
  id: 'p1',
  model: 'modelhub/ppocr-ocr@1.0.0',
  costMicros: '5000',
  currency: 'usd',
  text: 'Invoice 48213',
  width: 300,
  height: 80,
  lines: [
    {
      text: 'Invoice 48213',
      confidence: 0.98,
      box: { x: 10, y: 12, width: 180, height: 30 },
      polygon: [
        { x: 10, y: 12 },
        { x: 190, y: 12 },
        { x: 190, y: 42 },
        { x: 10, y: 42 },
      ],
    },
  ],
  timings: { totalMs: 80.5 },
};

function answering(body: unknown, init: ResponseInit = {}) {
  return vi.fn<typeof fetch>(async () => Response.json(body, init));
}

describe('runPlayground', () => {
  it('posts recognizeText with the image and the idempotency key to the proxy', async () => {
    const doFetch = answering({ data: { recognizeText: RECOGNITION } });
    const outcome = await runPlayground(OCR_RUN, doFetch);
    expect(outcome).toEqual({
      ok: true,
      value: { kind: 'ocr', result: RECOGNITION, raw: RECOGNITION },
    });
    const [url, init] = doFetch.mock.calls[0]!;
    expect(url).toBe('/api/graphql');
    expect(init?.method).toBe('POST');
    const body = JSON.parse(init?.body as string) as Record<string, any>;
    expect(body.operationName).toBe('PlaygroundRecognizeText');
    expect(body.variables).toEqual({
      model: 'modelhub/ppocr-ocr',
      image: { base64: 'iVBORw0KGgo=', contentType: 'image/png' },
      idempotencyKey: 'run-1',
    });
  });

  it('asks predictImage for the top classes', async () => {
    const prediction = {
      id: 'p2',
      model: 'modelhub/mnist-digit-classifier@1.0.0',
      costMicros: 200,
      currency: 'usd',
      labels: [{ label: '7', score: 0.9 }],
      outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [1, 10], data: [0.9] }],
      timings: { totalMs: 3 },
    };
    const doFetch = answering({ data: { predictImage: prediction } });
    const outcome = await runPlayground({ ...OCR_RUN, kind: 'image' }, doFetch);
    expect(outcome.ok && outcome.value.kind).toBe('image');
    expect(outcome.ok && outcome.value.result.costMicros).toBe('200');
    const body = JSON.parse(doFetch.mock.calls[0]![1]?.body as string) as Record<string, any>;
    expect(body.operationName).toBe('PlaygroundPredictImage');
    expect(body.variables.topK).toBe(5);
  });

  it('puts API errors into words', async () => {
    const outcome = await runPlayground(
      OCR_RUN,
      answering({
        errors: [{ message: 'insufficient credit', extensions: { code: 'PAYMENT_REQUIRED' } }],
      }),
    );
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'PAYMENT_REQUIRED',
        message:
          'Your organization is out of credit. Top up on the billing page, then run the model again.',
        detail: 'insufficient credit',
      },
    });
  });

  it('says how long to wait when rate limited, from the header or the extension', async () => {
    const limited = await runPlayground(
      OCR_RUN,
      answering(
        { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] },
        { status: 429, headers: { 'retry-after': '12' } },
      ),
    );
    expect(!limited.ok && limited.error.message).toBe(
      'Too many calls in a short time. Try again in 12 s.',
    );
    const fromExtension = await runPlayground(
      OCR_RUN,
      answering({
        errors: [{ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 } }],
      }),
    );
    expect(!fromExtension.ok && fromExtension.error.message).toContain('3 s');
  });

  it('names the image problem from the reason of BAD_USER_INPUT', async () => {
    const outcome = await runPlayground(
      OCR_RUN,
      answering({
        errors: [
          { message: 'corrupt', extensions: { code: 'BAD_USER_INPUT', reason: 'CORRUPT_IMAGE' } },
        ],
      }),
    );
    expect(!outcome.ok && outcome.error.code).toBe('CORRUPT_IMAGE');
    expect(!outcome.ok && outcome.error.message).toContain('could not be read');
    const unknown = await runPlayground(
      OCR_RUN,
      answering({ errors: [{ message: 'odd', extensions: { code: 'TEAPOT' } }] }),
    );
    expect(!unknown.ok && unknown.error).toEqual({ code: 'TEAPOT', message: 'odd' });
  });

  it('reports network failures, non-JSON answers and unreadable results', async () => {
    const offline = await runPlayground(
      OCR_RUN,
      vi.fn<typeof fetch>(async () => {
        throw new TypeError('failed to fetch');
      }),
    );
    expect(!offline.ok && offline.error.code).toBe('NETWORK_ERROR');
    const html = await runPlayground(
      OCR_RUN,
      vi.fn<typeof fetch>(async () => new Response('<html>', { status: 502 })),
    );
    expect(!html.ok && html.error.code).toBe('HTTP_502');
    const garbled = await runPlayground(OCR_RUN, answering({ data: { recognizeText: { id: 1 } } }));
    expect(!garbled.ok && garbled.error.code).toBe('BAD_RESPONSE');
  });
});
