/**
 * The worker's activities, built from their dependencies. The workflow knows them only by type
 * (`proxyActivities<SyncActivities>`), so nothing here is bundled into workflow code.
 */
import { pingDatabase, type StoreDb } from '../store/database.js';
import { makeRoundTrip } from './roundtrip.js';

export interface ActivityDeps {
  store: StoreDb;
}

export function createActivities(deps: ActivityDeps) {
  return {
    roundTrip: makeRoundTrip({ pingStore: () => pingDatabase(deps.store.db) }),
  };
}

export type SyncActivities = ReturnType<typeof createActivities>;
