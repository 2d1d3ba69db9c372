/**
 * `npm start`: the service on its embedded default. Starts (unless TEMPORAL_ADDRESS is set) a Temporal dev
 * server with a persistent SQLite file and the Web UI, registers the search attributes, then runs the
 * worker and the API in this process and prints where to find them. Ctrl-C stops everything it started.
 */
import { join } from 'node:path';
import { buildApiContext } from '../api/context-factory.js';
import { startApi } from '../api/server.js';
import { connectTemporal } from '../client/connect.js';
import { ensureSearchAttributes } from '../client/search-attributes.js';
import { ConfigError } from '../config/env.js';
import { loadDotEnv, resolveSettings, type Settings } from '../config/settings.js';
import { runDemo, demoWanted } from '../demo/run-demo.js';
import { createLogger } from '../observability/logger.js';
import { installRuntimeWithMetrics } from '../observability/sdk-metrics.js';
import { openStore } from '../store/index.js';
import { runWorker } from '../worker/run-worker.js';
import { startDevServer, type DevServer } from './dev-server.js';
import { ensureTemporalBinaries } from './temporal-binaries.js';

async function main(): Promise<void> {
  loadDotEnv();
  let settings: Settings;
  try {
    settings = resolveSettings();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(settings.env.LOG_LEVEL);
  // We stop the worker ourselves, in order, so the SDK must not grab the signals.
  const sdkMetrics = await installRuntimeWithMetrics({ shutdownSignals: [] });

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((err) => log.warn({ err }, 'error while stopping'));
  };
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    let devServer: DevServer | undefined;
    if (settings.embeddedTemporal) {
      const { cli } = ensureTemporalBinaries();
      log.info('starting the Temporal dev server');
      devServer = await startDevServer({
        cli,
        port: settings.env.TEMPORAL_DEV_PORT,
        uiPort: settings.env.TEMPORAL_UI_PORT,
        dbFile: join(settings.dataDir, 'temporal.db'),
        namespace: settings.env.TEMPORAL_NAMESPACE,
      });
      stops.push(() => devServer!.stop());
    }
    const temporal = await connectTemporal(settings.temporalAddress, settings.env.TEMPORAL_NAMESPACE);
    stops.push(() => temporal.connection.close());
    const added = await ensureSearchAttributes(temporal.connection, temporal.namespace);
    if (added.length > 0) log.info({ added }, 'registered search attributes');

    const store = await openStore(settings.databaseUrl, settings.secretsKey);
    stops.push(() => store.close());

    const worker = await runWorker(settings, store, log);
    stops.push(() => worker.stop());
    worker.done.catch((err) => {
      log.fatal({ err }, 'worker crashed');
      onSignal('worker-crash');
    });

    const api = await startApi(
      buildApiContext({ settings, temporal, store, log, extraMetrics: () => sdkMetrics.text() }),
    );
    stops.push(() => api.close());

    const print = (line: string) => console.log(line);
    print(
      [
        '',
        'ConnectWise → Asset Panda sync service is running',
        `  API:             ${api.url}   (OpenAPI: ${api.url}/openapi.json)`,
        `  API token:       ${settings.apiToken}`,
        `  Temporal:        ${settings.temporalAddress}${devServer ? ' (embedded dev server)' : ''}`,
        `  Temporal Web UI: ${settings.temporalUiUrl}/namespaces/${settings.env.TEMPORAL_NAMESPACE}/workflows`,
        `  Store:           ${store.db.engine}`,
        '',
      ].join('\n'),
    );
    if (await demoWanted(store, settings.env.DEMO)) {
      const demo = await runDemo({
        apiUrl: api.url,
        apiToken: settings.apiToken,
        store,
        temporal: temporal.client,
        log,
        print,
      });
      stops.splice(stops.length - 1, 0, () => demo.stop()); // stop the simulators after the API, before the worker
    } else {
      print('No demo: integrations are configured (set DEMO=true to add the demo anyway).');
    }
    print('Ctrl-C stops everything.');
  } catch (err) {
    log.fatal({ err: err instanceof Error ? err.message : err }, 'start-up failed');
    await stopAll();
    process.exit(1);
  }
}

void main();
