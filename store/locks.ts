/**
 * One writer per mapping: a run holds the lock of its (integration, entity) while it writes, so a manual
 * run and a scheduled one can never interleave their upserts on the same identity map.
 */
import { nowIso } from './clock.js';
import type { StoreDb } from './database.js';

export type LockResult = { acquired: true } | { acquired: false; holder: string };

export class LockStore {
  constructor(private readonly store: StoreDb) {}

  async acquire(integrationId: string, entity: string, runId: string): Promise<LockResult> {
    await this.store.db
      .insertInto('sync_locks')
      .values({ integration_id: integrationId, entity, run_id: runId, acquired_at: nowIso() })
      .onConflict((oc) => oc.columns(['integration_id', 'entity']).doNothing())
      .execute();
    const holder = await this.holder(integrationId, entity);
    return holder === runId || holder === undefined ? { acquired: true } : { acquired: false, holder };
  }

  async holder(integrationId: string, entity: string): Promise<string | undefined> {
    const row = await this.store.db
      .selectFrom('sync_locks')
      .select('run_id')
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .executeTakeFirst();
    return row?.run_id;
  }

  /** Takes the lock from a holder known to be dead (its workflow closed without releasing it). */
  async takeOver(integrationId: string, entity: string, deadHolder: string, runId: string): Promise<boolean> {
    const result = await this.store.db
      .updateTable('sync_locks')
      .set({ run_id: runId, acquired_at: nowIso() })
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .where('run_id', '=', deadHolder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async release(integrationId: string, entity: string, runId: string): Promise<void> {
    await this.store.db
      .deleteFrom('sync_locks')
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .where('run_id', '=', runId)
      .execute();
  }
}
