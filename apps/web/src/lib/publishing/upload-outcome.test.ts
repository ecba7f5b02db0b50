import { describe, expect, it } from 'vitest';
import { networkFailure, uploadOutcome } from './upload-outcome';

const ACCEPTED = {
  version: {
    id: 'TW9kZWxWZXJzaW9uOjE=',
    model: 'acme/orientation',
    version: '1.0.0',
    status: 'DRAFT',
    sha256: 'ab'.repeat(32),
    sizeBytes: '1048',
    opset: 13,
    producer: 'pytorch 2.4',
    parameterCount: '6',
    inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 4] }],
    outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 4] }],
    runtimeConfig: {},
  },
};

const refusal = (message: string, extensions: Record<string, unknown>) =>
  JSON.stringify({ errors: [{ message, extensions }] });

describe('upload outcome', () => {
  it('reads the accepted draft with its signature', () => {
    const outcome = uploadOutcome(201, JSON.stringify(ACCEPTED));
    expect(outcome).toMatchObject({
      ok: true,
      version: { version: '1.0.0', opset: 13, parameterCount: '6', sizeBytes: '1048' },
    });
  });

  it('words the registry reason and keeps the api message', () => {
    expect(
      uploadOutcome(
        400,
        refusal('not an ONNX model: truncated', { code: 'BAD_USER_INPUT', reason: 'INVALID_ONNX' }),
      ),
    ).toEqual({
      ok: false,
      title: 'The file is not an ONNX model the runtime can load.',
      detail: 'The API said: not an ONNX model: truncated',
      code: 'INVALID_ONNX',
    });
    expect(
      uploadOutcome(
        413,
        refusal('the file is 9 bytes; the limit is 8', { code: 'PAYLOAD_TOO_LARGE' }),
      ),
    ).toMatchObject({
      title: 'The file is larger than the upload limit.',
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(
      uploadOutcome(
        409,
        refusal('version 1.0.0 exists', { code: 'CONFLICT', reason: 'DUPLICATE_VERSION' }),
      ),
    ).toMatchObject({
      code: 'DUPLICATE_VERSION',
    });
  });

  it('copes with answers that are not the api’s', () => {
    expect(uploadOutcome(502, 'Bad Gateway')).toMatchObject({
      ok: false,
      code: 'HTTP_502',
      detail: '',
    });
    expect(uploadOutcome(413, '')).toMatchObject({
      title: 'The file is larger than the upload limit.',
    });
    expect(uploadOutcome(201, '{}')).toMatchObject({ ok: false, code: 'BAD_RESPONSE' });
    expect(networkFailure()).toMatchObject({ ok: false, code: 'NETWORK' });
  });
});
