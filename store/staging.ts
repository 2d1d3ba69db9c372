/**
 * The claim check: pages of records live here, and workflow history carries only their ids.
 *  - staged_pages: a raw ConnectWise page (fetch page) and its map/filter output;
 *  - page_results: what upsert batch did for each record of a page, written after every Asset Panda call
 *    so a retried upsert skips what is already done; the checkpoint moves them into the identity map.
 */
import { randomUUID } from 'node:crypto';
import { nowIso } from './clock.js';
import type { StoreDb } from './database.js';

export type StagedKind = 'raw' | 'mapped';
export type Outcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface PageResult {
  cwId: number;
  groupId: number;
  apObjectId: string | null;
  uniqueValue: string;
  hash: string | null;
  outcome: Outcome;
  archived: boolean;
}

export class StagingStore {
  constructor(private readonly store: StoreDb) {}

  async stage(
    runId: string,
    kind: StagedKind,
    body: unknown,
    recordCount: number,
    id: string = randomUUID(),
  ): Promise<string> {
    await this.store.db
      .insertInto('staged_pages')
      .values({
        id,
        run_id: runId,
        kind,
        record_count: recordCount,
        body: JSON.stringify(body),
        created_at: nowIso(),
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ body: JSON.stringify(body), record_count: recordCount }),
      )
      .execute();
    return id;
  }

  async read(id: string): Promise<unknown> {
    const row = await this.store.db
      .selectFrom('staged_pages')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new StagedPageMissing(id);
    return JSON.parse(row.body) as unknown;
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.store.db
      .deleteFrom('staged_pages')
      .where('id', 'in', [...ids])
      .execute();
  }

  async deleteRun(runId: string): Promise<void> {
    await this.store.db.deleteFrom('staged_pages').where('run_id', '=', runId).execute();
  }

  async writeResults(
    pageId: string,
    integrationId: string,
    entity: string,
    results: readonly PageResult[],
  ): Promise<void> {
    for (let i = 0; i < results.length; i += 200) {
      const part = results.slice(i, i + 200);
      await this.store.db
        .insertInto('page_results')
        .values(
          part.map((r) => ({
            page_id: pageId,
            integration_id: integrationId,
            entity,
            cw_id: r.cwId,
            group_id: r.groupId,
            ap_object_id: r.apObjectId,
            unique_value: r.uniqueValue,
            hash: r.hash,
            outcome: r.outcome,
            archived: r.archived ? 1 : 0,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['page_id', 'cw_id']).doUpdateSet((eb) => ({
            ap_object_id: eb.ref('excluded.ap_object_id'),
            unique_value: eb.ref('excluded.unique_value'),
            hash: eb.ref('excluded.hash'),
            outcome: eb.ref('excluded.outcome'),
            archived: eb.ref('excluded.archived'),
          })),
        )
        .execute();
    }
  }

  async results(pageId: string): Promise<Map<number, PageResult>> {
    const rows = await this.store.db
      .selectFrom('page_results')
      .selectAll()
      .where('page_id', '=', pageId)
      .execute();
    return new Map(
      rows.map((r) => [
        Number(r.cw_id),
        {
          cwId: Number(r.cw_id),
          groupId: Number(r.group_id),
          apObjectId: r.ap_object_id,
          uniqueValue: r.unique_value,
          hash: r.hash,
          outcome: r.outcome as Outcome,
          archived: r.archived === 1,
        },
      ]),
    );
  }

  /** Pages with results that no checkpoint committed (their run died); promoted at the next run's start. */
  async uncommittedPages(integrationId: string, entity: string): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('page_results')
      .select('page_id')
      .distinct()
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .execute();
    return rows.map((r) => r.page_id);
  }
}

export class StagedPageMissing extends Error {
  constructor(public readonly pageId: string) {
    super(`staged page ${pageId} is not in the store (already committed or cleaned up)`);
    this.name = 'StagedPageMissing';
  }
}
