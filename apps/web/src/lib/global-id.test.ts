import { describe, expect, it } from 'vitest';
import { localIdOf } from '@/lib/global-id';

const globalId = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('localIdOf', () => {
  it('reads the database id out of a global id of the type', () => {
    expect(localIdOf('VXNlcjpjbXdzaXMwOTkwMDAwMnc3ZHdhbWpiZWdu', 'User')).toBe(
      'cmwsis09900002w7dwamjbegn',
    );
    expect(localIdOf(globalId('User:abc'), 'User')).toBe('abc');
  });

  it('is undefined for another type, an empty id or what is not a global id', () => {
    expect(localIdOf(globalId('Organization:abc'), 'User')).toBeUndefined();
    expect(localIdOf(globalId('User:'), 'User')).toBeUndefined();
    expect(localIdOf('cmwsis09900002w7dwamjbegn', 'User')).toBeUndefined();
    expect(localIdOf('user_1', 'User')).toBeUndefined();
    expect(localIdOf('', 'User')).toBeUndefined();
  });
});
