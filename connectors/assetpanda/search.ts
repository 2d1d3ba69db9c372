/**
 * Object search, one page per call. The vendor's reference shows both `/search/objects` and
 * `/objects/search` for the same operation; we try the first, fall back on 404 and remember.
 */
import { z } from 'zod';
import { apError, unexpectedShapeError } from './errors.js';
import { groupPath } from './groups.js';
import { normaliseObject, type ApObject } from './normalise.js';
import { PathChoice } from './path-choice.js';
import type { Requester } from './requester.js';

/** The vendor's default page is 50 and its own example raises it to 100; larger limits are UNDOCUMENTED. */
export const DEFAULT_MAX_SEARCH_LIMIT = 100;

export interface SearchQuery {
  /** Match semantics (exact or contains, case) are UNDOCUMENTED: compare results yourself. */
  fieldFilters?: Record<string, string>;
  search?: string;
  ids?: string[];
  lastModified?: { gte?: Date | string; lte?: Date | string };
  /** Omit for live objects only. */
  viewArchived?: 'all' | 'archived';
}

export interface SearchPaging {
  offset: number;
  limit: number;
}

export interface SearchPage {
  objects: ApObject[];
  offset: number;
  limit: number;
  /**
   * The largest count the API volunteered (`total`, `totals.objects`, `totals.group_totals`). What each
   * counts (page, matches, group) is UNDOCUMENTED, so it is only a hint that more pages may follow: taking
   * the largest means a wrong guess costs one more page rather than lost objects.
   */
  reportedTotal?: number;
}

export type SearchPath = 'search/objects' | 'objects/search';

const totals = {
  total: z.number().optional().catch(undefined),
  totals: z
    .looseObject({
      objects: z.number().optional().catch(undefined),
      group_totals: z.number().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
};

// `{objects: [...]}` is what the vendor shows; a `{data: [...]}` wrapper is a plausible variant that costs
// nothing to accept. `objects: null` is refused: read as an empty group it would make a first sync create a
// copy of every object already there.
const searchResponse = z.union([
  z.looseObject({ objects: z.array(z.unknown()), ...totals }),
  z.looseObject({ data: z.array(z.unknown()), ...totals }).transform(({ data, total, totals }) => ({
    objects: data,
    total,
    totals,
  })),
  z.array(z.unknown()).transform((objects) => ({
    objects,
    total: undefined,
    totals: undefined as { objects?: number; group_totals?: number } | undefined,
  })),
]);

function isoOf(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

export function searchBody(query: SearchQuery): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (query.fieldFilters !== undefined) body.field_filters = query.fieldFilters;
  if (query.search !== undefined) body.search = query.search;
  if (query.ids !== undefined) body.ids = query.ids;
  if (query.lastModified !== undefined) {
    const range: Record<string, string> = {};
    if (query.lastModified.gte !== undefined) range.gte = isoOf(query.lastModified.gte);
    if (query.lastModified.lte !== undefined) range.lte = isoOf(query.lastModified.lte);
    body.last_modified = range;
  }
  if (query.viewArchived !== undefined) body.view_archived = query.viewArchived;
  return body;
}

export interface Searcher {
  search(groupId: number, query: SearchQuery, paging: SearchPaging): Promise<SearchPage>;
  /** The search path the server answered on, once known. */
  readonly path: SearchPath | undefined;
}

export function createSearcher(http: Requester, maxLimit: number): Searcher {
  const paths = new PathChoice<SearchPath>('search/objects', 'objects/search');

  async function search(groupId: number, query: SearchQuery, paging: SearchPaging): Promise<SearchPage> {
    const { offset, limit } = paging;
    if (
      !Number.isSafeInteger(offset) ||
      offset < 0 ||
      !Number.isSafeInteger(limit) ||
      limit < 1 ||
      limit > maxLimit
    ) {
      throw apError({
        kind: 'bad_request',
        retryable: false,
        message: `search paging must have offset >= 0 and 1 <= limit <= ${maxLimit} (got ${offset}, ${limit})`,
      });
    }
    const base = groupPath(groupId);
    const body = searchBody(query);
    const answer = await paths.run((path) =>
      http.call({ method: 'POST', path: `${base}/${path}`, query: { offset, limit }, body }, searchResponse),
    );
    const objects: ApObject[] = [];
    for (const raw of answer.objects) {
      const object = normaliseObject(raw);
      // An object without an id cannot be updated or adopted; silently skipping it would create duplicates.
      if (object === undefined)
        throw unexpectedShapeError(`POST ${base}/${paths.remembered ?? 'search'}`, [
          'an object without an id',
        ]);
      objects.push(object);
    }
    const page: SearchPage = { objects, offset, limit };
    const counts = [answer.total, answer.totals?.objects, answer.totals?.group_totals].filter(
      (n): n is number => n !== undefined,
    );
    if (counts.length > 0) page.reportedTotal = Math.max(...counts);
    return page;
  }

  return {
    search,
    get path() {
      return paths.remembered;
    },
  };
}
