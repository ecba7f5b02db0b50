// For tests: runs `fn`, expects it to throw an InferenceError, and returns that error's code.
import { expect } from 'vitest';
import { InferenceError } from './inference-error.ts';

export function inferenceErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InferenceError);
    return (error as InferenceError).code;
  }
  throw new Error('expected an InferenceError');
}
