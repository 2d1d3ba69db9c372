/**
 * The records of one entity. Ids are kept in ascending order beside the map, so the default order
 * (by id) and forward-only paging (`id > pageId`) never need a sort.
 */
import type { CwRecord } from '../types.js';

export class EntityStore {
  private readonly byId = new Map<number, CwRecord>();
  private readonly ids: number[] = [];
  private nextId: number;
  /** Bumped on every change, so derived views can tell when they are stale. */
  version = 0;

  constructor(firstId: number) {
    this.nextId = firstId;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Ascending; do not mutate. */
  idsAscending(): readonly number[] {
    return this.ids;
  }

  get(id: number): CwRecord | undefined {
    return this.byId.get(id);
  }

  /** The next id, above every id ever used (ids are not reused after a delete). */
  allocateId(): number {
    return this.nextId++;
  }

  /** Stores a record under its `id`; ids must be added in ascending order (they are allocated that way). */
  add(record: CwRecord): void {
    const id = record.id as number;
    const last = this.ids[this.ids.length - 1];
    if (last !== undefined && id <= last) throw new Error(`ids must grow: ${id} after ${last}`);
    this.byId.set(id, record);
    this.ids.push(id);
    this.nextId = Math.max(this.nextId, id + 1);
    this.version++;
  }

  replace(record: CwRecord): void {
    this.byId.set(record.id as number, record);
    this.version++;
  }

  delete(id: number): boolean {
    if (!this.byId.delete(id)) return false;
    this.ids.splice(this.indexAfter(id) - 1, 1);
    this.version++;
    return true;
  }

  /** Index of the first id greater than `id`. */
  indexAfter(id: number): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ids[mid] as number) <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
