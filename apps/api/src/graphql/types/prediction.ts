import {
  decodeTensorBase64,
  encodeTensorBase64,
  encodeTensorBase64Slices,
  InferenceError,
  toJsonTensorData,
  type Datatype,
  type InferInputTensor,
  type TypedOutputTensor,
} from '@modelhub/inference';
import { requirePermission } from '../../auth/principal.ts';
import { LONG_STRING_BYTES, type LongStrings } from '../../http/long-strings.ts';
import { checkIdempotencyKey } from '../../pipelines/call-arguments.ts';
import { AppError, toAppError } from '../../app-error.ts';
import { runPrediction, type PredictionResult } from '../../predictions/run-prediction.ts';
import { builder } from '../builder.ts';
import { DatatypeEnum } from './enums.ts';
import { CallResultRef } from './call-result.ts';

export const TensorInput = builder.inputType('TensorInput', {
  description:
    'One input tensor, row-major, with its values in exactly one of: `data` (numeric and BOOL, BOOL as 0/1), `stringData` (BYTES), or `dataBase64` (any datatype; the compact form, much faster for large tensors).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The input’s name in the model signature.' }),
    datatype: t.field({ type: DatatypeEnum, required: true, description: 'The element type.' }),
    shape: t.intList({ required: true, description: 'Dimensions, e.g. [1, 3, 224, 224].' }),
    data: t.floatList({
      required: false,
      description: 'The values of a numeric or BOOL tensor, flattened row-major.',
    }),
    stringData: t.stringList({
      required: false,
      description: 'The values of a BYTES tensor, flattened row-major.',
    }),
    dataBase64: t.string({
      required: false,
      description:
        'The tensor’s bytes in the KServe v2 binary tensor format, base64-encoded (standard alphabet, padded): little-endian, row-major, BOOL one byte per element, BYTES a 4-byte little-endian length before each element. E.g. a Float32Array’s buffer.',
    }),
  }),
});

export const TensorRef = builder.objectRef<TypedOutputTensor>('Tensor').implement({
  description:
    'An output tensor, row-major. Numeric and BOOL tensors fill `data`; BYTES tensors fill `stringData`.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The output’s name in the model signature.' }),
    datatype: t.field({
      type: DatatypeEnum,
      description: 'The element type.',
      resolve: (o) => o.datatype,
    }),
    shape: t.exposeIntList('shape', { description: 'Dimensions.' }),
    data: t.floatList({
      nullable: true,
      description:
        'The values of a numeric or BOOL tensor (BOOL as 0/1), flattened row-major; null for BYTES.',
      resolve: (o) =>
        o.datatype === 'BYTES' ? null : toJsonTensorData(o.datatype, o.data).map(Number),
    }),
    stringData: t.stringList({
      nullable: true,
      description: 'The values of a BYTES tensor, flattened row-major; null otherwise.',
      resolve: (o) => (o.datatype === 'BYTES' ? (o.data as string[]) : null),
    }),
    dataBase64: t.string({
      description:
        'The values in the KServe v2 binary tensor format, base64-encoded (as `TensorInput.dataBase64`); the compact alternative to `data`.',
      resolve: (o, _args, ctx) =>
        ArrayBuffer.isView(o.data) && (o.data.byteLength / 3) * 4 >= LONG_STRING_BYTES
          ? ctx.longStrings.add(encodeTensorBase64Slices(o.datatype, o.data))
          : encodeTensorBase64(o.datatype, o.data),
    }),
  }),
});

const PredictionResultRef = builder.objectRef<PredictionResult>('PredictionResult').implement({
  description: 'The result of a synchronous prediction, and what it cost.',
  interfaces: [CallResultRef],
  fields: (t) => ({
    outputs: t.field({
      type: [TensorRef],
      description: 'The output tensors asked for.',
      resolve: (p) => p.outputs,
    }),
  }),
});

/** A GraphQL TensorInput as the tensor it names; `longStrings`: the request's (ApiContext). */
export function toInferInput(
  tensor: {
    name: string;
    datatype: Datatype;
    shape: number[];
    data?: number[] | null;
    stringData?: string[] | null;
    dataBase64?: string | null;
  },
  longStrings: LongStrings | null,
): InferInputTensor {
  const { name, datatype, shape } = tensor;
  const given = [tensor.data, tensor.stringData, tensor.dataBase64].filter((v) => v != null);
  if (given.length > 1)
    throw new AppError(
      'BAD_USER_INPUT',
      `input '${name}' has values in more than one of data, stringData and dataBase64: send one`,
    );
  if (tensor.dataBase64 != null) {
    const fail = (message: string) =>
      new InferenceError('INVALID_ARGUMENT', `input '${name}' dataBase64 ${message}`);
    try {
      const base64 = longStrings?.resolve(tensor.dataBase64) ?? tensor.dataBase64;
      return { name, datatype, shape, data: decodeTensorBase64(datatype, base64, fail) };
    } catch (error) {
      throw toAppError(error);
    }
  }
  if (datatype === 'BYTES') {
    if (!tensor.stringData)
      throw new AppError(
        'BAD_USER_INPUT',
        `input '${name}' is BYTES: send its values in stringData or dataBase64`,
      );
    return { name, datatype, shape, data: tensor.stringData };
  }
  if (!tensor.data) throw new AppError('BAD_USER_INPUT', `input '${name}' has no data`);
  return {
    name,
    datatype,
    shape,
    data: datatype === 'BOOL' ? tensor.data.map((v) => v !== 0) : tensor.data,
  };
}

builder.mutationField('predict', (t) =>
  t.field({
    type: PredictionResultRef,
    description:
      'Runs a model synchronously and charges the caller’s organization. Needs an API key with the predict scope, or a signed-in member who may run predictions. Errors: BAD_USER_INPUT (inputs do not match the signature), NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, PAYMENT_REQUIRED, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT.',
    args: {
      model: t.arg.string({
        required: true,
        description: '`publisher/model` (latest published version) or `publisher/model@1.2.0`.',
      }),
      inputs: t.arg({ type: [TensorInput], required: true }),
      outputs: t.arg.stringList({
        required: false,
        description: 'Only these outputs; all when omitted.',
      }),
      idempotencyKey: t.arg.string({
        required: false,
        description: 'A retry with the same key returns the first result and is not charged again.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const principal = requirePermission(ctx.principal, 'predictions.run');
      const idempotencyKey = checkIdempotencyKey(args.idempotencyKey);
      return runPrediction(ctx.services, principal, {
        modelRef: args.model,
        inputs: args.inputs.map((i) =>
          toInferInput({ ...i, datatype: i.datatype }, ctx.longStrings),
        ),
        outputs: args.outputs ?? null,
        idempotencyKey,
      });
    },
  }),
);
