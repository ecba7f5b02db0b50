import { describe, expect, it } from 'vitest';
import {
  formInvalid,
  formSuccess,
  isPlausibleEmail,
  readRaw,
  readText,
} from '@/lib/forms/form-state';

describe('form state helpers', () => {
  it('reads text fields trimmed and passwords exactly as typed', () => {
    const data = new FormData();
    data.set('email', '  ada@example.com ');
    data.set('password', ' spaces count ');
    data.set('file', new Blob(['x']), 'x.txt');
    expect(readText(data, 'email')).toBe('ada@example.com');
    expect(readRaw(data, 'password')).toBe(' spaces count ');
    expect(readText(data, 'file')).toBe('');
    expect(readText(data, 'missing')).toBe('');
  });

  it('checks the shape of an email address only loosely', () => {
    expect(isPlausibleEmail('ada@example.com')).toBe(true);
    expect(isPlausibleEmail('ada@localhost')).toBe(false);
    expect(isPlausibleEmail('ada example.com')).toBe(false);
    expect(isPlausibleEmail(`${'a'.repeat(320)}@example.com`)).toBe(false);
  });

  it('builds error and success states', () => {
    expect(formInvalid({ email: 'bad' }, { email: 'x' })).toEqual({
      status: 'error',
      fieldErrors: { email: 'bad' },
      values: { email: 'x' },
      formError: undefined,
    });
    expect(formSuccess({ id: 1 })).toEqual({
      status: 'success',
      fieldErrors: {},
      values: {},
      result: { id: 1 },
    });
  });
});
