/**
 * The Temporal scenarios: one sync run started the way the API starts it (client/runs.ts startRun, search
 * attributes and all, production tuning), timed from the start call to the workflow's result, with the
 * simulators' call counts, the worker's memory and CPU, and the run's history. Also the change made
 * before the incremental run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { queryProgress, startRun } from '../client/runs.js';
import type { AssetPandaSimulator } from '../simulators/assetpanda/index.js';
import type { ConnectWiseSimulator } from '../simulators/connectwise/index.js';
import type { syncWorkflow } from '../workflows/sync.js';
import type { SyncMode } from '../workflows/sync-types.js';
import { callFigures, type RunFigures, type RunId } from './figures.js';
import { traceCalls } from './measures/calls.js';
import { sampleHeap } from './measures/heap.js';
import { historyFigures } from './measures/history.js';
import { cpuSeconds, readMemory, resetPeak, sampleRss } from './measures/proc.js';
import type { BenchParams } from './params.js';
import { DEVICES_GROUP, ENTITY } from './setup.js';
import type { WorkerChild } from './worker-child.js';

export interface TemporalContext {
  client: Client;
  taskQueue: string;
  integrationId: string;
  cw: ConnectWiseSimulator;
  ap: AssetPandaSimulator;
  worker: WorkerChild;
  serverPid: number | undefined;
  params: BenchParams;
}

const delta = (after: number | undefined, before: number | undefined) =>
  after === undefined || before === undefined ? undefined : after - before;

/** Prints the run's progress (from the workflow's progress query) every 10 s while it runs. */
function reportProgress(client: Client, runId: string, label: string): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    void queryProgress(client, runId).then((p) => {
      if (!p) return;
      const c = p.counts;
      console.error(
        `  ${label}: ${Math.round((Date.now() - started) / 1000)} s, ${p.phase}, ${p.pages} pages, ` +
          `${c.fetched} read, ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`,
      );
    });
  }, 10_000);
  return () => clearInterval(timer);
}

export async function runTemporalSync(
  ctx: TemporalContext,
  id: RunId,
  label: string,
  mode: SyncMode,
): Promise<RunFigures> {
  const { client, params } = ctx;
  const workerPid = ctx.worker.pid;
  ctx.ap.admin.resetStats();
  ctx.cw.admin.resetStats();
  const peakResettable = resetPeak(workerPid);
  const rss = sampleRss(workerPid);
  const heap = sampleHeap(() => ctx.worker.memoryUsage());
  const calls = traceCalls(() => ctx.ap.admin.stats());
  const cpuBefore = {
    worker: cpuSeconds(workerPid),
    server: ctx.serverPid === undefined ? undefined : cpuSeconds(ctx.serverPid),
    bench: process.cpuUsage(),
  };

  const started = performance.now();
  const runId = await startRun(client, {
    integrationId: ctx.integrationId,
    entity: ENTITY,
    mode,
    trigger: 'api',
    taskQueue: ctx.taskQueue,
  });
  const stopProgress = reportProgress(client, runId, label);
  const result = await client.workflow.getHandle<typeof syncWorkflow>(runId).result().finally(stopProgress);
  const wallSeconds = (performance.now() - started) / 1000;

  const trace = calls.stop();
  const sampledMaxRssBytes = rss.stop();
  const memory = readMemory(workerPid);
  const bench = process.cpuUsage(cpuBefore.bench);
  const workerCpu = delta(cpuSeconds(workerPid), cpuBefore.worker);
  const serverCpu =
    ctx.serverPid === undefined ? undefined : delta(cpuSeconds(ctx.serverPid), cpuBefore.server);
  const atPeak = await heap.stop();
  if (result.status !== 'completed') throw new Error(`${label}: the run ended ${result.status}`);

  const records = { ...result.counts };
  return {
    id,
    label,
    engine: 'temporal',
    workflowId: runId,
    wallSeconds,
    recordsPerSecond: records.fetched / wallSeconds,
    records,
    ...callFigures(ctx, DEVICES_GROUP, records, trace, params),
    cpuSeconds: {
      bench: (bench.user + bench.system) / 1e6,
      ...(workerCpu === undefined ? {} : { worker: workerCpu }),
      ...(serverCpu === undefined ? {} : { temporalServer: serverCpu }),
    },
    worker: {
      peakRssBytes: peakResettable && memory ? memory.peakBytes : sampledMaxRssBytes,
      peakSource: peakResettable && memory ? 'VmHWM' : 'sampled VmRSS',
      sampledMaxRssBytes,
      ...(atPeak ? { atPeak } : {}),
    },
    history: await historyFigures(client, runId),
  };
}

/**
 * Changes `share` of the records, spread evenly over the id range, in a field the mapping writes (Model
 * Number), then waits until their second has settled (the reader holds back records changed in the last
 * 2 s of ConnectWise's clock; 3.5 s covers that and the clock's one-second resolution).
 */
export async function changeRecords(cw: ConnectWiseSimulator, share: number): Promise<number> {
  const ids = cw.admin.all(ENTITY).map((r) => r.id as number);
  const every = Math.max(1, Math.round(1 / share));
  const picked = ids.filter((_, i) => i % every === Math.floor(every / 2));
  for (const id of picked) cw.admin.update(ENTITY, id, { modelNumber: `Bench revision ${id}` });
  await sleep(3500);
  return picked.length;
}
