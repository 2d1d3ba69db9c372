/**
 * How a run used the Asset Panda call budget. The simulator counts every call when it arrives (before its
 * latency, 429s included); sampling those counts every 50 ms gives a trace from which come:
 *  - maxInWindow: the most calls in any window of the budget's length (180 s) during the run; its share of
 *    the budget (400) is how close the run came to being throttled;
 *  - the write phase: from the last sample before the first write call to the first sample after the last
 *    one; its call rate against the budget's sustainable rate (400 / 180 s = 2.22 calls/s) says whether a
 *    longer run of the same kind would be held back by the budget. A phase shorter than 1 s is too short
 *    for a rate at this sampling interval (null).
 */
import type { ApStats } from '../../simulators/assetpanda/index.js';
import { WRITE_OPERATIONS } from '../params.js';

export interface Sample {
  /** ms since the trace started */
  t: number;
  calls: number;
  writes: number;
}

export interface BudgetUse {
  maxInWindow: number;
  /** maxInWindow / budget calls */
  windowShare: number;
  writePhase: {
    startS: number;
    endS: number;
    seconds: number;
    /** Every Asset Panda call counted during the write phase (reads included). */
    calls: number;
    writeCalls: number;
    callsPerSecond: number | null;
    /** callsPerSecond / (budget calls / window seconds) */
    rateShare: number | null;
  } | null;
}

export const writeCallsOf = (stats: ApStats): number =>
  WRITE_OPERATIONS.reduce((n, op) => n + (stats.byOperation[op] ?? 0), 0);

export function traceCalls(read: () => ApStats, everyMs = 50): { stop(): Sample[] } {
  const start = Date.now();
  const first = read();
  const samples: Sample[] = [];
  // Counts relative to the start, so calls made before the trace never count.
  const take = () => {
    const stats = read();
    samples.push({
      t: Date.now() - start,
      calls: stats.calls - first.calls,
      writes: writeCallsOf(stats) - writeCallsOf(first),
    });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export function budgetUse(
  samples: readonly Sample[],
  budget: { calls: number; windowSeconds: number },
): BudgetUse {
  const windowMs = budget.windowSeconds * 1000;
  let maxInWindow = 0;
  let before = 0; // index of the last sample at or before t - window
  for (const s of samples) {
    while (before + 1 < samples.length && (samples[before + 1] as Sample).t <= s.t - windowMs) before += 1;
    const base = (samples[before] as Sample).t <= s.t - windowMs ? (samples[before] as Sample).calls : 0;
    maxInWindow = Math.max(maxInWindow, s.calls - base);
  }
  const last = samples[samples.length - 1];
  const finalWrites = last?.writes ?? 0;
  let writePhase: BudgetUse['writePhase'] = null;
  if (last && finalWrites > 0) {
    const firstWrite = samples.findIndex((s) => s.writes > 0);
    const start = samples[Math.max(0, firstWrite - 1)] as Sample;
    const end = samples.find((s) => s.writes === finalWrites) as Sample;
    const seconds = Math.max(0.001, (end.t - start.t) / 1000);
    const calls = end.calls - start.calls;
    const callsPerSecond = seconds >= 1 ? calls / seconds : null;
    writePhase = {
      startS: start.t / 1000,
      endS: end.t / 1000,
      seconds,
      calls,
      writeCalls: finalWrites,
      callsPerSecond,
      rateShare: callsPerSecond === null ? null : callsPerSecond / (budget.calls / budget.windowSeconds),
    };
  }
  return { maxInWindow, windowShare: maxInWindow / budget.calls, writePhase };
}
