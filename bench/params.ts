/**
 * What one bench run is configured with: the data size, the simulated latencies and the call budgets of
 * both sides (the simulators' and the service's own), plus the targets' limits. Everything here is written
 * into the results file, so a figure can always be read against the conditions that produced it.
 */
import { parseEnv } from '../config/env.js';

export interface BenchParams {
  records: number;
  quick: boolean;
  /** Added by the ConnectWise simulator before every API answer. */
  cwLatencyMs: number;
  /** Added by the Asset Panda simulator before every API answer. */
  apLatencyMs: number;
  /** What the simulators enforce (429 beyond it). */
  simulator: { apCallsPerWindow: number; apWindowSeconds: number; cwRequestsPerMinute: number };
  /** What the service holds itself to (worker/activity-deps.ts storeBudgets, from the env defaults). */
  service: { apCallsPerWindow: number; apWindowSeconds: number; cwRequestsPerMinute: number };
  /** ConnectWise page size (the mapping's default) and Asset Panda batch size (the documented maximum). */
  pageSize: number;
  batchSize: number;
  /** Share of the records changed before the incremental run. */
  changedShare: number;
  /** Extra node flags for the worker process (e.g. V8 heap limits), empty by default. */
  workerNodeOptions: string[];
}

export const DEFAULT_RECORDS = 50_000;
export const QUICK_RECORDS = 5_000;

export const TARGETS = {
  /** Asset Panda calls at most this factor of the minimum. */
  apCallsFactor: 1.02,
  /** Incremental run time below this share of the full run's. */
  incrementalShare: 0.05,
  /** Temporal full run at most this factor of the baseline's time. */
  baselineFactor: 1.15,
  peakRssBytes: 300 * 1024 * 1024,
  payloadBytes: 64 * 1024,
  benchSeconds: 15 * 60,
} as const;

/** The operations that write records (the simulator's operation names). */
export const WRITE_OPERATIONS = [
  'objects.create',
  'objects.update_many',
  'objects.patch',
  'objects.archive',
  'objects.unarchive',
] as const;

/** The only calls an unchanged re-sync may make: the session token and reads of groups and fields. */
export const ALLOWED_UNCHANGED_OPERATIONS = ['session.token', 'groups.list', 'groups.get', 'groups.fields'];

export function benchParams(input: {
  records: number;
  quick: boolean;
  cwLatencyMs: number;
  apLatencyMs: number;
  workerNodeOptions: string[];
}): BenchParams {
  // The service's budgets are the environment defaults of config/env.ts, as a fresh deployment has them.
  const env = parseEnv({});
  return {
    ...input,
    simulator: {
      // Asset Panda's documented limit; ConnectWise throttles near 1000 requests a minute.
      apCallsPerWindow: 400,
      apWindowSeconds: 180,
      cwRequestsPerMinute: 1000,
    },
    service: {
      apCallsPerWindow: env.ASSETPANDA_CALLS_PER_WINDOW,
      apWindowSeconds: env.ASSETPANDA_WINDOW_SECONDS,
      cwRequestsPerMinute: env.CONNECTWISE_REQUESTS_PER_MINUTE,
    },
    pageSize: 1000,
    batchSize: 200,
    changedShare: 0.01,
  };
}
