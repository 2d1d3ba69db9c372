/**
 * Filters of a mapping: as many as possible are pushed down into ConnectWise (`conditions`, or
 * `childConditions` for fields inside arrays such as company `types/name`), so records that do not match
 * are never fetched; the rest (custom fields, indexed paths, other `_info` fields) apply after fetching,
 * with the same semantics ConnectWise uses: case-insensitive text, `%` wildcards for like.
 */
import { utcInstant } from './utc-instant.js';
import { isCustomFieldPath, readPath, type JsonRecord } from './paths.js';
import type { Filter } from './spec.js';
import { textOf } from './transforms.js';

export interface FilterPlan {
  conditions: Filter[];
  childConditions: Filter[];
  postFetch: Filter[];
}

/** Rewrites `_info/lastUpdated` to the bare name the API's conditions use. */
export function conditionPath(path: string): string {
  return path === '_info/lastUpdated' ? 'lastUpdated' : path;
}

export function planFilters(
  filters: readonly Filter[],
  isArrayField: (topLevel: string) => boolean,
): FilterPlan {
  const plan: FilterPlan = { conditions: [], childConditions: [], postFetch: [] };
  for (const filter of filters) {
    const path = filter.field;
    const segments = path.split('/');
    if (isCustomFieldPath(path) || segments.some((s) => /^\d+$/.test(s))) plan.postFetch.push(filter);
    else if (segments[0] === '_info')
      (path === '_info/lastUpdated' ? plan.conditions : plan.postFetch).push({
        ...filter,
        field: conditionPath(path),
      });
    else if (segments.length > 1 && isArrayField(segments[0] as string)) plan.childConditions.push(filter);
    else plan.conditions.push(filter);
  }
  return plan;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

type Scalar = string | number | boolean;

function compare(actual: unknown, expected: Scalar): number | undefined {
  if (actual === null || actual === undefined) return undefined;
  if (typeof expected === 'number') {
    const n = typeof actual === 'number' ? actual : Number(textOf(actual));
    return Number.isFinite(n) ? Math.sign(n - expected) : undefined;
  }
  if (typeof expected === 'boolean') {
    const a = typeof actual === 'boolean' ? actual : textOf(actual).toLowerCase() === 'true';
    return a === expected ? 0 : 1;
  }
  const text = textOf(actual);
  if (ISO_DATE.test(expected) && ISO_DATE.test(text))
    return Math.sign(utcInstant(text) - utcInstant(expected));
  return text.toLowerCase().localeCompare(expected.toLowerCase());
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[%*]/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'is');
}

/** Values of a path; a path through an array (`types/name`) yields every element's value. */
function valuesAt(record: JsonRecord, path: string): unknown[] {
  const direct = readPath(record, path);
  if (direct !== undefined || !path.includes('/')) return [direct];
  const [head, ...rest] = path.split('/');
  const container = record[head as string];
  if (!Array.isArray(container)) return [undefined];
  return container.flatMap((item) =>
    typeof item === 'object' && item !== null ? valuesAt(item as JsonRecord, rest.join('/')) : [undefined],
  );
}

function matchesOne(actual: unknown, filter: Filter): boolean {
  const value = filter.value;
  const text = textOf(actual);
  switch (filter.op) {
    case 'is-null':
      return actual === null || actual === undefined;
    case 'not-null':
      return actual !== null && actual !== undefined;
    case 'in':
    case 'not-in': {
      const list = Array.isArray(value) ? value : [];
      const hit = list.some((v) => compare(actual, v) === 0);
      return filter.op === 'in' ? hit : !hit && actual !== null && actual !== undefined;
    }
    case 'contains':
      return text.toLowerCase().includes(String(value).toLowerCase());
    case 'not-contains':
      return !text.toLowerCase().includes(String(value).toLowerCase());
    case 'like':
      return likeToRegExp(String(value)).test(text);
    case 'not-like':
      return !likeToRegExp(String(value)).test(text);
    default: {
      if (Array.isArray(value) || value === undefined) return false;
      const c = compare(actual, value);
      if (c === undefined) return filter.op === '!=';
      if (filter.op === '=') return c === 0;
      if (filter.op === '!=') return c !== 0;
      if (filter.op === '<') return c < 0;
      if (filter.op === '<=') return c <= 0;
      if (filter.op === '>') return c > 0;
      return c >= 0;
    }
  }
}

/** True when the record passes every filter (a path through an array matches if any element does). */
export function matchesFilters(record: JsonRecord, filters: readonly Filter[]): boolean {
  return filters.every((filter) => {
    const negative =
      filter.op === '!=' ||
      filter.op === 'not-contains' ||
      filter.op === 'not-like' ||
      filter.op === 'not-in';
    const values = valuesAt(record, filter.field.replace(/^lastUpdated$/, '_info/lastUpdated'));
    return negative ? values.every((v) => matchesOne(v, filter)) : values.some((v) => matchesOne(v, filter));
  });
}
