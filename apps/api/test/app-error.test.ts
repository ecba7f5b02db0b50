import { describe, expect, it } from 'vitest';
import { Prisma } from '@modelhub/db';
import { InferenceError } from '@modelhub/inference';
import { AppError, toAppError } from '../src/app-error.ts';

describe('toAppError', () => {
  it('turns a saturated connection pool (P2028) into SERVICE_UNAVAILABLE', () => {
    const error = new Prisma.PrismaClientKnownRequestError(
      'Unable to start a transaction in the given time.',
      {
        code: 'P2028',
        clientVersion: 'test',
      },
    );
    const mapped = toAppError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe('SERVICE_UNAVAILABLE');
    expect((mapped as AppError).httpStatus).toBe(503);
  });

  it('maps inference codes and hides runner addresses', () => {
    const mapped = toAppError(
      new InferenceError(
        'UNAVAILABLE',
        'runner http://10.0.0.7:8001 is unreachable: ECONNREFUSED',
        { runner: 'http://10.0.0.7:8001', connectionFailed: true },
      ),
    ) as AppError;
    expect(mapped.code).toBe('SERVICE_UNAVAILABLE');
    expect(mapped.message).not.toContain('10.0.0.7');
    expect(mapped.extensions).not.toHaveProperty('runner');
    expect(
      (toAppError(new InferenceError('RESOURCE_EXHAUSTED', 'queue full')) as AppError).httpStatus,
    ).toBe(429);
  });

  it('passes other errors through', () => {
    const other = new Error('boom');
    expect(toAppError(other)).toBe(other);
  });
});
