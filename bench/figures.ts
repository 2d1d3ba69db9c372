/**
 * The figures of one run (Temporal or baseline), and the derived Asset Panda figures every run shares:
 * the minimum number of calls its writes needed and how far above it the run went.
 */
import type { ApStats, AssetPandaSimulator } from '../simulators/assetpanda/index.js';
import type { ConnectWiseSimulator, CwStats } from '../simulators/connectwise/index.js';
import { budgetUse, writeCallsOf, type BudgetUse, type Sample } from './measures/calls.js';
import type { MemoryBreakdown } from './measures/heap.js';
import type { HistoryFigures } from './measures/history.js';
import type { BenchParams } from './params.js';

export type RunId = 'full' | 'unchanged' | 'incremental' | 'baseline';

export interface RecordCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  failed: number;
}

export interface AssetPandaFigures {
  calls: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  /** Calls the simulator answered with 429. */
  rateLimited: number;
  writeCalls: number;
  /** ⌈created/200⌉ + ⌈updated/200⌉ + ⌈archived/200⌉ */
  minimum: number;
  /** calls / minimum; with a minimum of 0: 1 when no call was made, else null (infinite). */
  ratio: number | null;
  /** writeCalls / minimum, with the same rule. */
  writeRatio: number | null;
  budget: BudgetUse;
}

export interface RunFigures {
  id: RunId;
  label: string;
  engine: 'temporal' | 'plain script';
  workflowId?: string;
  wallSeconds: number;
  /** records read from ConnectWise / wall seconds */
  recordsPerSecond: number;
  records: RecordCounts;
  /** Live objects in the target group after the run. */
  objectsInGroup: number;
  assetPanda: AssetPandaFigures;
  connectWise: { calls: number; byStatus: Record<string, number> };
  /** Time spent waiting on simulated latency if every call were made one after another. */
  serialLatencySeconds: number;
  cpuSeconds: { bench: number; worker?: number; temporalServer?: number };
  worker?: {
    /** VmHWM after it was reset at the start of the run, or the sampled maximum where it cannot be reset. */
    peakRssBytes: number;
    peakSource: 'VmHWM' | 'sampled VmRSS';
    sampledMaxRssBytes: number;
    /** The worker's memoryUsage() at the sample with the highest RSS (1 s sampling). */
    atPeak?: MemoryBreakdown;
  };
  history?: HistoryFigures;
}

const ratio = (n: number, minimum: number): number | null => (minimum > 0 ? n / minimum : n === 0 ? 1 : null);

export function assetPandaFigures(
  stats: ApStats,
  records: RecordCounts,
  budget: BudgetUse,
  params: BenchParams,
): AssetPandaFigures {
  const per = (n: number) => Math.ceil(n / params.batchSize);
  const minimum = per(records.created) + per(records.updated) + per(records.archived);
  const writeCalls = writeCallsOf(stats);
  return {
    calls: stats.calls,
    byOperation: stats.byOperation,
    byStatus: stats.byStatus,
    rateLimited: stats.rateLimited,
    writeCalls,
    minimum,
    ratio: ratio(stats.calls, minimum),
    writeRatio: ratio(writeCalls, minimum),
    budget,
  };
}

export function connectWiseFigures(stats: CwStats): RunFigures['connectWise'] {
  return { calls: stats.requests, byStatus: stats.byStatus };
}

export function serialLatencySeconds(apCalls: number, cwCalls: number, params: BenchParams): number {
  return (apCalls * params.apLatencyMs + cwCalls * params.cwLatencyMs) / 1000;
}

/** The call figures every run reports (Temporal or baseline), from the simulators' counters and the trace. */
export function callFigures(
  sims: { ap: AssetPandaSimulator; cw: ConnectWiseSimulator },
  groupId: number,
  records: RecordCounts,
  trace: readonly Sample[],
  params: BenchParams,
): Pick<RunFigures, 'objectsInGroup' | 'assetPanda' | 'connectWise' | 'serialLatencySeconds'> {
  const apStats = sims.ap.admin.stats();
  const cwStats = sims.cw.admin.stats();
  const budget = budgetUse(trace, {
    calls: params.simulator.apCallsPerWindow,
    windowSeconds: params.simulator.apWindowSeconds,
  });
  return {
    objectsInGroup: sims.ap.admin.objects(groupId).length,
    assetPanda: assetPandaFigures(apStats, records, budget, params),
    connectWise: connectWiseFigures(cwStats),
    serialLatencySeconds: serialLatencySeconds(apStats.calls, cwStats.requests, params),
  };
}
