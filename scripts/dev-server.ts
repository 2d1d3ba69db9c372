/**
 * Runs `temporal server start-dev` as a child process: the embedded default of `npm start` (persistent
 * SQLite file + Web UI) and the shared server of `npm test` (in memory, headless).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { waitForTemporal } from '../client/connect.js';
import { freePort } from '../config/free-port.js';

export interface DevServerOptions {
  cli: string;
  port?: number;
  /** Serve the Web UI on this port; omitted means headless. */
  uiPort?: number;
  /** SQLite file for persistence; omitted means in memory. */
  dbFile?: string;
  namespace?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(
          `Port ${port} (${what}) is already in use. If a Temporal server runs there, set TEMPORAL_ADDRESS=127.0.0.1:${port} ` +
            'to use it; otherwise choose other ports with TEMPORAL_DEV_PORT / TEMPORAL_UI_PORT.',
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port ?? (await freePort());
  await assertPortFree(port, 'Temporal gRPC');
  if (options.uiPort) await assertPortFree(options.uiPort, 'Temporal Web UI');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    options.namespace ?? 'default',
    '--log-level',
    options.logLevel ?? 'error',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
  ];
  const child = spawn(options.cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForTemporal(address, 60_000),
      exited.then(() => {
        throw new Error(`temporal server start-dev exited early: ${stderr.trim()}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    address,
    ...(options.uiPort ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
