/**
 * A scripted HTTP server for unit tests of the client: each test answers requests itself, so shapes the
 * simulator does not produce (other token keys, unattributable 422s, redirects, HTML bodies) can be tried.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CallBudget } from '../../../connectors/call-budget.js';
import type { CallEvent } from '../../../connectors/observer.js';

export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type StubReply =
  { status: number; json?: unknown; text?: string; headers?: Record<string, string> } | 'drop' | 'hang';

export type StubHandler = (req: StubRequest) => StubReply | Promise<StubReply>;

export interface Stub {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: StubHandler): Promise<Stub> {
  const requests: StubRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const text = Buffer.concat(chunks).toString('utf8');
        const request: StubRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        };
        requests.push(request);
        const reply = await handler(request);
        if (reply === 'drop') {
          req.socket.destroy();
          return;
        }
        if (reply === 'hang') return;
        const headers = { ...(reply.headers ?? {}) };
        let body = reply.text ?? '';
        if (reply.json !== undefined) {
          body = JSON.stringify(reply.json);
          headers['content-type'] ??= 'application/json';
        }
        res.writeHead(reply.status, headers).end(body);
      })();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A budget that never waits and counts how often it was asked. */
export function countingBudget(): CallBudget & { takes: number } {
  const budget = {
    takes: 0,
    take: async () => {
      budget.takes += 1;
    },
  };
  return budget;
}

export function recordingObserver(): { events: CallEvent[]; observer: (e: CallEvent) => void } {
  const events: CallEvent[] = [];
  return { events, observer: (e) => events.push(e) };
}

/** Session credentials for the stub. */
export const ACCOUNT = { email: 'sync@example.com', password: 'secret-password' };
