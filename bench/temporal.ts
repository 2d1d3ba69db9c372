/**
 * The Temporal side of the bench: a headless, in-memory dev server from the project's own binaries, the
 * pre-built workflow bundle the worker loads, and a client with the service's search attributes registered.
 */
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Client, Connection } from '@temporalio/client';
import { connectTemporal } from '../client/connect.js';
import { ensureSearchAttributes } from '../client/search-attributes.js';
import { bundleWorkflowsTo } from '../scripts/bundle-workflows.js';
import { startDevServer, type DevServer } from '../scripts/dev-server.js';
import { ensureTemporalBinaries } from '../scripts/temporal-binaries.js';
import { onCleanUp, trackChild } from './cleanup.js';

export interface BenchTemporal {
  server: DevServer;
  client: Client;
  connection: Connection;
  bundlePath: string;
  cliVersion: string;
}

export async function startTemporal(workDir: string): Promise<BenchTemporal> {
  const { cli } = ensureTemporalBinaries();
  const cliVersion = spawnSync(cli, ['--version'], { encoding: 'utf8' }).stdout.trim();
  // The server starts in its own process while this one bundles the workflow code.
  const [server, bundlePath] = await Promise.all([
    startDevServer({ cli }).then((s) => {
      trackChild(s.process);
      onCleanUp('Temporal dev server', () => s.stop());
      return s;
    }),
    bundleWorkflowsTo(join(workDir, 'workflow-bundle.js')),
  ]);
  const { client, connection } = await connectTemporal(server.address, 'default');
  onCleanUp('Temporal client', () => connection.close());
  await ensureSearchAttributes(connection, 'default');
  return { server, client, connection, bundlePath, cliVersion };
}
