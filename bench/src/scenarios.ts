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

async function postJson(
  agent: Agent,
  url: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const res = await request(url, {
    method: 'POST',
    body,
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...headers },
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
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
  return async () => {
    await postJson(agent, url, body);
  };
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
  const body = jsonBody({
    query: `mutation($m: String!, $i: [TensorInput!]!) { predict(model: $m, inputs: $i) { costMicros outputs { shape ${encoding === 'base64' ? 'dataBase64' : 'data'} } } }`,
    variables: {
      m: model.ref,
      i: [{ name: model.inputName, datatype: 'FP32', shape: [1, ...model.itemShape], ...values }],
    },
  });
  return async () => {
    const json = (await postJson(agent, `${apiUrl}/graphql`, body, {
      authorization: `Bearer ${apiKey}`,
    })) as { errors?: { message: string }[] };
    if (json.errors) throw new Error(json.errors[0]!.message);
  };
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
