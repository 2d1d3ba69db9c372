/**
 * The store as the rest of the service sees it: one object per table family over one database.
 */
import { IdentityStore } from './identity-map.js';
import { CheckpointStore } from './checkpoints.js';
import { openDatabase, type StoreDb } from './database.js';
import { IntegrationStore } from './integrations.js';
import { LockStore } from './locks.js';
import { MappingStore } from './mappings.js';
import { QuarantineStore } from './quarantine.js';
import { RunStore } from './runs.js';
import { ScheduleStore } from './schedules.js';
import { StagingStore } from './staging.js';

export interface Store {
  db: StoreDb;
  integrations: IntegrationStore;
  mappings: MappingStore;
  identity: IdentityStore;
  staging: StagingStore;
  checkpoints: CheckpointStore;
  runs: RunStore;
  quarantine: QuarantineStore;
  locks: LockStore;
  schedules: ScheduleStore;
  close(): Promise<void>;
}

export function storeOver(db: StoreDb, secretsKey: Buffer): Store {
  return {
    db,
    integrations: new IntegrationStore(db, secretsKey),
    mappings: new MappingStore(db),
    identity: new IdentityStore(db),
    staging: new StagingStore(db),
    checkpoints: new CheckpointStore(db),
    runs: new RunStore(db),
    quarantine: new QuarantineStore(db),
    locks: new LockStore(db),
    schedules: new ScheduleStore(db),
    close: () => db.close(),
  };
}

export async function openStore(url: string, secretsKey: Buffer): Promise<Store> {
  return storeOver(await openDatabase(url), secretsKey);
}
