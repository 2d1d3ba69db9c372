/**
 * Prometheus metrics of the service (prom-client). The API serves them at /metrics together with the
 * Temporal SDK's own worker metrics when the worker runs in the same process.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const runsTotal = new Counter({
  name: 'sync_runs_total',
  help: 'Sync runs finished, by entity and final status',
  labelNames: ['entity', 'status'] as const,
  registers: [registry],
});

export const recordsTotal = new Counter({
  name: 'sync_records_total',
  help: 'Records processed, by entity and outcome (fetched, filtered_out, created, updated, unchanged, archived, failed)',
  labelNames: ['entity', 'outcome'] as const,
  registers: [registry],
});

export const apiCallsTotal = new Counter({
  name: 'sync_api_calls_total',
  help: 'Calls to external APIs, by target (connectwise, assetpanda) and HTTP status (or network error code)',
  labelNames: ['target', 'status'] as const,
  registers: [registry],
});

export const apiCallSeconds = new Histogram({
  name: 'sync_api_call_duration_seconds',
  help: 'Duration of calls to external APIs',
  labelNames: ['target'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  registers: [registry],
});

export const rateLimitWaitSeconds = new Counter({
  name: 'sync_rate_limit_wait_seconds_total',
  help: 'Seconds spent waiting for a call budget (our limiter or a Retry-After from the API)',
  labelNames: ['target', 'source'] as const,
  registers: [registry],
});
