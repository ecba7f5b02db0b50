// A local HTTP server that answers each request with the next scripted reply and records what it
// received, for tests of the client's wire behaviour (headers, retries, error mapping).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string */
  body?: unknown;
  /** close the connection without answering */
  destroy?: boolean;
  /** never answer (until the server closes) */
  hang?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface ScriptedServer {
  url: string;
  requests: ReceivedRequest[];
  /** replies used in order; the last one repeats */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  let replies: ScriptedReply[] = [];
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      });
      const reply = (replies.length > 1 ? replies.shift() : replies[0]) ?? { status: 500 };
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      if (reply.hang) return;
      const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status ?? 200, {
        'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json',
        ...reply.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...next) {
      replies = next;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A GraphQL error answer as Apollo Server sends it. */
export function graphqlError(
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): { errors: unknown[]; data: null } {
  return { errors: [{ message, extensions: { code, ...extensions } }], data: null };
}

/** Records the delays the client asks for instead of waiting them out. */
export function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}
