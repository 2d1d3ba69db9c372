/**
 * A call budget kept in the store, so that every worker process sharing the store shares the budget
 * ("at most N calls in any window of W seconds" per Asset Panda account). It keeps a sliding log of call
 * times, which honours the vendor limit whether the vendor counts in fixed or sliding windows, and still
 * allows a burst up to N. (rate-limiter-flexible was considered: its store-backed limiters count in fixed
 * windows, which can let 2N calls through around a window boundary.)
 *
 * On PostgreSQL a transaction-scoped advisory lock serialises takers across processes; on SQLite the
 * database's single writer does the same within one process.
 */
import { sql } from 'kysely';
import type { ConnectorTarget } from '../connectors/errors.js';
import { takeSlot, waitBeforeNextCall, type CallBudget } from '../connectors/call-budget.js';
import type { StoreDb } from './database.js';

export interface StoreBudgetOptions {
  key: string;
  target: ConnectorTarget;
  calls: number;
  windowMs: number;
  maxWaitMs?: number;
  onWait?: (ms: number) => void;
}

export class StoreCallBudget implements CallBudget {
  constructor(
    private readonly store: StoreDb,
    private readonly options: StoreBudgetOptions,
  ) {}

  /** Records a call if the window has room; otherwise returns how long to wait. */
  private async tryTake(): Promise<number> {
    const { key, calls, windowMs } = this.options;
    return this.store.db.transaction().execute(async (trx) => {
      if (this.store.engine === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
      const now = Date.now();
      await trx
        .deleteFrom('call_log')
        .where('budget_key', '=', key)
        .where('at', '<=', now - windowMs)
        .execute();
      const recent = await trx
        .selectFrom('call_log')
        .select('at')
        .where('budget_key', '=', key)
        .orderBy('at', 'desc')
        .limit(calls)
        .execute();
      const wait = waitBeforeNextCall(
        recent.map((r) => Number(r.at)),
        calls,
        windowMs,
        now,
      );
      if (wait === 0) await trx.insertInto('call_log').values({ budget_key: key, at: now }).execute();
      return wait;
    });
  }

  take(signal?: AbortSignal): Promise<void> {
    return takeSlot(() => this.tryTake(), this.options, signal);
  }
}
