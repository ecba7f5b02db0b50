import { describe, expect, it } from 'vitest';
import {
  buildPredictCurl,
  buildPredictMutation,
  describeExampleInput,
  exampleShape,
  hasDynamicInnerDims,
  pickExampleVersion,
} from '@/lib/predict-snippet';

const x = { name: 'x', datatype: 'FP32', shape: [-1, 3, 48, 192] };

describe('predict snippet', () => {
  it('makes dynamic dims concrete', () => {
    expect(exampleShape([-1, 3, 48, 192])).toEqual([1, 3, 48, 192]);
    expect(exampleShape([-1, 3, -1, -1])).toEqual([1, 3, 32, 32]);
    expect(exampleShape([])).toEqual([]);
  });

  it('builds the mutation', () => {
    expect(buildPredictMutation('paddle/ppocr-cls', [x])).toBe(
      [
        'mutation {',
        '  predict(model: "paddle/ppocr-cls", inputs: [',
        '    { name: "x", datatype: FP32, shape: [1,3,48,192], data: [...] }',
        '  ]) {',
        '    outputs { name shape data }',
        '    costMicros',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('escapes names as GraphQL strings', () => {
    expect(
      buildPredictMutation('a/b', [{ name: 'in"put', datatype: 'FP32', shape: [1] }]),
    ).toContain('name: "in\\"put"');
  });

  it('builds a curl command with the API key header and a JSON body', () => {
    const curl = buildPredictCurl('http://localhost:4000/', 'paddle/ppocr-cls', [x]);
    const lines = curl.split('\n');
    expect(lines[0]).toBe("curl -sS -X POST 'http://localhost:4000/graphql' \\");
    expect(curl).toContain("-H 'Authorization: Bearer <YOUR_API_KEY>'");
    const body = JSON.parse(lines[4]!) as { query: string };
    expect(body.query).toBe(
      'mutation { predict(model: "paddle/ppocr-cls", inputs: [ { name: "x", datatype: FP32, shape: [1,3,48,192], data: [...] } ]) { outputs { name shape data } costMicros } }',
    );
    expect(lines.at(-1)).toBe('JSON');
  });

  it('describes the values to send', () => {
    expect(describeExampleInput(x)).toBe('x: 1×3×48×192 = 27,648 FP32 values');
    expect(describeExampleInput({ name: 's', datatype: 'INT64', shape: [] })).toBe(
      's: a scalar = 1 INT64 value',
    );
    expect(describeExampleInput({ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] })).toBe(
      'x: 1×3×32×32 = 3,072 FP32 values',
    );
  });

  it('knows when the example picked a size for a dynamic dimension', () => {
    expect(hasDynamicInnerDims([-1, 3, 48, 192])).toBe(false);
    expect(hasDynamicInnerDims([-1, 3, -1, -1])).toBe(true);
  });

  it('picks the first published version for the example', () => {
    expect(
      pickExampleVersion([
        { status: 'DRAFT' },
        { status: 'PUBLISHED', v: 2 },
        { status: 'PUBLISHED', v: 3 },
      ]),
    ).toEqual({
      status: 'PUBLISHED',
      v: 2,
    });
    expect(pickExampleVersion([{ status: 'DEPRECATED' }])).toEqual({ status: 'DEPRECATED' });
    expect(pickExampleVersion([])).toBeUndefined();
  });
});
