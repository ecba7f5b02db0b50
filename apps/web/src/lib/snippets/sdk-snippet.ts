/** The TypeScript SDK (@modelhub/sdk) example for models called with raw tensors (`predict`). */
import type { TensorSpec } from '@/lib/model-schemas';
import { elementCount } from '@/lib/format';
import { exampleShape } from '@/lib/predict-snippet';

const TYPED_ARRAYS: Record<string, string> = {
  FP32: 'Float32Array',
  FP64: 'Float64Array',
  INT8: 'Int8Array',
  INT16: 'Int16Array',
  INT32: 'Int32Array',
  INT64: 'BigInt64Array',
  UINT8: 'Uint8Array',
  UINT16: 'Uint16Array',
  UINT32: 'Uint32Array',
};

/** `new Float32Array(27648)` for an example input; a plain array for other datatypes. */
function exampleData(input: TensorSpec): string {
  const count = elementCount(exampleShape(input.shape)) ?? 0n;
  const typed = TYPED_ARRAYS[input.datatype];
  return typed ? `new ${typed}(${count.toString()})` : `new Array(${count.toString()}).fill(0)`;
}

export function buildSdkPredictSnippet(
  apiUrl: string,
  modelRef: string,
  inputs: readonly TensorSpec[],
): string {
  const inputLines = inputs.map(
    (input) =>
      `  { name: ${JSON.stringify(input.name)}, datatype: ${JSON.stringify(input.datatype)}, ` +
      `shape: [${exampleShape(input.shape).join(', ')}], data: ${exampleData(input)} },`,
  );
  return [
    "import { Modelhub } from '@modelhub/sdk';",
    '',
    'const modelhub = new Modelhub({',
    `  baseUrl: ${JSON.stringify(apiUrl.replace(/\/+$/, ''))},`,
    '  apiKey: process.env.MODELHUB_API_KEY, // mh_...',
    '});',
    '',
    '// Fill each data array with the tensor’s values, row-major.',
    `const prediction = await modelhub.predict(${JSON.stringify(modelRef)}, [`,
    ...inputLines,
    ']);',
    'console.log(prediction.outputs, prediction.costMicros); // costMicros is a bigint',
  ].join('\n');
}
