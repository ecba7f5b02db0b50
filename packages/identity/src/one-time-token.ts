// Tokens sent by email (verification, password reset, invitations): random, single-use, and
// stored only as a sha256 digest, so a database read does not yield a usable link.
import { createHash, randomBytes } from 'node:crypto';

export interface OneTimeToken {
  /** goes into the emailed link, never into the database */
  token: string;
  tokenHash: string;
}

export function createOneTimeToken(): OneTimeToken {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
