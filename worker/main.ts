/**
 * Worker-only process for scaled deployments (docker compose `--scale worker=N`): connects to the cluster
 * at TEMPORAL_ADDRESS and to the shared store, and polls the sync task queue until SIGTERM. With
 * WORKER_METRICS_PORT set it serves its Prometheus metrics (the service's and the SDK's) on that port.
 */
import { createServer } from 'node:http';
import { ConfigError } from '../config/env.js';
import { loadDotEnv, resolveSettings } from '../config/settings.js';
import { createLogger } from '../observability/logger.js';
import { registry } from '../observability/metrics.js';
import { installRuntimeWithMetrics } from '../observability/sdk-metrics.js';
import { openStore } from '../store/index.js';
import { runWorker } from './run-worker.js';

loadDotEnv();
try {
  const settings = resolveSettings();
  const log = createLogger(settings.env.LOG_LEVEL);
  // SIGTERM/SIGINT shut the worker down gracefully (the SDK's default signal handling).
  const sdkMetrics = await installRuntimeWithMetrics();
  const store = await openStore(settings.databaseUrl, settings.secretsKey);
  const worker = await runWorker(settings, store, log);
  const port = settings.env.WORKER_METRICS_PORT;
  const metricsServer = port
    ? createServer((req, res) => {
        void (async () => {
          if (req.url !== '/metrics') {
            res.writeHead(404).end();
            return;
          }
          const body = `${await registry.metrics()}\n${await sdkMetrics.text().catch(() => '')}`;
          res.writeHead(200, { 'content-type': registry.contentType }).end(body);
        })();
      }).listen(port, '0.0.0.0')
    : undefined;
  await worker.done;
  metricsServer?.close();
  await store.close();
} catch (err) {
  // A person reads this: the configuration problems, or what failed at start-up, without a stack trace.
  console.error(
    err instanceof ConfigError
      ? err.message
      : `start-up failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
}
