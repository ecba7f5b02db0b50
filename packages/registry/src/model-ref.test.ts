import { describe, expect, it } from 'vitest';
import { parseModelRef } from './model-ref.ts';

describe('parseModelRef', () => {
  it('parses org/model and org/model@version', () => {
    expect(parseModelRef('modelhub/ppocr-v4-detection')).toEqual({
      orgSlug: 'modelhub',
      modelSlug: 'ppocr-v4-detection',
      version: null,
    });
    expect(parseModelRef('acme/cls@1.2.0-rc.1')).toEqual({
      orgSlug: 'acme',
      modelSlug: 'cls',
      version: '1.2.0-rc.1',
    });
  });
  it.each([
    '',
    'cls',
    'acme/',
    '/cls',
    'Acme/cls',
    'acme/cls@',
    'acme/cls/extra',
    'acme/../cls',
    'acme/cls@1 0',
  ])('rejects %j', (ref) => {
    expect(parseModelRef(ref)).toBeNull();
  });
});
