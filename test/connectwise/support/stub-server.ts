/**
 * A tiny scripted HTTP server for vendor behaviours the simulator need not reproduce (edge HTML, SSL required,
 * redirects, moving codebases, odd Link headers). Each test gives a handler and inspects what was asked.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

export type StubHandler = (req: StubRequest, res: ServerResponse) => void;

export interface Stub {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: StubHandler): Promise<Stub> {
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    const request = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://stub'),
      headers: req.headers,
    };
    requests.push(request);
    handler(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export const settingsFor = (url: string, extra: Record<string, unknown> = {}) => ({
  url,
  companyId: 'acme',
  publicKey: 'PUBKEY123',
  privateKey: 'PRIVATE-s3cr3t-KEY',
  clientId: '3a5b2c1d-0000-4000-8000-00000000c0de',
  ...extra,
});
