// verifyWebhook against the Standard Webhooks example and against signatures computed here, with
// node:crypto, from the scheme's definition.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../src/index.ts';

/** v1 signature per the Standard Webhooks spec: base64 HMAC-SHA256 of "id.timestamp.body". */
function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const NOW = new Date('2026-11-22T10:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const BODY = JSON.stringify({
  type: 'prediction.completed',
  data: { id: 'p_1', costMicros: '100' },
});

function delivery(overrides: { timestamp?: number; body?: string; id?: string } = {}) {
  const id = overrides.id ?? 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const timestamp = overrides.timestamp ?? NOW_SECONDS;
  const body = overrides.body ?? BODY;
  return {
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(SECRET, id, timestamp, body),
    } as Record<string, string>,
    body,
  };
}

function failure(fn: () => unknown): WebhookVerificationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
  throw new Error('expected verifyWebhook to throw');
}

const at = (date: Date) => ({ now: () => date });

describe('verifyWebhook', () => {
  it('accepts the example of the Standard Webhooks specification', () => {
    const verified = verifyWebhook(
      {
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': '1614265330',
        'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      },
      '{"test": 2432232314}',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      at(new Date(1614265330 * 1000)),
    );
    expect(verified).toEqual({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: new Date(1614265330 * 1000),
      payload: { test: 2432232314 },
    });
  });

  it('accepts a delivery signed with the secret and returns its payload', () => {
    const { headers, body } = delivery();
    const verified = verifyWebhook<{ type: string }>(headers, body, SECRET, at(NOW));
    expect(verified.payload.type).toBe('prediction.completed');
    expect(verified.timestamp).toEqual(NOW);
  });

  it('takes Fetch Headers, byte bodies, header arrays and any header case', () => {
    const { headers, body } = delivery();
    expect(() =>
      verifyWebhook(new Headers(headers), new TextEncoder().encode(body), SECRET, at(NOW)),
    ).not.toThrow();
    const nodeStyle = {
      'Webhook-Id': headers['webhook-id'],
      'webhook-timestamp': [headers['webhook-timestamp']!],
      'WEBHOOK-SIGNATURE': headers['webhook-signature'],
    };
    expect(() => verifyWebhook(nodeStyle, Buffer.from(body), SECRET, at(NOW))).not.toThrow();
  });

  it('accepts when any one of several signatures matches (secret rotation)', () => {
    const { headers, body } = delivery();
    const other = sign(`whsec_${randomBytes(32).toString('base64')}`, 'x', NOW_SECONDS, body);
    headers['webhook-signature'] = `v1a,c2lnbmF0dXJl ${other} ${headers['webhook-signature']}`;
    expect(() => verifyWebhook(headers, body, SECRET, at(NOW))).not.toThrow();
  });

  it('accepts a secret without the whsec_ prefix', () => {
    const { headers, body } = delivery();
    expect(() => verifyWebhook(headers, body, SECRET.slice(6), at(NOW))).not.toThrow();
  });

  describe('refuses', () => {
    it('a changed body', () => {
      const { headers } = delivery();
      const error = failure(() =>
        verifyWebhook(headers, BODY.replace('100', '1'), SECRET, at(NOW)),
      );
      expect(error.code).toBe('INVALID_SIGNATURE');
    });

    it('a changed id or timestamp', () => {
      const { headers, body } = delivery();
      expect(
        failure(() =>
          verifyWebhook({ ...headers, 'webhook-id': 'msg_other' }, body, SECRET, at(NOW)),
        ).code,
      ).toBe('INVALID_SIGNATURE');
      expect(
        failure(() =>
          verifyWebhook(
            { ...headers, 'webhook-timestamp': String(NOW_SECONDS + 1) },
            body,
            SECRET,
            at(NOW),
          ),
        ).code,
      ).toBe('INVALID_SIGNATURE');
    });

    it('another secret', () => {
      const { headers, body } = delivery();
      const other = `whsec_${randomBytes(32).toString('base64')}`;
      expect(failure(() => verifyWebhook(headers, body, other, at(NOW))).code).toBe(
        'INVALID_SIGNATURE',
      );
    });

    it('signatures of another version, truncated or not base64', () => {
      const { headers, body } = delivery();
      const mac = headers['webhook-signature']!.slice(3);
      for (const signature of [`v2,${mac}`, `v1,${mac.slice(0, 20)}`, 'v1,not*base64', mac]) {
        const error = failure(() =>
          verifyWebhook({ ...headers, 'webhook-signature': signature }, body, SECRET, at(NOW)),
        );
        expect(error.code).toBe('INVALID_SIGNATURE');
      }
    });

    it('timestamps more than five minutes old or ahead', () => {
      const old = delivery({ timestamp: NOW_SECONDS - 301 });
      expect(failure(() => verifyWebhook(old.headers, old.body, SECRET, at(NOW))).code).toBe(
        'TIMESTAMP_TOO_OLD',
      );
      const ahead = delivery({ timestamp: NOW_SECONDS + 301 });
      expect(failure(() => verifyWebhook(ahead.headers, ahead.body, SECRET, at(NOW))).code).toBe(
        'TIMESTAMP_TOO_NEW',
      );
      // the edges of the window are inside it
      for (const timestamp of [NOW_SECONDS - 300, NOW_SECONDS + 300]) {
        const edge = delivery({ timestamp });
        expect(() => verifyWebhook(edge.headers, edge.body, SECRET, at(NOW))).not.toThrow();
      }
      // with the default clock, a delivery signed now passes and one from an hour ago fails
      const fresh = delivery({ timestamp: Math.floor(Date.now() / 1000) });
      expect(() => verifyWebhook(fresh.headers, fresh.body, SECRET)).not.toThrow();
      const stale = delivery({ timestamp: Math.floor(Date.now() / 1000) - 3600 });
      expect(failure(() => verifyWebhook(stale.headers, stale.body, SECRET)).code).toBe(
        'TIMESTAMP_TOO_OLD',
      );
    });

    it('a custom tolerance', () => {
      const { headers, body } = delivery({ timestamp: NOW_SECONDS - 61 });
      const options = { ...at(NOW), toleranceSeconds: 60 };
      expect(failure(() => verifyWebhook(headers, body, SECRET, options)).code).toBe(
        'TIMESTAMP_TOO_OLD',
      );
    });

    it('a timestamp that is not whole seconds', () => {
      const { headers, body } = delivery();
      for (const timestamp of ['soon', '1.5e9', '-1', '']) {
        const error = failure(() =>
          verifyWebhook({ ...headers, 'webhook-timestamp': timestamp }, body, SECRET, at(NOW)),
        );
        expect(error.code).toBe(timestamp === '' ? 'MISSING_HEADER' : 'INVALID_TIMESTAMP');
      }
    });

    it('a missing header', () => {
      const { headers, body } = delivery();
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
        const partial = { ...headers };
        delete partial[name];
        const error = failure(() => verifyWebhook(partial, body, SECRET, at(NOW)));
        expect(error.code).toBe('MISSING_HEADER');
        expect(error.message).toContain(name);
      }
    });

    it('a malformed secret', () => {
      const { headers, body } = delivery();
      for (const secret of ['whsec_', 'whsec_not base64!', 42 as unknown as string]) {
        expect(failure(() => verifyWebhook(headers, body, secret, at(NOW))).code).toBe(
          'INVALID_SECRET',
        );
      }
    });

    it('a correctly signed body that is not JSON', () => {
      const { headers, body } = delivery({ body: 'plain text' });
      expect(failure(() => verifyWebhook(headers, body, SECRET, at(NOW))).code).toBe(
        'INVALID_PAYLOAD',
      );
    });
  });
});
