// The client against a local HTTP server: what it sends, how answers and errors become typed
// results, pagination, and the bad arguments it refuses without sending anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadUserInputError,
  ConfigurationError,
  ForbiddenError,
  InvalidResponseError,
  Modelhub,
  ModelhubError,
  NotFoundError,
  PaymentRequiredError,
  UnauthenticatedError,
  type ModelhubOptions,
} from '../src/index.ts';
import {
  graphqlError,
  startScriptedServer,
  type ScriptedServer,
} from './scripted-graphql-server.ts';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server?.close());

const hub = (options: Partial<ModelhubOptions> = {}) =>
  new Modelhub({ baseUrl: server.url, apiKey: 'mh_abc_def', maxRetries: 0, ...options });

function modelNode(slug: string) {
  return {
    id: `id-${slug}`,
    fullName: `acme/${slug}`,
    slug,
    name: slug.toUpperCase(),
    summary: 's',
    task: 'OTHER',
    tags: ['t'],
    license: 'MIT',
    visibility: 'PUBLIC',
    callsLast30Days: 3,
    createdAt: '2026-11-22T10:00:00.000Z',
    publisher: { slug: 'acme', name: 'Acme' },
    latestVersion: {
      id: `v-${slug}`,
      version: '1.0.0',
      status: 'PUBLISHED',
      publishedAt: '2026-11-22T11:00:00.000Z',
      sha256: 'ab'.repeat(32),
      sizeBytes: '9007199254740993',
      opset: 17,
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3] }],
      outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 2] }],
      prices: [{ unit: 'PER_CALL', amountMicros: '250', currency: 'usd', freeAllowance: 10 }],
    },
  };
}

function modelsPage(slugs: string[], hasNextPage: boolean, endCursor: string | null) {
  return {
    data: {
      models: {
        totalCount: 5,
        pageInfo: { hasNextPage, endCursor },
        edges: slugs.map((slug) => ({ node: modelNode(slug) })),
      },
    },
  };
}

