import { Prisma } from '@modelhub/db';

/** A unique constraint refused the write: someone else created the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** A foreign key refused the write: the row it points at does not exist (any more). */
export function isMissingReference(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}
