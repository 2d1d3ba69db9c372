/**
 * Query parameters of collection reads (reference §4): filters, orderBy, fields, page, pageSize, and the URL
 * they make, which must stay within 2000 characters.
 */
import { compileConditions, conditionParts, assertFieldPath, type ConditionFilter } from './conditions.js';
import { cwError } from './errors.js';

export const MAX_PAGE_SIZE = 1000;
export const MAX_URL_LENGTH = 2000;

export interface FilterQuery {
  conditions?: ConditionFilter;
  /** Filters on list children, e.g. communicationItems/value. */
  childConditions?: ConditionFilter;
  /** Filters on custom fields: caption / value. */
  customFieldConditions?: ConditionFilter;
}

export type OrderBy = string | readonly { field: string; direction?: 'asc' | 'desc' }[];

export interface ListQuery extends FilterQuery {
  orderBy?: OrderBy;
  /** Partial response: only these field paths (`id`, `status/name`). */
  fields?: readonly string[];
  page?: number;
  pageSize?: number;
}

export type QueryParams = [name: string, value: string][];

const FILTER_PARAMETERS = ['conditions', 'childConditions', 'customFieldConditions'] as const;

/**
 * encodeURIComponent leaves ' ( ) * ! as they are; the vendor asks for ' and * to be encoded (§4.1), and
 * encoding the rest too keeps a value from ever reading as syntax on the way.
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function queryString(params: QueryParams): string {
  return params.map(([k, v]) => `${encodeQueryValue(k)}=${encodeQueryValue(v)}`).join('&');
}

export function checkPageSize(pageSize: number | undefined, fallback: number): number {
  const size = pageSize ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw cwError('bad_request', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${size}.`);
  }
  return size;
}

export function checkPage(page: number | undefined): number {
  const value = page ?? 1;
  if (!Number.isInteger(value) || value < 1) {
    throw cwError('bad_request', `page must be a whole number from 1, not ${value}.`);
  }
  return value;
}

export function compileOrderBy(orderBy: OrderBy | undefined): string | undefined {
  if (orderBy === undefined) return undefined;
  const items =
    typeof orderBy === 'string'
      ? orderBy
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
          .map((s) => {
            const [field, direction, extra] = s.split(/\s+/);
            if (extra !== undefined || (direction !== undefined && !/^(asc|desc)$/i.test(direction))) {
              throw cwError(
                'bad_request',
                `orderBy: "${s.slice(0, 60)}" is not "field asc" or "field desc".`,
              );
            }
            return { field: field ?? '', direction: direction?.toLowerCase() as 'asc' | 'desc' | undefined };
          })
      : orderBy;
  if (items.length === 0) return undefined;
  return items
    .map((item, i) => {
      const field = assertFieldPath(item.field, `orderBy[${i}]`);
      if (item.direction !== undefined && item.direction !== 'asc' && item.direction !== 'desc') {
        throw cwError('bad_request', `orderBy[${i}]: direction must be asc or desc.`);
      }
      return `${field} ${item.direction ?? 'asc'}`;
    })
    .join(', ');
}

/** The fields list, with the fields a reader needs (id, _info) added when a partial response is asked for. */
export function compileFields(
  fields: readonly string[] | undefined,
  needed: readonly string[] = [],
): string | undefined {
  if (fields === undefined || fields.length === 0) return undefined;
  const all = [...fields.map((f, i) => assertFieldPath(f, `fields[${i}]`))];
  for (const need of needed) {
    if (!all.some((f) => f === need || f.startsWith(`${need}/`))) all.push(need);
  }
  return [...new Set(all)].join(',');
}

/** Compiles the three filter parameters; `wrapConditions` lets the keyset reader add its cursor condition. */
export function filterParams(query: FilterQuery, wrapConditions?: (compiled: string) => string): QueryParams {
  const params: QueryParams = [];
  for (const name of FILTER_PARAMETERS) {
    let compiled = compileConditions(query[name], name);
    if (name === 'conditions' && wrapConditions !== undefined) compiled = wrapConditions(compiled);
    if (compiled !== '') params.push([name, compiled]);
  }
  return params;
}

/**
 * Refuses a URL over the limit, naming the parameter and the filter that take the most room, so a person
 * knows what to shorten (a long `in` list, usually).
 */
export function assertUrlLength(url: string, params: QueryParams, query: FilterQuery): void {
  if (url.length <= MAX_URL_LENGTH) return;
  const sized = params
    .map(([name, value]) => ({ name, length: encodeQueryValue(value).length }))
    .sort((a, b) => b.length - a.length);
  const biggest = sized[0];
  let culprit = '';
  if (biggest !== undefined && (FILTER_PARAMETERS as readonly string[]).includes(biggest.name)) {
    const parts = conditionParts(query[biggest.name as (typeof FILTER_PARAMETERS)[number]], biggest.name)
      .map((p) => ({ ...p, length: encodeQueryValue(p.text).length }))
      .sort((a, b) => b.length - a.length);
    const top = parts[0];
    if (top !== undefined) {
      const preview = top.text.length > 60 ? `${top.text.slice(0, 57)}...` : top.text;
      culprit = ` The longest filter is ${top.at} (${preview}), ${top.length} characters once encoded; split it into several reads or narrow it.`;
    }
  }
  const which = biggest === undefined ? '' : ` ${biggest.name} takes ${biggest.length} of them.`;
  throw cwError(
    'bad_request',
    `The request URL would be ${url.length} characters; ConnectWise accepts at most ${MAX_URL_LENGTH}.${which}${culprit}`,
    { details: { length: url.length, parameter: biggest?.name } },
  );
}
