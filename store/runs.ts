/**
 * Run summaries: what each sync run did. Written by the workflow's activities (start, every checkpoint,
 * finish), read by the API, and kept after the worker or Temporal restarts.
 */
import { z } from 'zod';
import { addCounts, emptyCounts, type Counts } from '../workflows/sync-types.js';
import type { Transaction } from 'kysely';
import { nowIso } from './clock.js';
import type { Database, RunsTable } from './schema.js';
import type { StoreDb } from './database.js';

export const RUN_STATUSES = ['running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type SyncMode = 'incremental' | 'full';

export const runStatsSchema = z.object({
  fetched: z.number().default(0),
  filteredOut: z.number().default(0),
  created: z.number().default(0),
  updated: z.number().default(0),
  unchanged: z.number().default(0),
  archived: z.number().default(0),
  failed: z.number().default(0),
});
/** A run's counts: the same shape the workflow keeps in memory. */
export type RunStats = Counts;

/** Adds counts to a run's stored summary, inside the caller's transaction. */
export async function addToRunStats(
  trx: Transaction<Database>,
  runId: string,
  delta: Partial<RunStats>,
): Promise<void> {
  const row = await trx.selectFrom('runs').select('stats').where('run_id', '=', runId).executeTakeFirst();
  if (!row) return;
  const stats = addCounts(runStatsSchema.parse(JSON.parse(row.stats)), delta);
  await trx
    .updateTable('runs')
    .set({ stats: JSON.stringify(stats), updated_at: nowIso() })
    .where('run_id', '=', runId)
    .execute();
}

export interface Run {
  runId: string;
  integrationId: string;
  entity: string;
  mode: SyncMode;
  trigger: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  stats: RunStats;
  pages: number;
  cursorFrom: string | null;
  cursorTo: string | null;
  error: string | null;
}

type RunRow = Omit<RunsTable, 'updated_at'>;

function toRun(row: RunRow): Run {
  return {
    runId: row.run_id,
    integrationId: row.integration_id,
    entity: row.entity,
    mode: row.mode === 'full' ? 'full' : 'incremental',
    trigger: row.trigger,
    status: (RUN_STATUSES as readonly string[]).includes(row.status) ? (row.status as RunStatus) : 'failed',
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    stats: runStatsSchema.parse(JSON.parse(row.stats)),
    pages: Number(row.pages),
    cursorFrom: row.cursor_from,
    cursorTo: row.cursor_to,
    error: row.error,
  };
}

export interface RunFilter {
  integrationId?: string;
  entity?: string;
  status?: RunStatus;
  limit?: number;
  offset?: number;
}

export class RunStore {
  constructor(private readonly store: StoreDb) {}

  /** Idempotent: a retried start (or a continued-as-new run) keeps the existing row. */
  async start(input: {
    runId: string;
    integrationId: string;
    entity: string;
    mode: SyncMode;
    trigger: string;
    cursorFrom: string | null;
  }): Promise<Run> {
    const at = nowIso();
    await this.store.db
      .insertInto('runs')
      .values({
        run_id: input.runId,
        integration_id: input.integrationId,
        entity: input.entity,
        mode: input.mode,
        trigger: input.trigger,
        status: 'running',
        started_at: at,
        finished_at: null,
        stats: JSON.stringify(emptyCounts()),
        pages: 0,
        cursor_from: input.cursorFrom,
        cursor_to: input.cursorFrom,
        error: null,
        updated_at: at,
      })
      // The API writes the row when it accepts a run; the run's own start then adds its starting cursor.
      .onConflict((oc) =>
        oc.column('run_id').doUpdateSet((eb) => ({
          cursor_from: eb.fn.coalesce('runs.cursor_from', 'excluded.cursor_from'),
          cursor_to: eb.fn.coalesce('runs.cursor_to', 'excluded.cursor_to'),
        })),
      )
      .execute();
    const run = await this.get(input.runId);
    if (!run) throw new Error(`run ${input.runId} vanished right after it was written`);
    return run;
  }

  async get(runId: string): Promise<Run | undefined> {
    const row = await this.store.db
      .selectFrom('runs')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  }

  async list(filter: RunFilter = {}): Promise<{ runs: Run[]; total: number }> {
    let query = this.store.db.selectFrom('runs');
    if (filter.integrationId) query = query.where('integration_id', '=', filter.integrationId);
    if (filter.entity) query = query.where('entity', '=', filter.entity);
    if (filter.status) query = query.where('status', '=', filter.status);
    const totalRow = await query
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('run_id', 'desc')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute();
    return { runs: rows.map(toRun), total: Number(totalRow.n) };
  }

  async addStats(runId: string, delta: Partial<RunStats>): Promise<void> {
    await this.store.db.transaction().execute((trx) => addToRunStats(trx, runId, delta));
  }

  async setStatus(runId: string, status: RunStatus): Promise<void> {
    await this.store.db
      .updateTable('runs')
      .set({ status, updated_at: nowIso() })
      .where('run_id', '=', runId)
      .where('finished_at', 'is', null)
      .execute();
  }

  async finish(
    runId: string,
    status: RunStatus,
    error: string | null,
    extra: Partial<RunStats> = {},
  ): Promise<Run | undefined> {
    await this.store.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('runs')
        .select(['stats', 'finished_at'])
        .where('run_id', '=', runId)
        .executeTakeFirst();
      if (!row || row.finished_at !== null) return; // finishing twice (a retried activity) changes nothing
      const stats = addCounts(runStatsSchema.parse(JSON.parse(row.stats)), extra);
      const at = nowIso();
      await trx
        .updateTable('runs')
        .set({ status, error, stats: JSON.stringify(stats), finished_at: at, updated_at: at })
        .where('run_id', '=', runId)
        .execute();
    });
    return this.get(runId);
  }

  /** The newest run of a mapping still marked running (the API refuses a second start). */
  async active(integrationId: string, entity: string): Promise<Run | undefined> {
    const row = await this.store.db
      .selectFrom('runs')
      .selectAll()
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .where('finished_at', 'is', null)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  }

  async lastFinished(integrationId: string, entity: string): Promise<Run | undefined> {
    const row = await this.store.db
      .selectFrom('runs')
      .selectAll()
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .where('finished_at', 'is not', null)
      .orderBy('finished_at', 'desc')
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  }
}
