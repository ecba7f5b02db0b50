// The requests each measured path sends, for one model and one input shape.
import { encodeInferRequestBody, INFERENCE_HEADER_CONTENT_LENGTH } from '@modelhub/inference';
import type { Agent } from 'undici';
import { request } from 'undici';

export interface BenchModel {
  label: string;
  /** `org/model` in the registry */
  ref: string;
  /** v2 name on runners */
  runnerName: string;
  file: string;
  inputName: string;
  /** one item's shape without the batch dimension */
  itemShape: number[];
}

export type Sender = () => Promise<void>;

export function itemData(model: BenchModel, batch: number): number[] {
  const size = batch * model.itemShape.reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => Math.sin(i / 11) * 0.9);
}

/** A request body encoded once: the load generator shares the CPUs with the servers it measures,
 * so it should not re-encode a constant body to bytes on every request. */
function jsonBody(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/**
 * POSTs a constant JSON body and checks each answer: the first one of the sender parsed and
 * checked in full (`check`), the later ones by their status and first bytes (`okPrefix`), and in
 * full again when those differ (an error says what went wrong there). Parsing every answer would
 * cost the load generator, which shares the CPUs with the servers it measures, as much CPU as a
 * server spends on it: the recognizer's answers are megabytes of JSON.
 */
function jsonPoster(
  agent: Agent,
  url: string,
  body: Buffer,
  headers: Record<string, string>,
  okPrefix: string,
  check: (json: unknown) => void,
): Sender {
  const prefix = Buffer.from(okPrefix);
  let checked = false;
  return async () => {
    const res = await request(url, {
      method: 'POST',
      body,
      dispatcher: agent,
      headers: { 'content-type': 'application/json', ...headers },
    });
    // Read as it arrives, joined only to be parsed: joining each megabyte answer would cost
    // the load generator an allocation and a copy that no client must make.
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    const text = () => Buffer.concat(chunks).toString('utf8');
    if (res.statusCode !== 200) {
      throw new Error(`HTTP ${res.statusCode}: ${text().slice(0, 300).trim()}`);
    }
    const first = chunks[0];
    const head = first && first.length >= prefix.length ? first : Buffer.concat(chunks);
    if (!checked || !head.subarray(0, prefix.length).equals(prefix)) {
      check(JSON.parse(text()));
      checked = true;
    }
  };
}

/** POST one v2-style JSON request per call (the naive server and the runner both take it). */
export function v2Sender(agent: Agent, url: string, model: BenchModel): Sender {
  const body = jsonBody({
    inputs: [
      {
        name: model.inputName,
        datatype: 'FP32',
        shape: [1, ...model.itemShape],
        data: itemData(model, 1),
      },
    ],
  });
  return jsonPoster(agent, url, body, {}, '{', (json) => {
    const { outputs } = json as { outputs?: { data?: unknown[] }[] };
    if (!outputs?.[0]?.data?.length) throw new Error('a v2 answer without output data');
  });
}

/**
 * GraphQL `predict` with an API key: the full product path, billing included. Tensors travel as
 * `dataBase64` both ways, as the SDK sends them, or as number lists (`data`), what a hand-written
 * client might send.
 */
export function graphqlSender(
  agent: Agent,
  apiUrl: string,
  apiKey: string,
  model: BenchModel,
  encoding: 'base64' | 'lists' = 'base64',
): Sender {
  const data = itemData(model, 1);
  const values =
    encoding === 'base64'
      ? { dataBase64: Buffer.from(new Float32Array(data).buffer).toString('base64') }
      : { data };
  const field = encoding === 'base64' ? 'dataBase64' : 'data';
  const body = jsonBody({
    query: `mutation($m: String!, $i: [TensorInput!]!) { predict(model: $m, inputs: $i) { costMicros outputs { shape ${field} } } }`,
    variables: {
      m: model.ref,
      i: [{ name: model.inputName, datatype: 'FP32', shape: [1, ...model.itemShape], ...values }],
    },
  });
  // predict is non-null: an answer with an error has "data":null, whatever the order of its keys
  return jsonPoster(
    agent,
    `${apiUrl}/graphql`,
    body,
    { authorization: `Bearer ${apiKey}` },
    '{"data":{"predict":{',
    (json) => {
      const { data, errors } = json as {
        data?: { predict?: { outputs?: Record<string, unknown>[] } };
        errors?: { message: string }[];
      };
      if (errors) throw new Error(errors[0]!.message);
      if (!data?.predict?.outputs?.[0]?.[field]) throw new Error('an answer without outputs');
    },
  );
}

/** The same request in the v2 binary tensor format, asking for binary outputs. */
export function v2BinarySender(
  agent: Agent,
  url: string,
  model: BenchModel,
  extraHeaders: Record<string, string> = {},
): Sender {
  const encoded = encodeInferRequestBody(
    {
      parameters: { binary_data_output: true },
      inputs: [
        {
          name: model.inputName,
          datatype: 'FP32',
          shape: [1, ...model.itemShape],
          data: itemData(model, 1),
        },
      ],
    },
    'all',
  );
  const headers = {
    ...extraHeaders,
    'content-type': 'application/octet-stream',
    [INFERENCE_HEADER_CONTENT_LENGTH]: String(encoded.headerLength),
  };
  return async () => {
    const res = await request(url, {
      method: 'POST',
      body: encoded.body,
      headers,
      dispatcher: agent,
    });
    const bytes = await res.body.arrayBuffer();
    if (res.statusCode !== 200)
      throw new Error(`HTTP ${res.statusCode}: ${Buffer.from(bytes).toString().slice(0, 300)}`);
  };
}
