/**
 * The identity map and its two helpers:
 *  - identity_map: ConnectWise id → Asset Panda object id + hash of the values last written;
 *  - adopted_objects: objects that were already in the group before its first sync, by unique value,
 *    waiting for the ConnectWise record that owns them;
 *  - create_intents: records we are about to create, written BEFORE the create call, so that after a
 *    crash we know to look for objects a lost response may have created instead of creating them twice.
 */
import { nowIso } from './clock.js';
import { addToRunStats } from './runs.js';
import type { StoreDb } from './database.js';

export interface Identity {
  cwId: number;
  groupId: number;
  apObjectId: string;
  uniqueValue: string;
  hash: string | null;
  seenRun: string | null;
  archived: boolean;
}

export interface AdoptedObject {
  uniqueValue: string;
  apObjectId: string;
  archived: boolean;
  hash: string | null;
}

export interface CreateIntent {
  cwId: number;
  uniqueValue: string;
  runId: string;
  createdAt: string;
}

const CHUNK = 500;
function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class IdentityStore {
  constructor(private readonly store: StoreDb) {}

  async byCwIds(
    integrationId: string,
    entity: string,
    cwIds: readonly number[],
  ): Promise<Map<number, Identity>> {
    const out = new Map<number, Identity>();
    for (const part of chunks(cwIds)) {
      if (part.length === 0) continue;
      const rows = await this.store.db
        .selectFrom('identity_map')
        .selectAll()
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .where('cw_id', 'in', part)
        .execute();
      for (const row of rows)
        out.set(Number(row.cw_id), {
          cwId: Number(row.cw_id),
          groupId: Number(row.group_id),
          apObjectId: row.ap_object_id,
          uniqueValue: row.unique_value,
          hash: row.hash,
          seenRun: row.seen_run,
          archived: row.archived === 1,
        });
    }
    return out;
  }

  /** Which ConnectWise ids already own these unique values (to catch duplicates in the source). */
  async ownersOfUniqueValues(
    integrationId: string,
    entity: string,
    values: readonly string[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(values)) {
      if (part.length === 0) continue;
      const rows = await this.store.db
        .selectFrom('identity_map')
        .select(['unique_value', 'cw_id'])
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .where('archived', '=', 0)
        .where('unique_value', 'in', part)
        .execute();
      for (const row of rows) out.set(row.unique_value, Number(row.cw_id));
    }
    return out;
  }

  async count(integrationId: string, entity: string, opts: { archived?: boolean } = {}): Promise<number> {
    let query = this.store.db
      .selectFrom('identity_map')
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity);
    if (opts.archived !== undefined) query = query.where('archived', '=', opts.archived ? 1 : 0);
    const row = await query
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Live objects the given full run did not see: candidates for archiving. */
  async notSeenSince(
    integrationId: string,
    entity: string,
    runId: string,
    limit: number,
    afterCwId = -1,
  ): Promise<Identity[]> {
    const rows = await this.store.db
      .selectFrom('identity_map')
      .selectAll()
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .where('archived', '=', 0)
      .where('cw_id', '>', afterCwId)
      .where((eb) => eb.or([eb('seen_run', 'is', null), eb('seen_run', '!=', runId)]))
      .orderBy('cw_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      cwId: Number(row.cw_id),
      groupId: Number(row.group_id),
      apObjectId: row.ap_object_id,
      uniqueValue: row.unique_value,
      hash: row.hash,
      seenRun: row.seen_run,
      archived: false,
    }));
  }

  async countNotSeenSince(integrationId: string, entity: string, runId: string): Promise<number> {
    const row = await this.store.db
      .selectFrom('identity_map')
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .where('archived', '=', 0)
      .where((eb) => eb.or([eb('seen_run', 'is', null), eb('seen_run', '!=', runId)]))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Marks objects archived and counts them in the run that archived them, in one transaction, so a
   * retried archive step neither loses nor double-counts a batch.
   */
  async markArchived(
    integrationId: string,
    entity: string,
    cwIds: readonly number[],
    runId?: string,
  ): Promise<void> {
    if (cwIds.length === 0) return;
    await this.store.db.transaction().execute(async (trx) => {
      let changed = 0;
      for (const part of chunks(cwIds)) {
        const result = await trx
          .updateTable('identity_map')
          .set({ archived: 1, updated_at: nowIso() })
          .where('integration_id', '=', integrationId)
          .where('entity', '=', entity)
          .where('archived', '=', 0)
          .where('cw_id', 'in', part)
          .executeTakeFirst();
        changed += Number(result.numUpdatedRows);
      }
      if (runId && changed > 0) await addToRunStats(trx, runId, { archived: changed });
    });
  }

  /** Every identity of a mapping (record id → object id), for a run that verifies the group. */
  async all(integrationId: string, entity: string): Promise<Array<{ cwId: number; apObjectId: string }>> {
    const rows = await this.store.db
      .selectFrom('identity_map')
      .select(['cw_id', 'ap_object_id'])
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .execute();
    return rows.map((r) => ({ cwId: Number(r.cw_id), apObjectId: r.ap_object_id }));
  }

  /** Replaces what we believe an object holds with what Asset Panda says it holds now. */
  async refresh(
    integrationId: string,
    entity: string,
    rows: ReadonlyArray<{ cwId: number; hash: string; archived: boolean }>,
  ): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      for (const row of rows)
        await trx
          .updateTable('identity_map')
          .set({ hash: row.hash, archived: row.archived ? 1 : 0 })
          .where('integration_id', '=', integrationId)
          .where('entity', '=', entity)
          .where('cw_id', '=', row.cwId)
          .execute();
    });
  }

  /** Records a full run confirmed present (in scope) although it did not read them in its sweep. */
  async markSeen(
    integrationId: string,
    entity: string,
    cwIds: readonly number[],
    runId: string,
  ): Promise<void> {
    for (const part of chunks(cwIds)) {
      if (part.length === 0) continue;
      await this.store.db
        .updateTable('identity_map')
        .set({ seen_run: runId })
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .where('cw_id', 'in', part)
        .execute();
    }
  }

  /** The record whose identity holds this object, if any (archived ones included). */
  async ownerOfObject(
    integrationId: string,
    entity: string,
    apObjectId: string,
  ): Promise<{ cwId: number; archived: boolean } | undefined> {
    const row = await this.store.db
      .selectFrom('identity_map')
      .select(['cw_id', 'archived'])
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .where('ap_object_id', '=', apObjectId)
      .executeTakeFirst();
    return row ? { cwId: Number(row.cw_id), archived: row.archived === 1 } : undefined;
  }

  /** Forgets identities (their objects now belong to other records, or are gone). */
  async forget(integrationId: string, entity: string, cwIds: readonly number[]): Promise<void> {
    for (const part of chunks(cwIds)) {
      if (part.length === 0) continue;
      await this.store.db
        .deleteFrom('identity_map')
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .where('cw_id', 'in', part)
        .execute();
    }
  }

  // ---- adoption -------------------------------------------------------------------------------

  async replaceAdopted(
    integrationId: string,
    entity: string,
    groupId: number,
    objects: readonly AdoptedObject[],
  ): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('adopted_objects')
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .execute();
      for (const part of chunks(objects, 200)) {
        if (part.length === 0) continue;
        await trx
          .insertInto('adopted_objects')
          .values(
            part.map((o) => ({
              integration_id: integrationId,
              entity,
              group_id: groupId,
              unique_value: o.uniqueValue,
              ap_object_id: o.apObjectId,
              archived: o.archived ? 1 : 0,
              hash: o.hash,
            })),
          )
          .onConflict((oc) => oc.columns(['integration_id', 'entity', 'unique_value']).doNothing())
          .execute();
      }
    });
  }

  async adoptedByUniqueValues(
    integrationId: string,
    entity: string,
    values: readonly string[],
  ): Promise<Map<string, AdoptedObject>> {
    const out = new Map<string, AdoptedObject>();
    for (const part of chunks(values)) {
      if (part.length === 0) continue;
      const rows = await this.store.db
        .selectFrom('adopted_objects')
        .selectAll()
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .where('unique_value', 'in', part)
        .execute();
      for (const row of rows)
        out.set(row.unique_value, {
          uniqueValue: row.unique_value,
          apObjectId: row.ap_object_id,
          archived: row.archived === 1,
          hash: row.hash,
        });
    }
    return out;
  }

  // ---- create intents -------------------------------------------------------------------------

  async recordIntents(
    integrationId: string,
    entity: string,
    runId: string,
    intents: ReadonlyArray<{ cwId: number; uniqueValue: string }>,
    /** When the create is sent, best by Asset Panda's clock (its last_modified times are compared with it). */
    at: string = nowIso(),
  ): Promise<void> {
    for (const part of chunks(intents, 200)) {
      if (part.length === 0) continue;
      await this.store.db
        .insertInto('create_intents')
        .values(
          part.map((i) => ({
            integration_id: integrationId,
            entity,
            cw_id: i.cwId,
            unique_value: i.uniqueValue,
            run_id: runId,
            created_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['integration_id', 'entity', 'cw_id']).doUpdateSet({
            unique_value: (eb) => eb.ref('excluded.unique_value'),
            run_id: runId,
            created_at: at,
          }),
        )
        .execute();
    }
  }

  async intents(integrationId: string, entity: string): Promise<CreateIntent[]> {
    const rows = await this.store.db
      .selectFrom('create_intents')
      .selectAll()
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      cwId: Number(r.cw_id),
      uniqueValue: r.unique_value,
      runId: r.run_id,
      createdAt: r.created_at,
    }));
  }

  async clearIntents(integrationId: string, entity: string, cwIds: readonly number[]): Promise<void> {
    for (const part of chunks(cwIds)) {
      if (part.length === 0) continue;
      await this.store.db
        .deleteFrom('create_intents')
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .where('cw_id', 'in', part)
        .execute();
    }
  }
}
