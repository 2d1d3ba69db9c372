/**
 * `npm run bench [-- --records N | --quick] [--cw-latency-ms 120] [--ap-latency-ms 200]`
 *
 * Starts a headless in-memory Temporal dev server, both simulators, a SQLite store and the production worker
 * in a child process; then runs 1) a full sync into an empty group, 2) the same full sync again with nothing
 * changed, 3) an incremental sync after 1% of the records changed, all through Temporal, and 4) the same full
 * sync as a plain sequential script into a fresh group (the baseline). Prints a table and the targets, and
 * writes every figure to bench/results/. See bench/README.md for what each figure means.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBaseline } from './baseline.js';
import { cleanUp, installSignalHandlers, onCleanUp, startReaper, stopping } from './cleanup.js';
import type { RunFigures } from './figures.js';
import { readMemory } from './measures/proc.js';
import { benchParams, DEFAULT_RECORDS, QUICK_RECORDS, type BenchParams } from './params.js';
import { printReport, writeResults, type BenchResults } from './report.js';
import { changeRecords, runTemporalSync, type TemporalContext } from './scenarios.js';
import { createIntegration, mapDevices, openBenchStore, startAssetPanda, startConnectWise } from './setup.js';
import { evaluateTargets } from './targets.js';
import { startTemporal } from './temporal.js';
import { startWorkerChild } from './worker-child.js';

const USAGE =
  'usage: npm run bench -- [--records N] [--quick] [--cw-latency-ms MS] [--ap-latency-ms MS]\n' +
  '                        [--worker-node-options="FLAGS"]\n' +
  `  --records N          ConnectWise configurations to sync (default ${DEFAULT_RECORDS})\n` +
  `  --quick              a ${QUICK_RECORDS}-record smoke run\n` +
  '  --cw-latency-ms MS   ConnectWise simulator latency per request (default 120)\n' +
  '  --ap-latency-ms MS   Asset Panda simulator latency per call (default 200)\n' +
  '  --worker-node-options="FLAGS"  node flags for the worker process (default "--max-old-space-size=256",\n' +
  '                       the production worker\'s setting in docker-compose.yml; "" for none)';

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, not ${value}\n${USAGE}`);
  return n;
}

const OPTIONS = {
  records: { type: 'string' },
  quick: { type: 'boolean', default: false },
  'cw-latency-ms': { type: 'string', default: '120' },
  'ap-latency-ms': { type: 'string', default: '200' },
  // The worker's memory settings in production (docker-compose.yml, NODE_OPTIONS of the worker service).
  'worker-node-options': { type: 'string', default: '--max-old-space-size=256' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseCli(): BenchParams {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    values = parseArgs({ options: OPTIONS }).values;
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const records = values.records
    ? positive('records', values.records)
    : values.quick
      ? QUICK_RECORDS
      : DEFAULT_RECORDS;
  if (records < 1) throw new Error(`--records must be at least 1\n${USAGE}`);
  return benchParams({
    records,
    quick: values.quick,
    cwLatencyMs: positive('cw-latency-ms', values['cw-latency-ms']),
    apLatencyMs: positive('ap-latency-ms', values['ap-latency-ms']),
    workerNodeOptions: values['worker-node-options'].split(/\s+/).filter(Boolean),
  });
}

const step = (message: string) => console.error(`[${process.uptime().toFixed(1).padStart(6)} s] ${message}`);

function summary(run: RunFigures): string {
  return (
    `${run.label}: ${run.wallSeconds.toFixed(2)} s, ${run.records.fetched} read, ` +
    `${run.assetPanda.calls} Asset Panda calls, ${run.connectWise.calls} ConnectWise calls`
  );
}

async function main(params: BenchParams): Promise<void> {
  const startedAt = new Date().toISOString();
  installSignalHandlers();
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'cw-ap-bench-'));
  onCleanUp('temporary directory', () => rmSync(workDir, { recursive: true, force: true }));
  startReaper(workDir);

  step('starting the Temporal dev server and bundling the workflow code');
  const temporal = await startTemporal(workDir);
  step(`starting the simulators (${params.records} ConnectWise configurations)`);
  const cw = await startConnectWise(params);
  const ap = await startAssetPanda(params);
  const secretsKey = randomBytes(32);
  const storeUrl = `sqlite:${join(workDir, 'store.sqlite')}`;
  const store = await openBenchStore(storeUrl, secretsKey);
  const integrationId = await createIntegration(store, cw, ap);
  const spec = await mapDevices(store, integrationId, ap, params);

  step('starting the worker process');
  const taskQueue = `bench-${randomUUID().slice(0, 8)}`;
  const worker = await startWorkerChild({
    temporalAddress: temporal.server.address,
    taskQueue,
    storeUrl,
    secretsKey,
    bundlePath: temporal.bundlePath,
    dataDir: join(workDir, 'worker-data'),
    logFile: join(resultsDir, `worker-${startedAt.replace(/[:.]/g, '-')}.log`),
    params,
  });
  const startupPeakBytes = readMemory(worker.pid)?.peakBytes ?? 0;

  const ctx: TemporalContext = {
    client: temporal.client,
    taskQueue,
    integrationId,
    cw,
    ap,
    worker,
    serverPid: temporal.server.process.pid,
    params,
  };
  const runs: RunFigures[] = [];
  const run = async (figures: Promise<RunFigures>) => {
    runs.push(await figures);
    step(summary(runs[runs.length - 1] as RunFigures));
  };
  step('1: full sync into an empty group');
  await run(runTemporalSync(ctx, 'full', '1 full sync', 'full'));
  step('2: full sync again, nothing changed');
  await run(runTemporalSync(ctx, 'unchanged', '2 full, unchanged', 'full'));
  const changed = await changeRecords(cw, params.changedShare);
  step(`3: incremental sync after ${changed} records changed`);
  await run(
    runTemporalSync(ctx, 'incremental', `3 incremental ${params.changedShare * 100}%`, 'incremental'),
  );

  const finalPeak = readMemory(worker.pid)?.peakBytes ?? 0;
  const lifetimePeakBytes = Math.max(
    startupPeakBytes,
    finalPeak,
    ...runs.map((r) => r.worker?.peakRssBytes ?? 0),
  );
  const peakResettable = runs.every((r) => r.worker?.peakSource !== 'sampled VmRSS');
  // The baseline needs no Temporal: it runs on a machine without the worker and the dev server.
  step('stopping the worker and the dev server');
  await worker.stop();
  await temporal.server.stop();

  step('4: baseline, the same full sync as a plain script into a fresh group');
  await run(runBaseline({ cw, ap: await startAssetPanda(params), spec, params }));

  const benchSeconds = process.uptime();
  const results: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    benchSeconds,
    parameters: params,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryMb: Math.round(totalmem() / 1024 / 1024),
      node: process.version,
      platform: `${process.platform} ${release()}`,
      temporalCli: temporal.cliVersion,
    },
    worker: {
      entryRssBytes: worker.entryRssBytes,
      startupPeakBytes,
      lifetimePeakBytes,
      peakResettable,
      logFile: relative(process.cwd(), worker.logFile),
    },
    runs,
    targets: evaluateTargets(runs, { lifetimePeakBytes }, benchSeconds),
  };
  printReport(results);
  const file = writeResults(results, resultsDir);
  console.log(`results: ${relative(process.cwd(), file)}\nworker log: ${results.worker.logFile}`);
}

let params: BenchParams;
try {
  params = parseCli();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
try {
  await main(params);
} catch (err) {
  if (!stopping()) {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  }
} finally {
  await cleanUp();
}
process.exit(process.exitCode ?? 0);
