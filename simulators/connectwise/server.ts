/** Starting and stopping one simulator: listen, generate the seeded data, serve, close everything. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectWiseSimulator, ConnectWiseSimulatorOptions } from './types.js';
import { createApp } from './app.js';
import { generateData } from './data/generate.js';
import { Rng } from './data/rng.js';
import { resolveOptions } from './options.js';
import { createAdmin } from './state/admin.js';
import { SecondClock } from './state/clock.js';
import { RecordBook } from './state/records.js';
import { SlidingWindow } from './state/sliding-window.js';
import type { SimulatorState } from './state/simulator-state.js';
import { StatsRecorder } from './state/stats.js';

/** The host as it appears in a URL: wildcard addresses become loopback, IPv6 literals get brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startConnectWiseSimulator(
  options: ConnectWiseSimulatorOptions = {},
): Promise<ConnectWiseSimulator> {
  const resolved = resolveOptions(options);
  const { config } = resolved;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(resolved.host)}:${port}`;

  // Links in the data are absolute, so the data is made once the port is known; no request can be
  // served before the handler is attached below, in the same turn of the event loop.
  const apiBase = `${url}/${config.codebase}apis/3.0`;
  const book = new RecordBook(new SecondClock(), apiBase);
  book.load(generateData(resolved.seed, resolved.counts, apiBase));

  const state: SimulatorState = {
    config,
    book,
    stats: new StatsRecorder(),
    controls: {
      faults: resolved.faults,
      latencyMs: resolved.latencyMs,
      requestsPerMinute: resolved.requestsPerMinute,
    },
    requestWindow: new SlidingWindow(),
    faultRandom: Rng.derive(resolved.seed, 'faults'),
    timers: new Set(),
  };
  const admin = createAdmin(state);
  server.on('request', createApp(state, admin));

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    options: {
      companyId: config.companyId,
      publicKey: config.publicKey,
      privateKey: config.privateKey,
      clientId: config.clientId,
      codebase: config.codebase,
    },
    admin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of state.timers) clearTimeout(timer);
        state.timers.clear();
        server.close(() => resolve());
        // Held (timeout fault) and keep-alive sockets would otherwise keep close() waiting forever.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
