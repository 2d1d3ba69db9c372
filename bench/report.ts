/**
 * The results: a readable table on stdout (one column per run), where the time of each Temporal run went,
 * the targets with PASS/FAIL, and every figure with its parameters in bench/results/bench-<timestamp>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunFigures } from './figures.js';
import type { BenchParams } from './params.js';
import type { TargetResult } from './targets.js';

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  benchSeconds: number;
  parameters: BenchParams;
  machine: Record<string, string | number>;
  worker: {
    /** RSS before any module of the service was loaded: node and the tsx loader. */
    entryRssBytes: number;
    startupPeakBytes: number;
    lifetimePeakBytes: number;
    peakResettable: boolean;
    logFile: string;
  };
  runs: RunFigures[];
  targets: TargetResult[];
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${num(bytes / 1024 / 1024, 1)} MB`);
const pct = (share: number) => `${num(share * 100, 1)}%`;
const ratio = (r: number | null) => (r === null ? '∞' : num(r, 3));

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   '),
    )
    .join('\n');
}

function summaryRows(runs: readonly RunFigures[], p: BenchParams): string[][] {
  const row = (label: string, cell: (r: RunFigures) => string) => [label, ...runs.map(cell)];
  return [
    ['', ...runs.map((r) => r.label)],
    row('engine', (r) => r.engine),
    row('wall time', (r) => `${num(r.wallSeconds, 2)} s`),
    row('records read / s', (r) => num(r.recordsPerSecond)),
    row('records read', (r) => num(r.records.fetched)),
    row(
      'created / updated / unchanged',
      (r) => `${r.records.created} / ${r.records.updated} / ${r.records.unchanged}`,
    ),
    row('failed / archived', (r) => `${r.records.failed} / ${r.records.archived}`),
    row('objects in the group after', (r) => num(r.objectsInGroup)),
    row('Asset Panda calls', (r) => num(r.assetPanda.calls)),
    row('  of which write calls', (r) => num(r.assetPanda.writeCalls)),
    row(`  minimum ⌈c/${p.batchSize}⌉+⌈u/${p.batchSize}⌉`, (r) => num(r.assetPanda.minimum)),
    row('  calls / minimum', (r) => ratio(r.assetPanda.ratio)),
    row('  write calls / minimum', (r) => ratio(r.assetPanda.writeRatio)),
    row('  429 answers', (r) => num(r.assetPanda.rateLimited)),
    row(
      `  max calls in any ${p.simulator.apWindowSeconds} s / ${p.simulator.apCallsPerWindow}`,
      (r) => `${r.assetPanda.budget.maxInWindow} = ${pct(r.assetPanda.budget.windowShare)}`,
    ),
    row(
      `  write phase calls/s ÷ ${num(p.simulator.apCallsPerWindow / p.simulator.apWindowSeconds, 2)}/s`,
      (r) => {
        const w = r.assetPanda.budget.writePhase;
        if (!w) return 'no writes';
        if (w.callsPerSecond === null || w.rateShare === null) return `${w.calls} calls in < 1 s`;
        return `${num(w.callsPerSecond, 2)}/s = ${pct(w.rateShare)}`;
      },
    ),
    row('ConnectWise calls', (r) => num(r.connectWise.calls)),
    row('serial latency (calls × latency)', (r) => `${num(r.serialLatencySeconds, 1)} s`),
    row('CPU s worker / server / bench', (r) =>
      [r.cpuSeconds.worker, r.cpuSeconds.temporalServer, r.cpuSeconds.bench]
        .map((s) => (s === undefined ? '—' : num(s, 1)))
        .join(' / '),
    ),
    row('worker peak RSS', (r) => mb(r.worker?.peakRssBytes)),
    row('  at peak: V8 heap / external / native', (r) => {
      const m = r.worker?.atPeak;
      return m
        ? [m.heapTotalBytes, m.externalBytes, m.nativeBytes].map((b) => num(b / 1024 / 1024)).join(' / ') +
            ' MB'
        : '—';
    }),
    row('history events (executions)', (r) =>
      r.history ? `${num(r.history.events)} (${r.history.executions})` : '—',
    ),
    row('history size', (r) => (r.history ? `${num(r.history.historyBytes / 1024, 1)} KB` : '—')),
    row('largest payload', (r) =>
      r.history?.largestPayload ? `${num(r.history.largestPayload.bytes)} B` : '—',
    ),
  ];
}

function operationRows(runs: readonly RunFigures[]): string[][] {
  const ops = [...new Set(runs.flatMap((r) => Object.keys(r.assetPanda.byOperation)))].sort();
  return [
    ['Asset Panda calls by operation', ...runs.map((r) => r.label)],
    ...ops.map((op) => [`  ${op}`, ...runs.map((r) => num(r.assetPanda.byOperation[op] ?? 0))]),
  ];
}

function timeRows(runs: readonly RunFigures[]): string[][] {
  const temporal = runs.filter((r) => r.history);
  const steps = [...new Set(temporal.flatMap((r) => Object.keys(r.history?.activities ?? {})))];
  const cell = (
    s: { count: number; runSeconds: number; queueSeconds: number; retries: number } | undefined,
  ) => (s ? `${s.count} · ${num(s.runSeconds, 1)} s · ${num(s.queueSeconds, 1)} s · ${s.retries}` : '—');
  return [
    ['where the time goes: n · running · waiting · retries', ...temporal.map((r) => r.label)],
    ...steps.map((step) => [`  ${step}`, ...temporal.map((r) => cell(r.history?.activities[step]))]),
    ['  workflow tasks', ...temporal.map((r) => cell(r.history?.workflowTasks))],
    [
      '  Asset Panda write phase',
      ...temporal.map((r) => {
        const w = r.assetPanda.budget.writePhase;
        return w ? `${num(w.startS, 1)} → ${num(w.endS, 1)} s (${num(w.seconds, 1)} s)` : 'no writes';
      }),
    ],
  ];
}

export function printReport(results: BenchResults): void {
  const p = results.parameters;
  console.log(
    `\ncw-ap-sync bench: ${num(p.records)} configurations · ConnectWise ${p.cwLatencyMs} ms/request · ` +
      `Asset Panda ${p.apLatencyMs} ms/call · Asset Panda budget ${p.service.apCallsPerWindow} calls / ` +
      `${p.service.apWindowSeconds} s · ${results.machine.cpus} CPUs · node ${results.machine.node}` +
      (p.workerNodeOptions.length > 0 ? ` · worker node flags: ${p.workerNodeOptions.join(' ')}` : '') +
      '\n',
  );
  console.log(table(summaryRows(results.runs, p)));
  console.log(`\n${table(operationRows(results.runs))}`);
  console.log(`\n${table(timeRows(results.runs))}`);
  console.log(
    `\nworker: RSS before loading the service (node + tsx) ${mb(results.worker.entryRssBytes)}, ` +
      `start-up peak ${mb(results.worker.startupPeakBytes)}, lifetime peak ` +
      `${mb(results.worker.lifetimePeakBytes)}${results.worker.peakResettable ? '' : ' (VmHWM not resettable: per-run peaks are sampled)'}`,
  );
  console.log('\nTargets');
  for (const t of results.targets)
    console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.target}\n        ${t.measured}`);
  console.log(`\nbench time ${num(results.benchSeconds)} s`);
}

export function writeResults(results: BenchResults, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
