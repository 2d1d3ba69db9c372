/**
 * Adopting objects that already exist in Asset Panda: read a group once and index it by the identifier
 * field, so that a sync updates what is there instead of creating duplicates. We compare values ourselves
 * (exactly, after trimming) because the API's filter matching is UNDOCUMENTED.
 */
import { apError } from './errors.js';
import { fieldText, type ApObject } from './normalise.js';
import type { Searcher } from './search.js';

export interface IndexOptions {
  /** Include archived objects (view_archived 'all'). Default true: an archived match must not be re-created. */
  includeArchived?: boolean;
  /** Page size; default 100, never more than the client's maxSearchLimit. */
  pageSize?: number;
  /**
   * When to stop paging. The largest page the API serves is UNDOCUMENTED and a server may cap `limit`
   * without saying so, which makes every page look short. 'empty-page' (default) pages on until a page
   * comes back empty, which costs one extra call; 'short-page' stops at the first page shorter than asked
   * unless the API reported a larger total.
   */
  stopOn?: 'empty-page' | 'short-page';
}

export interface ObjectIndex {
  fieldKey: string;
  /**
   * Trimmed identifier value → object. For a duplicated value this holds the preferred copy (live before
   * archived, then the first the API listed) so that a careless caller updates rather than adds a third.
   */
  byValue: Map<string, ApObject>;
  /** Every value held by more than one object, with all of them: check this before adopting. */
  duplicates: Map<string, ApObject[]>;
  /** Objects whose identifier field is blank. */
  withoutValue: ApObject[];
  scanned: number;
  pages: number;
}

export type IndexLookup =
  { found: 'none' } | { found: 'one'; object: ApObject } | { found: 'many'; objects: ApObject[] };

export function lookUp(index: ObjectIndex, value: string): IndexLookup {
  const key = value.trim();
  const many = index.duplicates.get(key);
  if (many !== undefined) return { found: 'many', objects: many };
  const one = index.byValue.get(key);
  return one === undefined ? { found: 'none' } : { found: 'one', object: one };
}

/** Builds the index from objects already fetched (kept separate so the rule is testable without HTTP). */
export function buildIndex(fieldKey: string, objects: ApObject[], pages = 0): ObjectIndex {
  const groups = new Map<string, ApObject[]>();
  const withoutValue: ApObject[] = [];
  for (const object of objects) {
    const value = fieldText(object.fields[fieldKey])?.trim();
    if (value === undefined || value === '') {
      withoutValue.push(object);
      continue;
    }
    const list = groups.get(value);
    if (list === undefined) groups.set(value, [object]);
    else list.push(object);
  }
  const byValue = new Map<string, ApObject>();
  const duplicates = new Map<string, ApObject[]>();
  for (const [value, list] of groups) {
    const preferred = list.find((o) => !o.archived) ?? list[0];
    if (preferred !== undefined) byValue.set(value, preferred);
    if (list.length > 1) duplicates.set(value, list);
  }
  return { fieldKey, byValue, duplicates, withoutValue, scanned: objects.length, pages };
}

export async function indexObjectsByField(
  searcher: Searcher,
  groupId: number,
  fieldKey: string,
  options: IndexOptions & { maxSearchLimit: number },
): Promise<ObjectIndex> {
  if (!/^field_\d+$/.test(fieldKey)) {
    throw apError({ kind: 'bad_request', retryable: false, message: `not a field key: ${fieldKey}` });
  }
  const limit = Math.min(options.pageSize ?? 100, options.maxSearchLimit);
  const stopOn = options.stopOn ?? 'empty-page';
  const query = options.includeArchived === false ? {} : { viewArchived: 'all' as const };
  const seen = new Set<string>();
  const objects: ApObject[] = [];
  let offset = 0;
  let pages = 0;
  for (;;) {
    const page = await searcher.search(groupId, query, { offset, limit });
    pages += 1;
    if (page.objects.length === 0) break;
    const fresh = page.objects.filter((o) => !seen.has(o.id));
    if (fresh.length === 0) {
      // A server that ignores `offset` would otherwise have us read the same page forever.
      throw apError({
        kind: 'invalid_response',
        retryable: false,
        message: `Asset Panda returned the same objects again at offset ${offset}: paging does not work as expected`,
      });
    }
    for (const object of fresh) {
      seen.add(object.id);
      objects.push(object);
    }
    offset += page.objects.length;
    if (page.objects.length < limit && stopOn === 'short-page') {
      const more = page.reportedTotal !== undefined && page.reportedTotal > objects.length;
      if (!more) break;
    }
  }
  return buildIndex(fieldKey, objects, pages);
}
