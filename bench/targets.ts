/**
 * The targets, each judged PASS or FAIL from the figures, with what was measured and the evidence a
 * reader needs to see why. A target whose run is missing is a FAIL, never skipped.
 */
import type { RunFigures, RunId } from './figures.js';
import { ALLOWED_UNCHANGED_OPERATIONS, TARGETS } from './params.js';

export interface TargetResult {
  id: string;
  target: string;
  measured: string;
  pass: boolean;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const calls = (byOperation: Record<string, number>) =>
  Object.entries(byOperation)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(', ') || 'none';

function apCallsTarget(run: RunFigures | undefined, id: RunId): TargetResult {
  const target = `${id} run: Asset Panda calls within ${Math.round((TARGETS.apCallsFactor - 1) * 100)}% of the minimum`;
  if (!run) return { id: `ap-calls-${id}`, target, measured: 'run missing', pass: false };
  const ap = run.assetPanda;
  const ratio = ap.ratio === null ? '∞' : ap.ratio.toFixed(3);
  const writeRatio = ap.writeRatio === null ? '∞' : ap.writeRatio.toFixed(3);
  return {
    id: `ap-calls-${id}`,
    target,
    measured:
      `${ap.calls} calls / minimum ${ap.minimum} = ${ratio} (write calls only: ${ap.writeCalls} = ${writeRatio}); ` +
      `${calls(ap.byOperation)}`,
    pass: ap.ratio !== null && ap.ratio <= TARGETS.apCallsFactor,
  };
}

export function evaluateTargets(
  runs: readonly RunFigures[],
  worker: { lifetimePeakBytes: number },
  benchSeconds: number,
): TargetResult[] {
  const run = (id: RunId) => runs.find((r) => r.id === id);
  const full = run('full');
  const unchanged = run('unchanged');
  const incremental = run('incremental');
  const baseline = run('baseline');
  const out: TargetResult[] = [apCallsTarget(full, 'full'), apCallsTarget(incremental, 'incremental')];

  const extra = unchanged
    ? Object.entries(unchanged.assetPanda.byOperation).filter(
        ([op]) => !ALLOWED_UNCHANGED_OPERATIONS.includes(op),
      )
    : [];
  out.push({
    id: 'unchanged-no-calls',
    target: 'unchanged re-sync: no Asset Panda call besides the session token and group/field reads',
    measured: unchanged
      ? `${unchanged.assetPanda.calls} calls: ${calls(unchanged.assetPanda.byOperation)}` +
        (extra.length > 0 ? `; not allowed: ${calls(Object.fromEntries(extra))}` : '')
      : 'run missing',
    pass: unchanged !== undefined && extra.length === 0,
  });

  const share = full && incremental ? incremental.wallSeconds / full.wallSeconds : undefined;
  out.push({
    id: 'incremental-time',
    target: `incremental (1% changed) under ${TARGETS.incrementalShare * 100}% of the full sync's time`,
    measured:
      share === undefined
        ? 'run missing'
        : `${incremental?.wallSeconds.toFixed(2)} s / ${full?.wallSeconds.toFixed(2)} s = ${(share * 100).toFixed(1)}%`,
    pass: share !== undefined && share < TARGETS.incrementalShare,
  });

  const factor = full && baseline ? full.wallSeconds / baseline.wallSeconds : undefined;
  out.push({
    id: 'baseline-time',
    target: `Temporal full sync within ${Math.round((TARGETS.baselineFactor - 1) * 100)}% of the baseline's time`,
    measured:
      factor === undefined
        ? 'run missing'
        : `${full?.wallSeconds.toFixed(1)} s / ${baseline?.wallSeconds.toFixed(1)} s = ${factor.toFixed(3)}`,
    pass: factor !== undefined && factor <= TARGETS.baselineFactor,
  });

  out.push({
    id: 'worker-rss',
    target: `peak worker RSS under ${mb(TARGETS.peakRssBytes)}`,
    measured: `${mb(worker.lifetimePeakBytes)} (VmHWM over the worker's life, start-up included)`,
    pass: worker.lifetimePeakBytes > 0 && worker.lifetimePeakBytes < TARGETS.peakRssBytes,
  });

  const temporalRuns = runs.filter((r) => r.history);
  const largest = temporalRuns
    .flatMap((r) => (r.history?.largestPayload ? [{ run: r.id, ...r.history.largestPayload }] : []))
    .sort((a, b) => b.bytes - a.bytes)[0];
  out.push({
    id: 'payload-size',
    target: `no payload over ${TARGETS.payloadBytes / 1024} KB`,
    measured: largest
      ? `largest ${largest.bytes} B, ${largest.run} run, ${largest.where}`
      : 'no history read',
    pass: temporalRuns.length === 3 && largest !== undefined && largest.bytes <= TARGETS.payloadBytes,
  });

  out.push({
    id: 'bench-time',
    target: `the whole bench within ${TARGETS.benchSeconds / 60} minutes`,
    measured: `${benchSeconds.toFixed(0)} s`,
    pass: benchSeconds < TARGETS.benchSeconds,
  });
  return out;
}
