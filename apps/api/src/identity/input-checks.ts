// Checks shared by the identity operations; each failure names the input field at fault.
import { passwordProblem } from '@modelhub/identity';
import { z } from 'zod';
import { AppError } from '../app-error.ts';

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export function checkEmail(value: string, field = 'email'): string {
  const parsed = email.safeParse(value);
  if (!parsed.success)
    throw new AppError('BAD_USER_INPUT', 'enter a valid email address', { field });
  return parsed.data;
}

export function checkPassword(value: string, field = 'password'): string {
  const problem = passwordProblem(value);
  if (problem) throw new AppError('BAD_USER_INPUT', problem, { field });
  return value;
}

export function checkName(value: string | null | undefined, field: string, max = 100): string {
  const name = (value ?? '').trim();
  if (name.length > max)
    throw new AppError('BAD_USER_INPUT', `at most ${max} characters`, { field });
  return name;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/;

export function checkSlug(value: string, field = 'slug'): string {
  if (!SLUG_PATTERN.test(value)) {
    throw new AppError(
      'BAD_USER_INPUT',
      'use 1-39 lowercase letters, digits and inner hyphens (e.g. "acme-labs")',
      { field },
    );
  }
  return value;
}
