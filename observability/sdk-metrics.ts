/**
 * The Temporal SDK's own worker metrics (task slots, poll latencies, activity failures...). The SDK's
 * runtime serves them in Prometheus format on a port of its own; the service appends them to its
 * /metrics so that one scrape sees everything.
 */
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { freePort } from '../config/free-port.js';

export interface SdkMetrics {
  text(): Promise<string>;
}

/** Installs the SDK runtime with a Prometheus endpoint on a free loopback port; call once, first. */
export async function installRuntimeWithMetrics(
  options: { shutdownSignals?: NodeJS.Signals[] } = {},
): Promise<SdkMetrics> {
  const port = await freePort();
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    ...(options.shutdownSignals ? { shutdownSignals: options.shutdownSignals } : {}),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'ERROR', other: 'WARN' }) },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` }, metricPrefix: 'temporal_' },
    },
  });
  return {
    async text() {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      return response.ok ? response.text() : '';
    },
  };
}
