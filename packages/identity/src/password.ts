// Passwords are stored only as argon2id hashes (OWASP's recommended parameters are the
// library's defaults: 19 MiB, 2 iterations).
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes any length, but a megabyte "password" is a denial-of-service vector */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a password is not acceptable, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `the password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `the password may have at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 /* Algorithm.Argon2id */ });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verified against when no user exists, so that a wrong email
 * takes as long as a wrong password and timing does not reveal which accounts exist. */
export const UNUSED_PASSWORD_HASH = hashPassword(crypto.randomUUID());
