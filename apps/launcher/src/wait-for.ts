import { createServer } from 'node:net';

/** Polls `url` until it answers 200, or fails after `timeoutMs` (or when `abort` resolves). */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  abort?: Promise<unknown>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let aborted = false;
  void abort?.then(() => (aborted = true));
  while (Date.now() < deadline && !aborted) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    aborted
      ? `the service behind ${url} exited while starting`
      : `${url} did not become ready within ${timeoutMs / 1000} s`,
  );
}

/** Fails with a clear message when something already listens on the port. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(new Error(`port ${port} is already in use; set ${variable} to another port`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
