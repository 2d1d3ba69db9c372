/**
 * Committing a page: one transaction moves the page's upsert results into the identity map, advances the
 * cursor and adds the page's counts to the run. A page's writes to Asset Panda are durable before this
 * runs (page_results are written after every call), so a crash at any point loses nothing: before the
 * commit the page is simply read and upserted again (everything already written is found unchanged).
 */
import { sql, type Transaction } from 'kysely';
import { nowIso } from './clock.js';
import type { StoreDb } from './database.js';
import type { Cursor } from './mappings.js';
import { addCounts } from '../workflows/sync-types.js';
import { runStatsSchema, type RunStats } from './runs.js';
import type { Database } from './schema.js';

export interface CheckpointInput {
  runId: string;
  integrationId: string;
  entity: string;
  /** Page number within the run; a second commit of the same number is a no-op. */
  seq: number;
  /** The page whose upsert results to promote (null for a page with nothing to write). */
  resultPageId: string | null;
  /** Staged pages to delete once committed (raw and mapped). */
  stagedPageIds: readonly string[];
  cursor?: Cursor;
  stats: Partial<RunStats>;
  /** Commit only while this run holds the mapping's lock (a run whose lock was taken over stops). */
  fence?: boolean;
}

export class LockLost extends Error {
  constructor(runId: string, holder: string | undefined) {
    super(
      `run ${runId} no longer holds the lock of its mapping (${holder ?? 'nobody'} does); nothing was committed`,
    );
    this.name = 'LockLost';
  }
}

async function promoteResults(
  trx: Transaction<Database>,
  pageId: string,
  integrationId: string,
  entity: string,
  seenRun: string | null,
): Promise<void> {
  const at = nowIso();
  await trx
    .insertInto('identity_map')
    .columns([
      'integration_id',
      'entity',
      'cw_id',
      'group_id',
      'ap_object_id',
      'unique_value',
      'hash',
      'seen_run',
      'archived',
      'updated_at',
    ])
    .expression(
      trx
        .selectFrom('page_results')
        .select([
          'integration_id',
          'entity',
          'cw_id',
          'group_id',
          sql<string>`ap_object_id`.as('ap_object_id'),
          'unique_value',
          'hash',
          sql<string | null>`cast(${seenRun} as text)`.as('seen_run'),
          'archived',
          sql<string>`cast(${at} as text)`.as('updated_at'),
        ])
        .where('page_id', '=', pageId)
        .where('ap_object_id', 'is not', null),
    )
    .onConflict((oc) =>
      oc.columns(['integration_id', 'entity', 'cw_id']).doUpdateSet((eb) => ({
        group_id: eb.ref('excluded.group_id'),
        ap_object_id: eb.ref('excluded.ap_object_id'),
        unique_value: eb.ref('excluded.unique_value'),
        hash: eb.ref('excluded.hash'),
        archived: eb.ref('excluded.archived'),
        updated_at: eb.ref('excluded.updated_at'),
        seen_run: seenRun === null ? eb.ref('identity_map.seen_run') : eb.ref('excluded.seen_run'),
      })),
    )
    .execute();
  // Adopted objects now owned by a record, and create intents now resolved, are done with.
  await trx
    .deleteFrom('adopted_objects')
    .where('integration_id', '=', integrationId)
    .where('entity', '=', entity)
    .where('ap_object_id', 'in', (eb) =>
      eb
        .selectFrom('page_results')
        .select(sql<string>`ap_object_id`.as('id'))
        .where('page_id', '=', pageId)
        .where('ap_object_id', 'is not', null),
    )
    .execute();
  await trx
    .deleteFrom('create_intents')
    .where('integration_id', '=', integrationId)
    .where('entity', '=', entity)
    .where('cw_id', 'in', (eb) =>
      eb
        .selectFrom('page_results')
        .select('cw_id')
        .where('page_id', '=', pageId)
        .where('ap_object_id', 'is not', null),
    )
    .execute();
  await trx.deleteFrom('page_results').where('page_id', '=', pageId).execute();
}

export class CheckpointStore {
  constructor(private readonly store: StoreDb) {}

  async commit(input: CheckpointInput): Promise<{ committed: boolean }> {
    return this.store.db.transaction().execute(async (trx) => {
      if (input.fence) {
        const lock = await trx
          .selectFrom('sync_locks')
          .select('run_id')
          .where('integration_id', '=', input.integrationId)
          .where('entity', '=', input.entity)
          .executeTakeFirst();
        if (lock?.run_id !== input.runId) throw new LockLost(input.runId, lock?.run_id);
      }
      const done = await trx
        .insertInto('run_checkpoints')
        .values({ run_id: input.runId, seq: input.seq, committed_at: nowIso() })
        .onConflict((oc) => oc.columns(['run_id', 'seq']).doNothing())
        .executeTakeFirst();
      if (Number(done.numInsertedOrUpdatedRows ?? 0) === 0) return { committed: false };

      if (input.resultPageId)
        await promoteResults(trx, input.resultPageId, input.integrationId, input.entity, input.runId);
      if (input.cursor) {
        const at = nowIso();
        await trx
          .insertInto('cursors')
          .values({
            integration_id: input.integrationId,
            entity: input.entity,
            last_updated: input.cursor.lastUpdated,
            last_id: input.cursor.lastId,
            updated_at: at,
          })
          .onConflict((oc) =>
            oc.columns(['integration_id', 'entity']).doUpdateSet({
              last_updated: input.cursor!.lastUpdated,
              last_id: input.cursor!.lastId,
              updated_at: at,
            }),
          )
          .execute();
      }
      const run = await trx
        .selectFrom('runs')
        .select(['stats', 'pages'])
        .where('run_id', '=', input.runId)
        .executeTakeFirst();
      if (run) {
        const stats = addCounts(runStatsSchema.parse(JSON.parse(run.stats)), input.stats);
        await trx
          .updateTable('runs')
          .set({
            stats: JSON.stringify(stats),
            pages: Number(run.pages) + 1,
            ...(input.cursor ? { cursor_to: `${input.cursor.lastUpdated}#${input.cursor.lastId}` } : {}),
            updated_at: nowIso(),
          })
          .where('run_id', '=', input.runId)
          .execute();
      }
      if (input.stagedPageIds.length > 0)
        await trx
          .deleteFrom('staged_pages')
          .where('id', 'in', [...input.stagedPageIds])
          .execute();
      return { committed: true };
    });
  }

  /**
   * Results of pages whose run died before committing them: the objects exist in Asset Panda, so they go
   * into the identity map (without moving any cursor) before a new run looks anything up.
   */
  async promoteOrphans(integrationId: string, entity: string, pageIds: readonly string[]): Promise<void> {
    for (const pageId of pageIds)
      await this.store.db
        .transaction()
        .execute((trx) => promoteResults(trx, pageId, integrationId, entity, null));
  }
}