describe('requests', () => {
  it('posts the operation to /graphql with the API key and organization headers', async () => {
    server.script({ body: { data: { viewer: null } } });
    await hub({ baseUrl: `${server.url}/`, organization: 'acme' }).viewer();
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/graphql');
    expect(request!.headers.authorization).toBe('Bearer mh_abc_def');
    expect(request!.headers['x-modelhub-organization']).toBe('acme');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body.operationName).toBe('Viewer');
    expect(request!.body.query).toContain('query Viewer');
  });

  it('sends a session token as a bearer token', async () => {
    server.script({ body: { data: { viewer: null } } });
    await new Modelhub({ baseUrl: server.url, sessionToken: 'eyJhbGciOi.session' }).viewer();
    expect(server.requests[0]!.headers.authorization).toBe('Bearer eyJhbGciOi.session');
  });

  it('sends no credentials when given none, and viewer() is then null', async () => {
    server.script({ body: { data: { viewer: null } } });
    expect(await new Modelhub({ baseUrl: server.url }).viewer()).toBeNull();
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('results', () => {
  it('turns money and sizes into bigint and times into Date', async () => {
    server.script({ body: modelsPage(['a'], false, null) });
    const page = await hub().models.list({ first: 1, minPriceMicros: 5n, tags: ['t'] });
    const model = page.items[0]!;
    expect(model.createdAt).toEqual(new Date('2026-11-22T10:00:00.000Z'));
    expect(model.latestVersion!.sizeBytes).toBe(9007199254740993n);
    expect(model.latestVersion!.prices[0]!.amountMicros).toBe(250n);
    expect(model.latestVersion!.publishedAt).toEqual(new Date('2026-11-22T11:00:00.000Z'));
    expect(server.requests[0]!.body.variables).toMatchObject({
      first: 1,
      minPriceMicros: '5',
      tags: ['t'],
    });
  });

  it('walks every page with for await, passing each endCursor as after', async () => {
    server.script(
      { body: modelsPage(['a', 'b'], true, 'c2') },
      { body: modelsPage(['c', 'd'], true, 'c4') },
      { body: modelsPage(['e'], false, 'c5') },
    );
    const seen: string[][] = [];
    for await (const page of hub().models.list({ first: 2, query: 'ocr' })) {
      seen.push(page.items.map((m) => m.slug));
      expect(page.totalCount).toBe(5);
    }
    expect(seen).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(server.requests.map((r) => r.body.variables.after ?? null)).toEqual([null, 'c2', 'c4']);
    expect(server.requests.every((r) => r.body.variables.query === 'ocr')).toBe(true);
  });

  it('iterates items across pages and follows nextPage()', async () => {
    server.script(
      { body: modelsPage(['a'], true, 'c1') },
      { body: modelsPage(['b'], false, 'c2') },
    );
    const slugs: string[] = [];
    for await (const model of hub().models.list({ first: 1 }).items()) slugs.push(model.slug);
    expect(slugs).toEqual(['a', 'b']);

    server.script(
      { body: modelsPage(['a'], true, 'c1') },
      { body: modelsPage(['b'], false, null) },
    );
    const first = await hub().models.list({ first: 1, after: 'c0' });
    expect(server.requests[0]!.body.variables.after).toBe('c0');
    const second = await first.nextPage();
    expect(second!.items.map((m) => m.slug)).toEqual(['b']);
    expect(await second!.nextPage()).toBeNull();
    expect(server.requests).toHaveLength(2);
  });

  it('answers models.get for a missing model with NotFoundError', async () => {
    server.script({ body: { data: { model: null } } });
    const error = await hub()
      .models.get('acme/nope')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, field: 'ref' });
  });
});

describe('tensors on the wire', () => {
  const input = { name: 'x', datatype: 'FP32' as const, shape: [1], data: [1] };
  const base64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');
  const bytesOf = (view: ArrayBufferView) =>
    Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
  const predictAnswer = (outputs: unknown[]) => ({
    data: {
      predict: {
        id: 'p',
        model: 'acme/m@1.0.0',
        costMicros: '0',
        currency: 'usd',
        replayed: false,
        outputs,
        timings: { queueMs: 0, computeMs: 0, totalMs: 0 },
      },
    },
  });

  it('sends every datatype as dataBase64 of its little-endian bytes, and nothing else', async () => {
    server.script({ body: predictAnswer([]) });
    await hub().predict('acme/m', [
      { name: 'i64', datatype: 'INT64', shape: [2], data: [-2, 2 ** 40] },
      { name: 'b', datatype: 'BOOL', shape: [3], data: [1, 0, 1] },
      { name: 'u16', datatype: 'UINT16', shape: [1], data: [258] },
      { name: 'h', datatype: 'FP16', shape: [2], data: [1, -2] },
      { name: 'd', datatype: 'FP64', shape: [1], data: [1] },
      { name: 's', datatype: 'BYTES', shape: [2], stringData: ['hi', 'wö'] },
    ]);
    const sent = server.requests[0]!.body.variables.inputs;
    expect(sent.map((t: any) => Buffer.from(t.dataBase64, 'base64').toString('hex'))).toEqual([
      'feffffffffffffff' + '0000000000010000',
      '010001',
      '0201',
      '003c00c0',
      '000000000000f03f',
      '02000000' + '6869' + '03000000' + '77c3b6',
    ]);
    for (const tensor of sent)
      expect(Object.keys(tensor).sort()).toEqual(['dataBase64', 'datatype', 'name', 'shape']);
  });

  it('selects dataBase64 of outputs and decodes every datatype into data or stringData', async () => {
    server.script({
      body: predictAnswer([
        {
          name: 'y',
          datatype: 'FP32',
          shape: [2],
          dataBase64: bytesOf(new Float32Array([0.5, -2])),
        },
        {
          name: 'i',
          datatype: 'INT64',
          shape: [2],
          dataBase64: bytesOf(new BigInt64Array([-5n, 2n ** 60n])),
        },
        { name: 'm', datatype: 'BOOL', shape: [2], dataBase64: base64([1, 0]) },
        { name: 'h', datatype: 'FP16', shape: [2], dataBase64: base64([0x00, 0x3c, 0x55, 0x35]) },
        { name: 'u', datatype: 'UINT8', shape: [1], dataBase64: base64([255]) },
        {
          name: 'label',
          datatype: 'BYTES',
          shape: [2],
          dataBase64: base64([3, 0, 0, 0, 0x63, 0x61, 0x74, 0, 0, 0, 0]),
        },
        { name: 'empty', datatype: 'FP32', shape: [0], dataBase64: '' },
      ]),
    });
    const { outputs } = await hub().predict('acme/m', [input]);
    const query: string = server.requests[0]!.body.query;
    expect(query).toContain('dataBase64');
    expect(query).not.toMatch(/^\s*(data|stringData)$/m);
    expect(outputs.map((o) => [o.name, o.data, o.stringData])).toEqual([
      ['y', [0.5, -2], null],
      ['i', [-5, 2 ** 60], null],
      ['m', [1, 0], null],
      ['h', [1, 0.333251953125], null],
      ['u', [255], null],
      ['label', null, ['cat', '']],
      ['empty', [], null],
    ]);
    expect(outputs[0]).toEqual({
      name: 'y',
      datatype: 'FP32',
      shape: [2],
      data: [0.5, -2],
      stringData: null,
    });
  });

  it('decodes the outputs of async predictions the same way', async () => {
    server.script({
      body: {
        data: {
          prediction: {
            id: 'p1',
            status: 'SUCCEEDED',
            mode: 'ASYNC',
            model: 'acme/m@1.0.0',
            outputs: [
              {
                name: 'y',
                datatype: 'FP32',
                shape: [1, 2],
                dataBase64: bytesOf(new Float32Array([1, 2])),
              },
            ],
            error: null,
            costMicros: '100',
            currency: 'usd',
            attempts: 1,
            queueMs: 1,
            computeMs: 2,
            totalMs: 4,
            createdAt: '2026-11-22T10:00:00.000Z',
            startedAt: null,
            completedAt: null,
            expiresAt: null,
            purgedAt: null,
            webhook: null,
            webhookEvents: [],
          },
        },
      },
    });
    const prediction = await hub().predictions.get('p1');
    expect(prediction.outputs).toEqual([
      { name: 'y', datatype: 'FP32', shape: [1, 2], data: [1, 2], stringData: null },
    ]);
    expect(server.requests[0]!.body.query).toContain('dataBase64');
  });

  it.each([
    ['is not base64', 'FP32', 'AAAA AAA='],
    ['does not divide into elements', 'FP32', base64([0, 0, 0, 0, 0, 0])],
    ['holds a BOOL of 2', 'BOOL', base64([1, 2])],
    ['cuts a BYTES element short', 'BYTES', base64([5, 0, 0, 0, 0x61])],
    ['has a datatype the SDK does not know', 'BF16', ''],
  ])(
    'refuses an output that %s with InvalidResponseError',
    async (_label, datatype, dataBase64) => {
      server.script({ body: predictAnswer([{ name: 'y', datatype, shape: [1], dataBase64 }]) });
      const error = await hub()
        .predict('acme/m', [input])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toContain("output 'y'");
    },
  );
});

describe('errors', () => {
  it('maps each api code to its class, with field, path and statuses', async () => {
    server.script({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: 'name is taken',
            path: ['createApiKey'],
            extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
          },
          { message: 'second', extensions: { code: 'FORBIDDEN' } },
        ],
      },
    });
    const error = await hub()
      .viewer()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error).toBeInstanceOf(ModelhubError);
    expect(error).toMatchObject({
      name: 'BadUserInputError',
      message: 'name is taken',
      code: 'BAD_USER_INPUT',
      field: 'input.name',
      path: ['createApiKey'],
      httpStatus: 400,
      responseStatus: 200,
    });
  });

  it.each([
    ['UNAUTHENTICATED', 401, UnauthenticatedError, 401],
    ['FORBIDDEN', 200, ForbiddenError, 403],
    ['PAYMENT_REQUIRED', 200, PaymentRequiredError, 402],
  ] as const)('%s answered with HTTP %i', async (code, status, type, httpStatus) => {
    server.script({ status, body: graphqlError(code, 'no') });
    const error = await hub()
      .viewer()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code, httpStatus, responseStatus: status });
  });

  it('keeps codes it does not know', async () => {
    server.script({ status: 400, body: graphqlError('GRAPHQL_VALIDATION_FAILED', 'bad query') });
    const error = await hub()
      .viewer()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelhubError);
    expect(error).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', httpStatus: 400 });
  });

  it('types an error status without a GraphQL body by its status', async () => {
    server.script({ status: 401, body: '<html>no</html>' });
    await expect(hub().viewer()).rejects.toBeInstanceOf(UnauthenticatedError);
    server.script({ status: 418, body: '<html>teapot</html>' });
    await expect(hub().viewer()).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      responseStatus: 418,
    });
  });

  it('refuses a 200 answer that is not a GraphQL response', async () => {
    server.script({ status: 200, body: '<html>portal</html>' });
    await expect(hub().viewer()).rejects.toBeInstanceOf(InvalidResponseError);
    server.script({ status: 200, body: { data: { model: { createdAt: 'yesterday' } } } });
    await expect(hub().models.get('a/b')).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe('bad arguments are refused before anything is sent', () => {
  const x = (shape: number[], data?: ArrayLike<number>) => ({
    name: 'x',
    datatype: 'FP32' as const,
    shape,
    ...(data ? { data } : {}),
  });

  it.each([
    ['no inputs', [], 'inputs'],
    ['too few elements', [x([1, 3], [1, 2])], 'inputs[0].data'],
    ['NaN', [x([2], [1, Number.NaN])], 'inputs[0].data'],
    ['a fractional dimension', [x([1.5], [1])], 'inputs[0].shape'],
    ['no data', [x([1])], 'inputs[0].data'],
    [
      'an unknown datatype',
      [{ name: 'x', datatype: 'FP8', shape: [1], data: [1] }],
      'inputs[0].datatype',
    ],
    [
      'BYTES without strings',
      [{ name: 's', datatype: 'BYTES', shape: [1], data: [1] }],
      'inputs[0].stringData',
    ],
    ['an empty name', [{ ...x([1], [1]), name: '' }], 'inputs[0].name'],
    // values the datatype cannot hold, which its binary form would wrap or round to infinity
    ['an INT8 of 128', [{ ...x([2], [1, 128]), datatype: 'INT8' }], 'inputs[0].data'],
    ['a fractional INT64', [{ ...x([1], [1.5]), datatype: 'INT64' }], 'inputs[0].data'],
    ['a negative UINT32', [{ ...x([1], [-1]), datatype: 'UINT32' }], 'inputs[0].data'],
    ['a BOOL of 2', [{ ...x([2], [0, 2]), datatype: 'BOOL' }], 'inputs[0].data'],
    ['an FP16 of 70000', [{ ...x([1], [70000]), datatype: 'FP16' }], 'inputs[0].data'],
    ['an FP32 of 1e39', [x([1], [1e39])], 'inputs[0].data'],
  ])('predict with %s', async (_label, inputs, field) => {
    server.script({ body: {} });
    const error = await hub()
      .predict('acme/m', inputs as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).field).toBe(field);
    expect(server.requests).toHaveLength(0);
  });

  it('accepts typed arrays and sends them as base64 of their bytes', async () => {
    server.script({
      body: {
        data: {
          predict: {
            id: 'p',
            model: 'acme/m@1.0.0',
            costMicros: '0',
            currency: 'usd',
            replayed: false,
            outputs: [],
            timings: { queueMs: 0, computeMs: 0, totalMs: 0 },
          },
        },
      },
    });
    await hub().predict('acme/m', [x([2, 2], new Float32Array([1, 2, 3, 0.5]))], {
      outputs: ['y'],
    });
    expect(server.requests[0]!.body.variables).toEqual({
      model: 'acme/m',
      inputs: [
        {
          name: 'x',
          datatype: 'FP32',
          shape: [2, 2],
          dataBase64: Buffer.from(new Float32Array([1, 2, 3, 0.5]).buffer).toString('base64'),
        },
      ],
      outputs: ['y'],
    });
  });

  it('refuses bad list and key arguments', async () => {
    server.script({ body: {} });
    expect(() => hub().models.list({ first: 0 })).toThrow(BadUserInputError);
    expect(() => hub().models.list({ minPriceMicros: 5 as never })).toThrow(
      expect.objectContaining({ field: 'minPriceMicros' }),
    );
    await expect(hub().models.get('')).rejects.toMatchObject({ field: 'ref' });
    await expect(hub().keys.create({ name: 'k', scopes: [] })).rejects.toMatchObject({
      field: 'scopes',
    });
    await expect(
      hub().keys.create({ name: 'k', scopes: ['READ'], expiresAt: new Date('nope') }),
    ).rejects.toMatchObject({ field: 'expiresAt' });
    await expect(hub().keys.revoke('')).rejects.toBeInstanceOf(BadUserInputError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('options', () => {
  it.each([
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ baseUrl: 'ftp://host' }, 'baseUrl'],
    [{ baseUrl: 'http://h', apiKey: 'sk_live_x' }, 'apiKey'],
    [{ baseUrl: 'http://h', apiKey: 'mh_a_b', sessionToken: 't' }, 'apiKey'],
    [{ baseUrl: 'http://h', maxRetries: -1 }, 'maxRetries'],
    [{ baseUrl: 'http://h', timeoutMs: 0 }, 'timeoutMs'],
    [{ baseUrl: 'http://h', organization: ' ' }, 'organization'],
  ])('refuses %j', (options, field) => {
    expect(() => new Modelhub(options as ModelhubOptions)).toThrow(ConfigurationError);
    try {
      new Modelhub(options as ModelhubOptions);
    } catch (error) {
      expect((error as ConfigurationError).field).toBe(field);
      expect((error as ConfigurationError).code).toBe('INVALID_CONFIGURATION');
    }
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return new Response(JSON.stringify({ data: { viewer: null } }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    await new Modelhub({ baseUrl: 'https://api.example.com/base/', fetch: fakeFetch }).viewer();
    expect(calls).toEqual(['https://api.example.com/base/graphql']);
  });
});
