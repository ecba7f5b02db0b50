// A runner address that answers like the real runner, only later: it forwards each request to
// the real runner after `delayMs`. For tests that need a prediction to stay RUNNING a while.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayedRunner {
  url: string;
  close(): Promise<void>;
}

export async function startDelayedRunner(
  targetUrl: string,
  delayMs: number,
): Promise<DelayedRunner> {
  const target = new URL(targetUrl);
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const forward = () => {
        const proxied = request(
          {
            host: target.hostname,
            port: target.port,
            path: incoming.url,
            method: incoming.method,
            headers: { ...incoming.headers, host: target.host },
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        proxied.on('error', () => outgoing.destroy());
        proxied.end(Buffer.concat(chunks));
      };
      // Health and metadata pass at once; only inference waits.
      if (incoming.url?.endsWith('/infer')) setTimeout(forward, delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
