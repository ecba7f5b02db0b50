/**
 * Relay global ids as the api writes them: base64 of `<Typename>:<database id>`. The api's
 * session check looks users up by database id, so the session's `sub` is the id inside.
 */
export function localIdOf(globalId: string, typename: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(globalId)) return undefined;
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  // Buffer is lenient; only an exact round trip is a real global id
  if (Buffer.from(decoded, 'utf8').toString('base64') !== globalId) return undefined;
  const prefix = `${typename}:`;
  if (!decoded.startsWith(prefix)) return undefined;
  const id = decoded.slice(prefix.length);
  return id.length > 0 ? id : undefined;
}
