/**
 * The bench's sync worker, in a process of its own so that its memory is its own to measure. It is the
 * production worker (worker/run-worker.ts: store-backed call budgets from the environment, the metrics
 * observer, the activity slots), configured only by the environment bench/worker-child.ts gives it, and it
 * loads the workflow bundle the bench built (WORKFLOW_BUNDLE_PATH), as production workers do.
 *
 * Over IPC it says { ready, entryRssBytes } once the worker polls, and answers 'memory' with
 * process.memoryUsage(). It stops when the bench disconnects or sends SIGTERM/SIGINT.
 */

// Measured before any module of the service is loaded: node itself and the tsx loader. The service's modules
// are imported dynamically below so that this figure comes first.
const entryRssBytes = process.memoryUsage().rss;

const { DefaultLogger, Runtime, makeTelemetryFilterString } = await import('@temporalio/worker');
const { resolveSettings } = await import('../config/settings.js');
const { createLogger } = await import('../observability/logger.js');
const { openStore } = await import('../store/index.js');
const { runWorker } = await import('../worker/run-worker.js');

Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: {
    logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'WARN' }) },
  },
});

const settings = resolveSettings(process.env);
const store = await openStore(settings.databaseUrl, settings.secretsKey);
const worker = await runWorker(settings, store, createLogger(settings.env.LOG_LEVEL));
process.on('message', (message) => {
  if (message === 'memory') process.send?.({ memory: process.memoryUsage() });
});
// The IPC channel must not keep the process alive once the worker has stopped.
process.channel?.unref();
// The bench went away without stopping us (killed): do not linger.
process.once('disconnect', () => void worker.stop());
process.send?.({ ready: true, entryRssBytes });
await worker.done;
await store.close();
