/**
 * Object search: `POST /v3/groups/{gid}/search/objects` and/or `.../objects/search`. Filters combine with
 * AND; results come in creation order, paged by `offset` and `limit` in the query string.
 */
import express, { type RequestHandler, type Router } from 'express';
import { groupOf, type SimContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { renderObject } from './render.js';
import type { Group, StoredObject } from './store.js';
import type { ApFieldSpec } from './types.js';
import { isBlank, matchKey } from './values.js';

export interface SearchQuery {
  fieldFilters: Array<{ field: ApFieldSpec; value: string }>;
  text: string | undefined;
  ids: Set<string> | undefined;
  modifiedFrom: number | undefined;
  modifiedTo: number | undefined;
  archived: 'live' | 'all' | 'archived';
}

function parseDateTime(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw badRequest(`${name} must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
  return ms;
}

export function parseSearchBody(group: Group, raw: unknown): SearchQuery {
  const body = (raw ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The search body must be a JSON object');

  const fieldFilters: SearchQuery['fieldFilters'] = [];
  if (body.field_filters !== undefined && body.field_filters !== null) {
    if (typeof body.field_filters !== 'object' || Array.isArray(body.field_filters)) {
      throw badRequest('field_filters must be an object of field keys and values');
    }
    for (const [key, value] of Object.entries(body.field_filters)) {
      const field = group.fieldsByKey.get(key);
      if (!field) throw badRequest(`field_filters: ${key} is not a field of ${group.name}`);
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw badRequest(`field_filters.${key} must be a string`);
      }
      fieldFilters.push({ field, value: String(value) });
    }
  }

  if (body.search !== undefined && body.search !== null && typeof body.search !== 'string') {
    throw badRequest('search must be a string');
  }
  const text = typeof body.search === 'string' && body.search.trim() !== '' ? body.search.trim() : undefined;

  let ids: Set<string> | undefined;
  if (body.ids !== undefined && body.ids !== null) {
    if (!Array.isArray(body.ids) || body.ids.some((id) => typeof id !== 'string')) {
      throw badRequest('ids must be an array of object ids');
    }
    ids = new Set(body.ids as string[]);
  }

  const lastModified = (body.last_modified ?? {}) as Record<string, unknown>;
  if (typeof lastModified !== 'object' || Array.isArray(lastModified)) {
    throw badRequest('last_modified must be an object like {"gte": "...", "lte": "..."}');
  }

  const view = body.view_archived;
  if (view !== undefined && view !== null && view !== 'all' && view !== 'archived') {
    throw badRequest(`view_archived must be "all" or "archived" (omit it for live objects only)`);
  }

  return {
    fieldFilters,
    text,
    ids,
    modifiedFrom: parseDateTime(lastModified.gte, 'last_modified.gte'),
    modifiedTo: parseDateTime(lastModified.lte, 'last_modified.lte'),
    archived: view ?? 'live',
  };
}

export function parsePaging(
  query: Record<string, unknown>,
  maxLimit: number,
): { offset: number; limit: number } {
  const read = (name: string, fallback: number, min: number): number => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min) throw badRequest(`${name} must be an integer >= ${min}`);
    return n;
  };
  return { offset: read('offset', 0, 0), limit: Math.min(read('limit', 50, 1), maxLimit) };
}

/** Objects to test: found through the unique index when a filter allows it, else the whole group. */
function candidates(group: Group, q: SearchQuery): Iterable<StoredObject> {
  const indexed = q.fieldFilters.find((f) => group.unique.indexes(f.field.key) && !isBlank(f.value));
  const ids = indexed ? group.unique.matches(indexed.field, indexed.value) : q.ids ? [...q.ids] : undefined;
  if (!ids) return group.objects.values();
  // Ids sort in creation order (see random.ts), the order a full scan yields.
  return ids
    .sort()
    .map((id) => group.objects.get(id))
    .filter((o): o is StoredObject => o !== undefined);
}

function matches(group: Group, object: StoredObject, q: SearchQuery): boolean {
  if (q.archived === 'live' && object.archived) return false;
  if (q.archived === 'archived' && !object.archived) return false;
  if (q.ids && !q.ids.has(object.id)) return false;
  if (q.modifiedFrom !== undefined && object.updatedAt < q.modifiedFrom) return false;
  if (q.modifiedTo !== undefined && object.updatedAt > q.modifiedTo) return false;
  for (const { field, value } of q.fieldFilters) {
    const stored = object.values[field.key] ?? '';
    if (isBlank(value) ? !isBlank(stored) : matchKey(field, stored) !== matchKey(field, value)) return false;
  }
  if (q.text) {
    const needle = q.text.toLowerCase();
    if (!group.fields.some((f) => (object.values[f.key] ?? '').toLowerCase().includes(needle))) return false;
  }
  return true;
}

export function search(group: Group, q: SearchQuery): StoredObject[] {
  const found: StoredObject[] = [];
  for (const object of candidates(group, q)) if (matches(group, object, q)) found.push(object);
  return found;
}

export function searchRoutes(ctx: SimContext): Router {
  const router = express.Router();
  const handler: RequestHandler = (req, res) => {
    const group = groupOf(ctx, String(req.params.gid));
    const query = parseSearchBody(group, req.body);
    const { offset, limit } = parsePaging(req.query as Record<string, unknown>, ctx.options.maxSearchLimit);
    const found = search(group, query);
    const page = found.slice(offset, offset + limit);
    res.json({
      totals: { objects: page.length, group_totals: found.length, offset, limit },
      not_viewable: 0,
      objects: page.map((o) => renderObject(group, o, ctx.options.objectShape)),
    });
  };
  const disabled: RequestHandler = (req) => {
    throw notFound(`No route for ${req.method} ${req.baseUrl}${req.path}`);
  };
  const serves = (path: 'search/objects' | 'objects/search') =>
    ctx.options.searchPath === 'both' || ctx.options.searchPath === path;
  router.post('/groups/:gid/search/objects', serves('search/objects') ? handler : disabled);
  router.post('/groups/:gid/objects/search', serves('objects/search') ? handler : disabled);
  return router;
}
