// Checks of arguments that the SDK can refuse before sending anything: the error names the
// argument, as the api's BAD_USER_INPUT errors do.
import { BadUserInputError } from './errors.ts';

export function checkNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadUserInputError(`${field} must be a non-empty string`, { field });
  }
  return value;
}

export function checkOptionalString(value: unknown, field: string): string | undefined {
  return value === undefined || value === null ? undefined : checkNonEmptyString(value, field);
}

export function checkOptionalPositiveInt(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new BadUserInputError(`${field} must be a positive integer`, { field });
  }
  return value;
}

export function checkOptionalStringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new BadUserInputError(`${field} must be an array of strings`, { field });
  }
  return value.map((item, i) => checkNonEmptyString(item, `${field}[${i}]`));
}

export function checkOptionalBigInt(value: unknown, field: string): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'bigint') {
    throw new BadUserInputError(`${field} must be a bigint (micro-units), e.g. 1500n`, { field });
  }
  return value;
}
