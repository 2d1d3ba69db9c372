/**
 * Worker-only process for scaled deployments (docker compose `--scale worker=N`): connects to the cluster
 * at TEMPORAL_ADDRESS and to the shared store, and polls the sync task queue until SIGTERM.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigError } from '../config/env.js';
import { loadDotEnv, resolveSettings } from '../config/settings.js';
import { createLogger } from '../observability/logger.js';
import { openStore } from '../store/index.js';
import { runWorker } from './run-worker.js';

loadDotEnv();
try {
  const settings = resolveSettings();
  const log = createLogger(settings.env.LOG_LEVEL);
  Runtime.install({ logger: new DefaultLogger('WARN') }); // SIGTERM/SIGINT shut the worker down gracefully
  const store = await openStore(settings.databaseUrl, settings.secretsKey);
  const worker = await runWorker(settings, store, log);
  await worker.done;
  await store.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
