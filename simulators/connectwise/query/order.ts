/**
 * `orderBy`: a comma list of `path [asc|desc]`, e.g. `lastUpdated asc, id asc` or `company/name desc`.
 * The id is always the last tie-breaker so that pages never overlap (a real server orders ties as SQL
 * Server happens to; a client that needs a stable order should itself end with `id`).
 */
import type { CwEntity, CwRecord } from '../types.js';
import { badRequest } from '../api-error.js';
import { entityFields } from '../schema/catalogue.js';
import { PathError, resolveScalar } from '../schema/paths.js';
import type { ScalarPath } from '../schema/paths.js';
import { compareKeys, toInstant } from '../conditions/values.js';
import type { SortKey } from '../conditions/values.js';

export interface OrderKey {
  path: ScalarPath;
  descending: boolean;
}

export function parseOrderBy(entity: CwEntity, text: string | undefined): OrderKey[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const fields = entityFields(entity);
  return text.split(',').map((part) => {
    const words = part.trim().split(/\s+/).filter(Boolean);
    const [name, direction = 'asc', extra] = words;
    const dir = direction.toLowerCase();
    if (!name || extra !== undefined || (dir !== 'asc' && dir !== 'desc')) {
      throw badRequest(
        `orderBy: '${part.trim()}' is not of the form 'field asc' or 'field desc'.`,
        'orderBy',
      );
    }
    try {
      return { path: resolveScalar(fields, name.split('/'), name), descending: dir === 'desc' };
    } catch (err) {
      if (err instanceof PathError) throw badRequest(`orderBy: ${err.message}`, 'orderBy');
      throw err;
    }
  });
}

/** 'asc' or 'desc' when the order is by id alone, which the store already holds. */
export function idOnlyOrder(keys: OrderKey[] | undefined): 'asc' | 'desc' | undefined {
  if (!keys) return 'asc';
  const [first] = keys;
  if (keys.length === 1 && first?.path.name === 'id') return first.descending ? 'desc' : 'asc';
  return undefined;
}

function sortKey(path: ScalarPath, record: CwRecord): SortKey {
  const v = path.read(record);
  if (v === null || v === undefined) return null;
  if (path.kind.type === 'datetime') {
    const t = toInstant(v);
    return Number.isNaN(t) ? null : t;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return null;
}

/** Sorts by precomputed keys (datetimes parsed once per record, not once per comparison). */
export function sortRecords(records: CwRecord[], keys: OrderKey[]): CwRecord[] {
  const rows = records.map((record) => ({
    record,
    keys: keys.map((k) => sortKey(k.path, record)),
    id: record.id as number,
  }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareKeys(a.keys[i] as SortKey, b.keys[i] as SortKey);
      if (c !== 0) return keys[i]?.descending ? -c : c;
    }
    return a.id - b.id;
  });
  return rows.map((row) => row.record);
}
