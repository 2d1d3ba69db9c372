/**
 * The sync workflow: one run of one (integration, ConnectWise entity) into one Asset Panda group.
 * Orchestration only: it loops over pages (fetch → map/filter → upsert → checkpoint), fetching the next
 * page while the current one is written, obeys pause / resume / cancel, continues-as-new before its
 * history grows large, and, on full runs, archives what vanished from the source. Every step that
 * touches the world is an activity; records and secrets never enter this code or its history.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SyncActivities } from '../activities/index.js';
import { utcInstant } from '../mapping/utc-instant.js';
import { entityKey, integrationIdKey, syncModeKey, syncStatusKey } from './search-attributes.js';
import {
  addCounts,
  emptyCounts,
  type CarriedState,
  type Counts,
  type Cursor,
  type PreparedPage,
  type Progress,
  type SyncInput,
  type SyncPhase,
  type SyncResult,
  type UpsertCounts,
} from './sync-types.js';

export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
/** A graceful stop: the page in flight is written and checkpointed, then the run ends as cancelled. */
export const cancelSignal = defineSignal('cancel');
export const progressQuery = defineQuery<Progress>('progress');

/** Knobs for tests and the benchmark; production uses the defaults. */
export interface SyncTuning {
  heartbeatTimeoutSeconds?: number;
  /** Continue-as-new after this many pages in one run (besides the server's own suggestion). */
  pagesPerRun?: number;
  maximumAttempts?: number;
}

function activitiesFor(tuning: SyncTuning) {
  const retry = {
    initialInterval: '1 second',
    backoffCoefficient: 1.5,
    // Throttling sets its own delay (nextRetryDelay); other transient faults need no long waits, and
    // every attempt resumes from what the last one stored.
    maximumInterval: '30 seconds',
    maximumAttempts: tuning.maximumAttempts ?? 30,
  };
  const heartbeatTimeout = `${tuning.heartbeatTimeoutSeconds ?? 60} seconds`;
  return {
    control: proxyActivities<SyncActivities>({ startToCloseTimeout: '1 minute', retry }),
    io: proxyActivities<SyncActivities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout, retry }),
  };
}

const laterCursor = (a: Cursor | null, b: Cursor | null): Cursor | null => {
  if (!a) return b;
  if (!b) return a;
  const ta = utcInstant(a.lastUpdated);
  const tb = utcInstant(b.lastUpdated);
  if (ta !== tb) return ta > tb ? a : b;
  return a.lastId >= b.lastId ? a : b;
};

/** The message a person needs from a failed activity (its cause, not Temporal's wrapper). */
function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return failureMessage(err.cause);
  if (err instanceof Error) return err.message;
  return String(err);
}

