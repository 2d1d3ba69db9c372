import type { Server } from 'node:http';
import { createApp } from './app.js';
import type { ApiContext } from './context.js';

export interface RunningApi {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startApi(ctx: ApiContext, port = ctx.settings.env.API_PORT): Promise<RunningApi> {
  const app = createApp(ctx);
  const host = ctx.settings.env.API_HOST;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
