import { describe, expect, it } from 'vitest';
import { suggestNextVersion, versionSummary } from './version-summary';

describe('version summary', () => {
  it('counts versions by status, published first', () => {
    expect(versionSummary([])).toBe('No versions yet');
    expect(
      versionSummary([{ status: 'DRAFT' }, { status: 'PUBLISHED' }, { status: 'PUBLISHED' }]),
    ).toBe('2 published, 1 draft');
  });

  it('suggests the next patch of the highest semantic version', () => {
    expect(suggestNextVersion([])).toBe('1.0.0');
    expect(
      suggestNextVersion([{ version: '1.2.9' }, { version: '1.10.0' }, { version: '2.0.0-rc.1' }]),
    ).toBe('1.10.1');
  });
});
