// An error as a log line should show it. pg-pool attaches the connection to the errors it emits
// for idle clients (`error.client`), and pg-boss passes those on: logged as they are, each line
// carried the whole node-postgres client, several kilobytes of driver state.

/** The error's type, message, PostgreSQL or Node code, and stack; anything else is left out. */
export function loggableError(error: unknown): object {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return {
    type: error.constructor.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack,
  };
}
