// predict: run a model once, synchronously, and get its outputs, cost and timings.
import { PredictDocument, type Datatype, type TensorFieldsFragment } from './generated/graphql.ts';
import type { GraphQLTransport } from './graphql-transport.ts';
import { checkNonEmptyString, checkOptionalStringList } from './input-checks.ts';
import { toBigInt } from './scalars.ts';
import { decodeTensorBase64 } from './tensor-base64.ts';
import { toWireInputs, type TensorInput } from './tensor-checks.ts';

export interface PredictOptions {
  /** only these outputs; all when omitted */
  outputs?: string[];
  /**
   * A retry with the same key returns the first result (`replayed: true`) and is not charged
   * again. With a key, the SDK also retries after a broken connection or a timeout.
   */
  idempotencyKey?: string;
}

export interface Tensor {
  name: string;
  datatype: Datatype;
  shape: number[];
  /** numeric and BOOL tensors, row-major; null for BYTES */
  data: number[] | null;
  /** BYTES tensors; null otherwise */
  stringData: string[] | null;
}

export interface Prediction {
  /** the recorded prediction */
  id: string;
  /** `publisher/model@version` that ran */
  model: string;
  outputs: Tensor[];
  /** what this call was charged, in micro-units of `currency` */
  costMicros: bigint;
  currency: string;
  /** true when an earlier call with the same idempotency key answered (and was charged) */
  replayed: boolean;
  timings: {
    /** waiting on the runner before compute */
    queueMs: number;
    /** model execution on the runner */
    computeMs: number;
    /** in the api, end to end */
    totalMs: number;
  };
}

export async function predict(
  transport: GraphQLTransport,
  model: string,
  inputs: readonly TensorInput[],
  options: PredictOptions = {},
): Promise<Prediction> {
  checkNonEmptyString(model, 'model');
  const idempotencyKey =
    options.idempotencyKey === undefined
      ? undefined
      : checkNonEmptyString(options.idempotencyKey, 'idempotencyKey');
  const variables = {
    model,
    inputs: toWireInputs(inputs),
    outputs: checkOptionalStringList(options.outputs, 'outputs'),
    idempotencyKey,
  };
  const { predict: result } = await transport.execute(PredictDocument, variables, {
    // Without a key a repeated call after a lost answer could run (and charge) twice.
    idempotent: idempotencyKey !== undefined,
  });
  return {
    id: result.id,
    model: result.model,
    outputs: result.outputs.map(toTensor),
    costMicros: toBigInt(result.costMicros),
    currency: result.currency,
    replayed: result.replayed,
    timings: { ...result.timings },
  };
}

/** An output tensor as the api sends it (values in `dataBase64`), as the SDK hands it out. */
export function toTensor(o: TensorFieldsFragment): Tensor {
  const values = decodeTensorBase64(o.name, o.datatype, o.dataBase64);
  const isBytes = o.datatype === 'BYTES';
  return {
    name: o.name,
    datatype: o.datatype,
    shape: o.shape,
    data: isBytes ? null : (values as number[]),
    stringData: isBytes ? (values as string[]) : null,
  };
}
