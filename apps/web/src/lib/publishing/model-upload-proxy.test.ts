import { describe, expect, it, vi } from 'vitest';
import { proxyModelUpload } from './model-upload-proxy';

const SESSION = 'next-auth.session-token=abc';
const TARGET = { org: 'acme', model: 'orientation', version: '1.0.0' };
const OPTIONS = { apiUrl: 'http://api.test:4000', timeoutMs: 5_000 };

/** A body that arrives in chunks, like a browser upload. */
function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

function upload(headers: Record<string, string>, body: ReadableStream<Uint8Array> | null = null) {
  return new Request('http://portal.test/api/uploads/models/acme/orientation/versions/1.0.0', {
    method: 'PUT',
    headers: { host: 'portal.test', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('model upload proxy', () => {
  it('streams the body to the api with the session, organization and declared length', async () => {
    let received: { url: string; init: RequestInit } | undefined;
    const fetch = vi.fn(async (url: URL | RequestInfo, init?: RequestInit) => {
      received = { url: url instanceof Request ? url.url : url.toString(), init: init! };
      // The body is still a stream here: the proxy has not read it into memory.
      expect(init?.body).toBeInstanceOf(ReadableStream);
      const bytes = new Uint8Array(await new Response(init!.body).arrayBuffer());
      expect([...bytes]).toEqual([1, 2, 3, 4, 5]);
      return Response.json({ version: { version: '1.0.0' } }, { status: 201 });
    });
    const response = await proxyModelUpload(
      upload(
        {
          cookie: `${SESSION}; mh_org=acme; next-auth.csrf-token=nope`,
          'content-type': 'application/octet-stream',
          'content-length': '5',
          origin: 'http://portal.test',
          'user-agent': 'test-browser',
        },
        streamOf([new Uint8Array([1, 2]), new Uint8Array([3, 4, 5])]),
      ),
      TARGET,
      { ...OPTIONS, fetch },
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ version: { version: '1.0.0' } });
    expect(received!.url).toBe(
      'http://api.test:4000/uploads/models/acme/orientation/versions/1.0.0',
    );
    expect(received!.init.method).toBe('PUT');
    expect(received!.init.headers).toEqual({
      cookie: SESSION,
      'x-modelhub-organization': 'acme',
      'content-type': 'application/octet-stream',
      'content-length': '5',
      'user-agent': 'test-browser',
      accept: 'application/json',
    });
  });

  it('passes the api’s refusal back unchanged', async () => {
    const refusal = { errors: [{ message: 'too big', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] };
    const fetch = vi.fn(async () => Response.json(refusal, { status: 413 }));
    const response = await proxyModelUpload(
      upload({ cookie: SESSION, 'content-type': 'application/octet-stream' }, streamOf([])),
      TARGET,
      { ...OPTIONS, fetch },
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(refusal);
  });

  it('refuses without a session, from another origin, or with a bad path', async () => {
    const fetch = vi.fn();
    const codeOf = async (response: Response) => [
      response.status,
      ((await response.json()) as any).errors[0].extensions.code,
    ];
    expect(await codeOf(await proxyModelUpload(upload({}), TARGET, { ...OPTIONS, fetch }))).toEqual(
      [401, 'UNAUTHENTICATED'],
    );
    expect(
      await codeOf(
        await proxyModelUpload(upload({ cookie: SESSION, origin: 'http://evil.test' }), TARGET, {
          ...OPTIONS,
          fetch,
        }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      await codeOf(
        await proxyModelUpload(
          upload({ cookie: SESSION }),
          { ...TARGET, model: '../x' },
          { ...OPTIONS, fetch },
        ),
      ),
    ).toEqual([404, 'NOT_FOUND']);
    expect(
      await codeOf(
        await proxyModelUpload(
          upload({ cookie: SESSION }),
          { ...TARGET, version: '1 0' },
          { ...OPTIONS, fetch },
        ),
      ),
    ).toEqual([400, 'BAD_USER_INPUT']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('answers 502 when the api is down and 504 when it is too slow', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const slow = vi.fn(
      (_url: URL | RequestInfo, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    const request = () => upload({ cookie: SESSION, 'content-type': 'application/octet-stream' });
    expect((await proxyModelUpload(request(), TARGET, { ...OPTIONS, fetch: down })).status).toBe(
      502,
    );
    expect(
      (await proxyModelUpload(request(), TARGET, { ...OPTIONS, timeoutMs: 20, fetch: slow }))
        .status,
    ).toBe(504);
  });
});
