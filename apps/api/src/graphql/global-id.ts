// Relay global ids in mutation arguments: the local id when the id names a `typename`, else
// NOT_FOUND (a malformed or foreign id is as unknown as a deleted one).
import { decodeGlobalID } from '@pothos/plugin-relay';
import { AppError } from '../app-error.ts';

export function localIdOf(globalId: string, typename: string, what: string): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && decoded.id) return decoded.id;
  } catch {
    // fall through
  }
  throw new AppError('NOT_FOUND', `${what} not found`);
}
