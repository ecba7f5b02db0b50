// The api sends BigInt and DateTime scalars as strings; the SDK hands them out as bigint and Date
// so money stays exact and times compare.
import { InvalidResponseError } from './errors.ts';

export function toBigInt(value: string): bigint {
  if (!/^-?\d+$/.test(value)) {
    throw new InvalidResponseError(`the api sent '${value}' where an integer belongs`);
  }
  return BigInt(value);
}

export function toDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidResponseError(`the api sent '${value}' where a time belongs`);
  }
  return date;
}

export function toBigIntOrNull(value: string | null): bigint | null {
  return value === null ? null : toBigInt(value);
}

export function toDateOrNull(value: string | null): Date | null {
  return value === null ? null : toDate(value);
}
