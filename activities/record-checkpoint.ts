/**
 * record checkpoint: commits one page (identity map, cursor and counts in one transaction) after its
 * writes to Asset Panda are durable. Idempotent per (run, page number).
 */
import { recordsTotal } from '../observability/metrics.js';
import { LockLost } from '../store/checkpoints.js';
import type { Store } from '../store/index.js';
import { fatal } from './failures.js';
import type { Counts, Cursor } from '../workflows/sync-types.js';

export function laterCursor(a: Cursor | undefined | null, b: Cursor | undefined | null): Cursor | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  const ta = Date.parse(a.lastUpdated);
  const tb = Date.parse(b.lastUpdated);
  if (ta !== tb) return ta > tb ? a : b;
  return a.lastId >= b.lastId ? a : b;
}

const OUTCOME_LABELS: Array<[keyof Counts, string]> = [
  ['fetched', 'fetched'],
  ['filteredOut', 'filtered_out'],
  ['created', 'created'],
  ['updated', 'updated'],
  ['unchanged', 'unchanged'],
  ['archived', 'archived'],
  ['failed', 'failed'],
];

export function makeRecordCheckpoint(deps: { store: Store }) {
  return async function recordCheckpoint(input: {
    runId: string;
    integrationId: string;
    entity: string;
    seq: number;
    rawPageId: string;
    mappedPageId: string;
    cursor: Cursor | null;
    stats: Partial<Counts>;
  }): Promise<void> {
    const { store } = deps;
    // The cursor only moves forward: re-reads (overlap, tail pass) start behind it.
    const current = await store.mappings.cursor(input.integrationId, input.entity);
    const cursor = laterCursor(current, input.cursor);
    const { committed } = await store.checkpoints
      .commit({
        runId: input.runId,
        integrationId: input.integrationId,
        entity: input.entity,
        seq: input.seq,
        resultPageId: input.mappedPageId,
        stagedPageIds: [input.rawPageId, input.mappedPageId],
        ...(cursor ? { cursor } : {}),
        stats: input.stats,
        fence: true,
      })
      .catch((err: unknown) => {
        if (err instanceof LockLost) throw fatal('RunAlreadyActive', err.message);
        throw err;
      });
    if (committed)
      for (const [key, outcome] of OUTCOME_LABELS) {
        const n = input.stats[key] ?? 0;
        if (n > 0) recordsTotal.inc({ entity: input.entity, outcome }, n);
      }
  };
}