export async function syncWorkflow(input: SyncInput & { tuning?: SyncTuning }): Promise<SyncResult> {
  const { integrationId, entity, mode } = input;
  const runId = workflowInfo().workflowId;
  const tuning = input.tuning ?? {};
  const { control, io } = activitiesFor(tuning);

  const state: CarriedState = input.carried ?? {
    seq: 0,
    cursor: null,
    counts: emptyCounts(),
    groupId: 0,
    pageSize: 1000,
    overlapSeconds: 60,
    dateFormat: 'MM/DD/YYYY',
    settleWaits: 0,
    paused: false,
    stopRequested: false,
    pending: null,
  };
  let phase: SyncPhase = input.carried ? 'reading' : 'starting';
  let lastError: string | null = null;
  let pagesThisRun = 0;

  setHandler(pauseSignal, () => {
    if (!state.stopRequested) state.paused = true;
  });
  setHandler(resumeSignal, () => {
    state.paused = false;
  });
  setHandler(cancelSignal, () => {
    state.stopRequested = true;
    state.paused = false;
  });
  setHandler(progressQuery, () => ({
    runId,
    integrationId,
    entity,
    mode,
    phase,
    paused: state.paused,
    stopRequested: state.stopRequested,
    pages: state.seq,
    counts: { ...state.counts },
    cursor: state.cursor,
    lastError,
  }));

  const setStatus = (status: string) => upsertSearchAttributes([{ key: syncStatusKey, value: status }]);
  upsertSearchAttributes([
    { key: integrationIdKey, value: integrationId },
    { key: entityKey, value: entity },
    { key: syncModeKey, value: mode },
  ]);
  setStatus(state.paused ? 'paused' : 'running');

  const base = { runId, integrationId, entity };
  const prepare = async (seq: number, cursor: Cursor | null): Promise<PreparedPage> => {
    const fetched = await io.fetchPage({ ...base, cursor, pageSize: state.pageSize, seq });
    const mapped = await io.mapFilter({
      ...base,
      rawPageId: fetched.rawPageId,
      dateFormat: state.dateFormat,
      seq,
    });
    return { seq, fetched, mapped };
  };

  /**
   * Records changed in the last moments are held back by the reader (a second that can still receive
   * changes is never passed). At the end of the read the run waits for them to settle, a few times at
   * most; whatever keeps changing after that is read by the next run, from a cursor that never passed it.
   */
  const MAX_SETTLE_WAITS = 3;
  const MAX_SETTLE_MS = 10_000;

  let inFlight: Promise<PreparedPage> | null = null;
  try {
    if (!input.carried) {
      const plan = await control.startRun({ ...base, mode, trigger: input.trigger ?? 'api' });
      state.groupId = plan.groupId;
      state.pageSize = plan.pageSize;
      state.overlapSeconds = plan.overlapSeconds;
      state.cursor = plan.startCursor;
      phase = 'authenticating';
      const auth = await control.authenticate({ integrationId, entity, groupId: plan.groupId });
      state.dateFormat = auth.dateFormat;
      if (plan.adopt) {
        phase = 'adopting';
        await io.adoptExisting(base);
      }
    }

    // A pause asked for before the first page takes effect after that page, like any other.
    phase = 'reading';
    inFlight = state.pending ? Promise.resolve(state.pending) : prepare(state.seq + 1, state.cursor);
    state.pending = null;

    while (inFlight) {
      const page: PreparedPage = await inFlight;
      inFlight = null;

      // Start the next read now, so it runs while this page is written.
      let settleFor = 0;
      if (!page.fetched.done) {
        if (!state.stopRequested) inFlight = prepare(page.seq + 1, page.fetched.nextCursor);
      } else if (page.fetched.heldBack > 0 && state.settleWaits < MAX_SETTLE_WAITS && !state.stopRequested) {
        state.settleWaits += 1;
        // Bounded: a record stamped in the future must not park the run (and its lock) for hours.
        settleFor = Math.min(Math.max(page.fetched.settleInMs ?? 1000, 100), MAX_SETTLE_MS);
      }

      const written: UpsertCounts =
        page.mapped.mapped + page.mapped.failed > 0
          ? await io.upsertBatch({ ...base, mappedPageId: page.mapped.mappedPageId })
          : { created: 0, updated: 0, unchanged: 0, failed: 0 };
      const delta: Partial<Counts> = {
        fetched: page.fetched.count,
        filteredOut: page.mapped.filteredOut,
        created: written.created,
        updated: written.updated,
        unchanged: written.unchanged,
        failed: page.mapped.failed + written.failed,
      };
      await control.recordCheckpoint({
        ...base,
        seq: page.seq,
        rawPageId: page.fetched.rawPageId,
        mappedPageId: page.mapped.mappedPageId,
        cursor: page.fetched.nextCursor,
        stats: delta,
      });
      state.counts = addCounts(state.counts, delta);
      state.seq = page.seq;
      state.cursor = laterCursor(state.cursor, page.fetched.nextCursor);
      pagesThisRun += 1;
      if (settleFor > 0 && !state.stopRequested) {
        await sleep(settleFor);
        inFlight = prepare(page.seq + 1, state.cursor);
      }

      if (state.stopRequested) break;
      if (state.paused) {
        phase = 'paused';
        setStatus('paused');
        await control.setRunStatus({ runId, status: 'paused' });
        await condition(() => !state.paused || state.stopRequested);
        if (state.stopRequested) break;
        phase = 'reading';
        setStatus('running');
        await control.setRunStatus({ runId, status: 'running' });
      }
      const longHistory =
        workflowInfo().continueAsNewSuggested || pagesThisRun >= (tuning.pagesPerRun ?? 200);
      if (inFlight && longHistory) {
        state.pending = await inFlight;
        await condition(allHandlersFinished);
        await continueAsNew<typeof syncWorkflow>({ ...input, carried: state });
      }
    }

    if (inFlight) {
      // Stopped with a read in flight: let it land so its staged page is cleaned up with the run.
      await (inFlight as Promise<PreparedPage>).catch(() => undefined);
      inFlight = null;
    }
    let archiveFailed = 0;
    if (!state.stopRequested && mode === 'full') {
      phase = 'archiving';
      const archived = await io.archiveMissing(base);
      archiveFailed = archived.failed;
      state.counts = addCounts(state.counts, { archived: archived.archived, failed: archived.failed });
    }
    const status = state.stopRequested ? 'cancelled' : 'completed';
    phase = 'finishing';
    // Archived objects are counted in the store as they are archived; archive failures only here.
    await control.finishRun({ ...base, status, error: null, extra: { failed: archiveFailed } });
    phase = status;
    setStatus(status);
    upsertMemo({ summary: { ...state.counts, pages: state.seq } });
    return { runId, status, counts: state.counts, pages: state.seq };
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err; // not a failure: the run goes on in a fresh history
    if (isCancellation(err)) {
      phase = 'cancelled';
      await CancellationScope.nonCancellable(async () => {
        await control.finishRun({ ...base, status: 'cancelled', error: 'cancelled through Temporal' });
        setStatus('cancelled');
      });
      throw err;
    }
    lastError = failureMessage(err);
    phase = 'failed';
    await control.finishRun({ ...base, status: 'failed', error: lastError });
    setStatus('failed');
    upsertMemo({ summary: { ...state.counts, pages: state.seq }, error: lastError });
    throw ApplicationFailure.nonRetryable(lastError, 'SyncFailed');
  }
}
