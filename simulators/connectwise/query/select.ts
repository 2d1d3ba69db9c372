/**
 * Picks the records of one page. Ordered by id with no filter, a page is a slice of the store's id
 * index. Otherwise the matching records are computed once, kept for as long as the store does not
 * change, and the following pages of the same query are slices of that list.
 */
import type { CwRecord } from '../types.js';
import type { Predicate } from '../conditions/evaluator.js';
import type { EntityStore } from '../state/store.js';
import { idOnlyOrder, sortRecords } from './order.js';
import type { OrderKey } from './order.js';

export interface Selection {
  predicate?: Predicate;
  order?: OrderKey[];
  /** Identifies the filter and order (their query text), for the cache. */
  cacheKey: string;
}

interface CachedList {
  version: number;
  records: CwRecord[];
}

const CACHE_SIZE = 16;
const caches = new WeakMap<EntityStore, Map<string, CachedList>>();

function matching(store: EntityStore, selection: Selection): CwRecord[] {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const hit = cache.get(selection.cacheKey);
  if (hit && hit.version === store.version) return hit.records;

  const { predicate, order } = selection;
  let records: CwRecord[] = [];
  for (const id of store.idsAscending()) {
    const record = store.get(id) as CwRecord;
    if (!predicate || predicate(record)) records.push(record);
  }
  const byId = idOnlyOrder(order);
  if (byId === 'desc') records.reverse();
  else if (!byId && order) records = sortRecords(records, order);

  cache.delete(selection.cacheKey);
  cache.set(selection.cacheKey, { version: store.version, records });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return records;
}

export function navigablePage(
  store: EntityStore,
  selection: Selection,
  page: number,
  pageSize: number,
): { records: CwRecord[]; total: number } {
  const start = (page - 1) * pageSize;
  if (!selection.predicate && idOnlyOrder(selection.order) === 'asc') {
    const ids = store.idsAscending().slice(start, start + pageSize);
    return { records: ids.map((id) => store.get(id) as CwRecord), total: store.size };
  }
  const all = matching(store, selection);
  return { records: all.slice(start, start + pageSize), total: all.length };
}

/** Records with id > afterId, in id order; `hasMore` says whether another match follows the page. */
export function forwardPage(
  store: EntityStore,
  predicate: Predicate | undefined,
  afterId: number,
  pageSize: number,
): { records: CwRecord[]; hasMore: boolean } {
  const ids = store.idsAscending();
  const records: CwRecord[] = [];
  for (let i = store.indexAfter(afterId); i < ids.length; i++) {
    const record = store.get(ids[i] as number) as CwRecord;
    if (predicate && !predicate(record)) continue;
    if (records.length === pageSize) return { records, hasMore: true };
    records.push(record);
  }
  return { records, hasMore: false };
}

export function countMatching(store: EntityStore, selection: Omit<Selection, 'order'>): number {
  if (!selection.predicate) return store.size;
  return matching(store, selection).length;
}
