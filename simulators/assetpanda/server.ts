/**
 * Starts a simulator: builds the account from the options, listens, and hands back the URL, the admin
 * API and a close() that ends every connection, including ones a `timeout` fault left hanging.
 */
import type { AddressInfo } from 'node:net';
import { createAdmin } from './admin.js';
import { createApp } from './app.js';
import { resolveOptions } from './context.js';
import { DEMO_GROUPS } from './demo-groups.js';
import { NetworkConditions } from './faults.js';
import { seededRandom } from './random.js';
import { CallBudget } from './rate-limit.js';
import { StatsRecorder } from './stats.js';
import { AccountStore } from './store.js';
import { TokenRegistry } from './tokens.js';
import type { AssetPandaSimulator, AssetPandaSimulatorOptions } from './types.js';

export async function startAssetPandaSimulator(
  input: AssetPandaSimulatorOptions = {},
): Promise<AssetPandaSimulator> {
  const options = resolveOptions(input);
  const random = seededRandom(options.seed);
  const store = new AccountStore(random);
  for (const spec of input.groups ?? DEMO_GROUPS) store.addGroup(spec);

  const ctx = { store, options };
  const tokens = new TokenRegistry(options);
  const budget = new CallBudget(options.callsPerWindow, options.windowSeconds * 1000);
  // Faults get their own stream so that creating objects does not shift which calls fail.
  const conditions = new NetworkConditions(
    seededRandom(options.seed + 1),
    options.faults,
    options.faultTiming,
    options.latencyMs,
  );
  const stats = new StatsRecorder();
  const admin = createAdmin({ store, options, tokens, conditions, budget, stats });
  const app = createApp({ ctx, tokens, budget, conditions, stats, admin });

  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    admin,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        conditions.shutdown();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
  };
}
