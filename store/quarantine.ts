/**
 * Quarantined records: what could not be mapped or written, with the reason, per run. The run goes on;
 * the API shows the first entries of each run.
 */
import { randomUUID } from 'node:crypto';
import { nowIso } from './clock.js';
import type { StoreDb } from './database.js';

export type QuarantineStage = 'adopt' | 'map' | 'upsert' | 'archive';

export interface QuarantineEntry {
  cwId: number | null;
  uniqueValue?: string | null;
  stage: QuarantineStage;
  reason: string;
  details?: unknown;
}

export interface QuarantinedRecord extends QuarantineEntry {
  runId: string;
  createdAt: string;
}

export class QuarantineStore {
  constructor(private readonly store: StoreDb) {}

  /** Idempotent per (run, stage, record): a retried activity does not list a record twice. */
  async add(
    runId: string,
    integrationId: string,
    entity: string,
    entries: readonly QuarantineEntry[],
  ): Promise<void> {
    const at = nowIso();
    for (let i = 0; i < entries.length; i += 200) {
      const part = entries.slice(i, i + 200);
      await this.store.db
        .insertInto('quarantine')
        .values(
          part.map((e) => ({
            id: e.cwId === null ? randomUUID() : `${runId}:${e.stage}:${e.cwId}`,
            run_id: runId,
            integration_id: integrationId,
            entity,
            cw_id: e.cwId,
            unique_value: e.uniqueValue ?? null,
            stage: e.stage,
            reason: e.reason.slice(0, 2000),
            details: e.details === undefined ? null : JSON.stringify(e.details).slice(0, 8000),
            created_at: at,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }

  async count(runId: string, stage?: QuarantineStage): Promise<number> {
    let query = this.store.db.selectFrom('quarantine').where('run_id', '=', runId);
    if (stage) query = query.where('stage', '=', stage);
    const row = await query
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async forRun(runId: string, limit = 50): Promise<{ entries: QuarantinedRecord[]; total: number }> {
    const total = await this.store.db
      .selectFrom('quarantine')
      .where('run_id', '=', runId)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await this.store.db
      .selectFrom('quarantine')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('created_at')
      .orderBy('cw_id')
      .limit(limit)
      .execute();
    return {
      total: Number(total.n),
      entries: rows.map((r) => ({
        runId: r.run_id,
        cwId: r.cw_id === null ? null : Number(r.cw_id),
        uniqueValue: r.unique_value,
        stage: r.stage as QuarantineStage,
        reason: r.reason,
        details: r.details === null ? undefined : (JSON.parse(r.details) as unknown),
        createdAt: r.created_at,
      })),
    };
  }
}
