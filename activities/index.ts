/**
 * The worker's activities, built from their dependencies and named as the user named the steps:
 * authenticate, fetch page, map/filter, upsert batch, record checkpoint (plus start/finish of a run,
 * adoption of existing objects and archiving of vanished ones). The workflow knows them only by type.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { pingDatabase } from '../store/database.js';
import type { Store } from '../store/index.js';
import { makeAdoptExisting } from './adopt-existing.js';
import { makeArchiveMissing } from './archive-missing.js';
import { makeAuthenticate } from './authenticate.js';
import type { Connections } from './connections.js';
import { classified } from './failures.js';
import { makeFetchPage } from './fetch-page.js';
import { makeMapFilter } from './map-filter.js';
import { makeRecordCheckpoint } from './record-checkpoint.js';
import { makeRoundTrip } from './roundtrip.js';
import { makeLifecycleActivities } from './run-lifecycle.js';
import { makeUpsertBatch } from './upsert-batch.js';

export interface ActivityDeps {
  store: Store;
  connections: Connections;
  /** Defaults to asking Temporal through the activity's own client. */
  isRunActive?: (runId: string) => Promise<boolean>;
}

async function runActiveInTemporal(runId: string): Promise<boolean> {
  try {
    const description = await Context.current().client.workflow.getHandle(runId).describe();
    return description.status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

export function createActivities(deps: ActivityDeps) {
  const { store, connections } = deps;
  const lifecycle = makeLifecycleActivities({ store, isRunActive: deps.isRunActive ?? runActiveInTemporal });
  return {
    roundTrip: classified(makeRoundTrip({ pingStore: () => pingDatabase(store.db.db) })),
    startRun: classified(lifecycle.startRun),
    setRunStatus: classified(lifecycle.setRunStatus),
    finishRun: classified(lifecycle.finishRun),
    authenticate: classified(makeAuthenticate({ connections })),
    adoptExisting: classified(makeAdoptExisting({ store, connections })),
    fetchPage: classified(makeFetchPage({ store, connections })),
    mapFilter: classified(makeMapFilter({ store })),
    upsertBatch: classified(makeUpsertBatch({ store, connections })),
    recordCheckpoint: classified(makeRecordCheckpoint({ store })),
    archiveMissing: classified(makeArchiveMissing({ store, connections })),
  };
}

export type SyncActivities = ReturnType<typeof createActivities>;
