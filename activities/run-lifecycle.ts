/**
 * Activities at the edges of a run: start it (mapping, cursor, lock, crash recovery), change its status,
 * and finish it (summary, lock, staged data).
 */
import { utcInstant } from '../mapping/utc-instant.js';
import { runsTotal } from '../observability/metrics.js';
import type { Store } from '../store/index.js';
import type { RunStatus } from '../store/runs.js';
import type { Counts, Cursor, RunPlan, RunTrigger, SyncMode } from '../workflows/sync-types.js';
import { fatal } from './failures.js';

export interface LifecycleDeps {
  store: Store;
  /** Whether the Temporal workflow of a run is still running (used to take over a dead run's lock). */
  isRunActive: (runId: string) => Promise<boolean>;
}

export const cursorText = (c: Cursor | null | undefined): string | null =>
  c ? `${c.lastUpdated}#${c.lastId}` : null;

export function rewind(cursor: Cursor, seconds: number): Cursor {
  // ConnectWise may write times without a zone; they are UTC whatever the worker's zone is.
  const at = utcInstant(cursor.lastUpdated) - seconds * 1000;
  return { lastUpdated: new Date(Math.max(0, at)).toISOString(), lastId: 0 };
}

export function makeLifecycleActivities(deps: LifecycleDeps) {
  const { store } = deps;

  async function startRun(input: {
    runId: string;
    integrationId: string;
    entity: string;
    mode: SyncMode;
    trigger: RunTrigger;
  }): Promise<RunPlan> {
    const { runId, integrationId, entity } = input;
    const integration = await store.integrations.get(integrationId);
    if (!integration) throw fatal('NotFound', `integration ${integrationId} does not exist`);
    const mapping = await store.mappings.get(integrationId, entity);
    if (!mapping)
      throw fatal(
        'MappingInvalid',
        `integration ${integrationId} has no mapping for ${entity}; create one with PUT /api/integrations/${integrationId}/mappings/${entity}`,
      );
    const cursor =
      input.mode === 'incremental' ? await store.mappings.cursor(integrationId, entity) : undefined;
    await store.runs.start({ ...input, cursorFrom: cursorText(cursor) });

    const lock = await store.locks.acquire(integrationId, entity, runId);
    if (!lock.acquired) {
      if (await deps.isRunActive(lock.holder)) {
        const message = `another run (${lock.holder}) is already syncing ${entity} for this integration`;
        await store.runs.finish(runId, 'failed', message);
        throw fatal('RunAlreadyActive', message, { holder: lock.holder });
      }
      // The holder's workflow is gone (terminated, or timed out) without releasing its lock. Another run
      // may be taking it over at this very moment: only one update of the row wins.
      if (!(await store.locks.takeOver(integrationId, entity, lock.holder, runId))) {
        const now = await store.locks.holder(integrationId, entity);
        const message = `another run (${now ?? 'unknown'}) took over the lock of ${entity} first`;
        await store.runs.finish(runId, 'failed', message);
        throw fatal('RunAlreadyActive', message, { holder: now });
      }
      await store.runs.finish(lock.holder, 'failed', `abandoned; run ${runId} took over`);
    }
    // Results of pages a dead run wrote but never committed describe real objects: remember them first.
    const orphans = await store.staging.uncommittedPages(integrationId, entity);
    await store.checkpoints.promoteOrphans(integrationId, entity, orphans);

    const { options } = mapping.spec;
    return {
      groupId: mapping.groupId,
      startCursor: cursor ? rewind(cursor, options.overlapSeconds) : null,
      adopt: mapping.adoptedGroupId !== mapping.groupId || (input.mode === 'full' && options.verifyTarget),
      pageSize: options.pageSize,
      overlapSeconds: options.overlapSeconds,
    };
  }

  async function setRunStatus(input: { runId: string; status: RunStatus }): Promise<void> {
    await store.runs.setStatus(input.runId, input.status);
  }

  async function finishRun(input: {
    runId: string;
    integrationId: string;
    entity: string;
    status: RunStatus;
    error: string | null;
    /** Counts not committed by a checkpoint (archive failures). */
    extra?: Partial<Counts>;
  }): Promise<void> {
    const before = await store.runs.get(input.runId);
    await store.runs.finish(input.runId, input.status, input.error, input.extra ?? {});
    await store.locks.release(input.integrationId, input.entity, input.runId);
    await store.staging.deleteRun(input.runId);
    if (before && before.finishedAt === null) runsTotal.inc({ entity: input.entity, status: input.status });
  }

  return { startRun, setRunStatus, finishRun };
}
