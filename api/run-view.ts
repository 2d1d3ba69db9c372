/**
 * A run as the API shows it: the store's summary (kept after workers and Temporal restart), brought up
 * to date from Temporal while the run is live (progress, paused, last error), and reconciled when
 * Temporal closed the workflow without the run finishing (terminated or timed out from the Web UI).
 */
import { describeRun, queryProgress } from '../client/runs.js';
import type { Run, RunStatus } from '../store/runs.js';
import type { Progress } from '../workflows/sync-types.js';
import { webUiUrl, type ApiContext } from './context.js';

/** A run row whose workflow Temporal does not know after this long is a start that never happened. */
const LOST_AFTER_MS = 2 * 60_000;

const CLOSED: Record<string, RunStatus> = {
  TERMINATED: 'failed',
  TIMED_OUT: 'failed',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
};

export interface RunView {
  runId: string;
  workflowId: string;
  integrationId: string;
  entity: string;
  mode: 'incremental' | 'full';
  trigger: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  progress: {
    phase: string;
    pages: number;
    paused: boolean;
    cursor: { lastUpdated: string; lastId: number } | null;
    lastError: string | null;
  } | null;
  stats: Run['stats'];
  error: string | null;
  errors: Array<{
    cwId: number | null;
    uniqueValue?: string | null;
    stage: string;
    reason: string;
    at: string;
  }>;
  errorsTotal: number;
  webUiUrl: string;
}

function progressView(progress: Progress, lastError: string | null): RunView['progress'] {
  return {
    phase: progress.phase,
    pages: progress.pages,
    paused: progress.paused,
    cursor: progress.cursor,
    lastError: lastError ?? progress.lastError,
  };
}

/** Brings a live run's status up to date; returns the run as it is now. */
export async function liveRun(
  ctx: ApiContext,
  run: Run,
): Promise<{ run: Run; progress: RunView['progress'] }> {
  if (run.finishedAt !== null) return { run, progress: null };
  let description;
  try {
    description = await describeRun(ctx.temporal.client, run.runId);
  } catch {
    // Temporal is unreachable for a moment: show what the store knows and conclude nothing.
    return { run, progress: null };
  }
  if (!description) {
    // Accepted by the API but never started in Temporal (the start failed, or the namespace was reset).
    if (Date.now() - Date.parse(run.startedAt) > LOST_AFTER_MS) {
      const finished = await ctx.store.runs.finish(
        run.runId,
        'failed',
        'the workflow of this run is not in Temporal',
      );
      await ctx.store.locks.release(run.integrationId, run.entity, run.runId);
      return { run: finished ?? run, progress: null };
    }
    return { run, progress: null };
  }
  const temporalStatus = description.status.name;
  if (temporalStatus !== 'RUNNING') {
    const status = CLOSED[temporalStatus];
    if (status) {
      const reason = `the workflow was ${temporalStatus.toLowerCase().replace('_', ' ')} in Temporal`;
      const finished = await ctx.store.runs.finish(run.runId, status, reason);
      return { run: finished ?? run, progress: null };
    }
    return { run, progress: null };
  }
  const pending = description.raw.pendingActivities ?? [];
  const lastError = pending.map((a) => a.lastFailure?.message).find((m): m is string => Boolean(m)) ?? null;
  const progress = await queryProgress(ctx.temporal.client, run.runId);
  if (!progress) return { run, progress: null };
  const status: RunStatus = progress.paused && progress.phase === 'paused' ? 'paused' : 'running';
  return {
    run: { ...run, status, stats: { ...run.stats, ...progress.counts } },
    progress: progressView(progress, lastError),
  };
}

export async function runView(
  ctx: ApiContext,
  stored: Run,
  opts: { live?: boolean; errors?: number } = {},
): Promise<RunView> {
  const { run, progress } =
    opts.live === false ? { run: stored, progress: null } : await liveRun(ctx, stored);
  const { entries, total } = await ctx.store.quarantine.forRun(run.runId, opts.errors ?? 50);
  return {
    runId: run.runId,
    workflowId: run.runId,
    integrationId: run.integrationId,
    entity: run.entity,
    mode: run.mode,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    progress,
    stats: run.stats,
    error: run.error,
    errors: entries.map((e) => ({
      cwId: e.cwId,
      uniqueValue: e.uniqueValue ?? null,
      stage: e.stage,
      reason: e.reason,
      at: e.createdAt,
    })),
    errorsTotal: total,
    webUiUrl: webUiUrl(ctx, run.runId),
  };
}
