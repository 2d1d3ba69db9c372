/**
 * Filters as data, compiled into the ConnectWise conditions language (reference §4.1):
 *   { and: [{ field: 'status/name', op: '=', value: 'Active' }, { field: 'id', op: 'in', value: [1, 2] }] }
 *   → status/name = "Active" and id in (1, 2)
 *
 * Filters come from people (the mapping screen), so nothing they type may change the shape of the condition:
 * field paths must match a strict pattern and every value is written as a literal of its own type. The vendor
 * documents no escape for a quote inside a string, only that either quote kind may delimit one, so a string is
 * delimited by the quote it does not contain; a string holding both kinds, or ending in a backslash (which the
 * server could read as escaping the closing quote), cannot be written safely and is refused.
 */
import { z } from 'zod';
import { cwError } from './errors.js';

export const CONDITION_OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'not-contains',
  'like',
  'not-like',
  'in',
  'not-in',
  'is-null',
  'not-null',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export type ConditionScalar = string | number | boolean | Date;

export interface Comparison {
  /** A field path: `name`, `status/name`, `company/identifier`; for custom fields `caption` / `value`. */
  field: string;
  op: ConditionOperator;
  /** A scalar; a list for in / not-in; null for = / != null; nothing for is-null / not-null. */
  value?: ConditionScalar | null | readonly ConditionScalar[];
  /** Marks string values as datetimes (written in brackets). A Date value is a datetime anyway. */
  type?: 'datetime';
}

export type ConditionFilter =
  Comparison | { and: readonly ConditionFilter[] } | { or: readonly ConditionFilter[] };

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.date()]);

/** For routes and stored settings that receive filters as JSON. */
export const conditionFilterSchema: z.ZodType<ConditionFilter> = z.lazy(() =>
  z.union([
    z.strictObject({
      field: z.string(),
      op: z.enum(CONDITION_OPERATORS),
      value: z.union([scalarSchema, z.null(), z.array(scalarSchema)]).optional(),
      type: z.literal('datetime').optional(),
    }),
    z.strictObject({ and: z.array(conditionFilterSchema) }),
    z.strictObject({ or: z.array(conditionFilterSchema) }),
  ]),
);

/** Letters, digits and underscores, in segments separated by `/`. Nothing else can reach the server. */
export const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_FIELD_PATH = 200;

/** A compiled leaf with where it came from, to say which filter made a URL too long. */
export interface ConditionPart {
  at: string;
  text: string;
}

function refuse(at: string, why: string) {
  return cwError('bad_request', `Filter ${at}: ${why}`, { details: { at } });
}

export function assertFieldPath(path: unknown, at: string): string {
  if (typeof path !== 'string' || path.length > MAX_FIELD_PATH || !FIELD_PATH.test(path)) {
    const shown = typeof path === 'string' ? JSON.stringify(path.slice(0, 60)) : String(path);
    return fail(
      refuse(
        at,
        `${shown} is not a field path (letters, digits and _ in segments separated by /, e.g. status/name).`,
      ),
    );
  }
  return path;
}

function fail(error: Error): never {
  throw error;
}

/** A string literal; see the file comment for why some strings are refused. */
export function quoteString(value: string, at = 'value'): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  if (hasDouble && hasSingle) {
    fail(
      refuse(
        at,
        'a text value cannot contain both " and \' (ConnectWise has no documented way to write that).',
      ),
    );
  }
  if (value.endsWith('\\')) fail(refuse(at, 'a text value cannot end with a backslash.'));
  if (value.includes('\u0000')) fail(refuse(at, 'a text value cannot contain a NUL character.'));
  const quote = hasDouble ? "'" : '"';
  // The vendor's documented way to write a literal [ inside a string.
  return `${quote}${value.replaceAll('[', '[[]')}${quote}`;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const NAIVE_OR_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?[+-]\d{2}:\d{2}$/;

function isoUtc(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * The text inside `[...]`. UTC and naive-UTC strings are kept as given (a keyset cursor must compare equal to
 * the server's own value); offsets are converted to Z because the server reads them unreliably (§4.2).
 */
export function formatDatetime(value: Date | string, at = 'value'): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(refuse(at, 'the date is not valid.'));
    return isoUtc(value);
  }
  const text = value.trim();
  const valid = (iso: string) => !Number.isNaN(Date.parse(iso));
  if (DATE_ONLY.test(text) && valid(text)) return text;
  if (NAIVE_OR_UTC.test(text) && valid(text.endsWith('Z') ? text : `${text}Z`)) return text;
  if (WITH_OFFSET.test(text) && valid(text)) return isoUtc(new Date(text));
  return fail(
    refuse(at, `${JSON.stringify(text.slice(0, 40))} is not a date-time such as 2024-05-01T12:00:00Z.`),
  );
}

function formatNumber(value: number, at: string): string {
  const text = String(value);
  if (!Number.isFinite(value) || !/^-?\d+(\.\d+)?$/.test(text)) {
    fail(refuse(at, `${text} cannot be written as a ConnectWise number (digits only).`));
  }
  return text;
}

function literal(value: unknown, datetime: boolean, at: string): string {
  if (value instanceof Date) return `[${formatDatetime(value, at)}]`;
  if (typeof value === 'string') return datetime ? `[${formatDatetime(value, at)}]` : quoteString(value, at);
  if (typeof value === 'number') return formatNumber(value, at);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return fail(
    refuse(at, `a value must be text, a number, true/false or a date, not ${JSON.stringify(value)}.`),
  );
}

const WORD_OPERATORS: Partial<Record<ConditionOperator, string>> = {
  contains: 'contains',
  'not-contains': 'not contains',
  like: 'like',
  'not-like': 'not like',
};

function compileComparison(node: Comparison, at: string): string {
  const field = assertFieldPath(node.field, `${at}.field`);
  const op = node.op;
  const datetime = node.type === 'datetime';
  const value = node.value;
  if (node.type !== undefined && node.type !== 'datetime')
    fail(refuse(at, `type must be "datetime" when given.`));
  switch (op) {
    case 'is-null':
    case 'not-null':
      if (value !== undefined && value !== null) fail(refuse(at, `${op} takes no value.`));
      return `${field} ${op === 'is-null' ? '=' : '!='} null`;
    case '=':
    case '!=':
      if (value === null) return `${field} ${op} null`;
      if (Array.isArray(value))
        fail(refuse(at, `${op} compares with one value; use in / not-in for a list.`));
      return `${field} ${op} ${literal(value, datetime, `${at}.value`)}`;
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (typeof value === 'boolean' || value === null || value === undefined || Array.isArray(value)) {
        fail(refuse(at, `${op} needs a number, a text or a date.`));
      }
      return `${field} ${op} ${literal(value, datetime, `${at}.value`)}`;
    case 'contains':
    case 'not-contains':
    case 'like':
    case 'not-like':
      if (typeof value !== 'string' || datetime) fail(refuse(at, `${op} needs a text value.`));
      return `${field} ${WORD_OPERATORS[op]} ${quoteString(value, `${at}.value`)}`;
    case 'in':
    case 'not-in': {
      if (!Array.isArray(value) || value.length === 0)
        fail(refuse(at, `${op} needs a non-empty list of values.`));
      const items = (value as readonly unknown[]).map((v, i) => literal(v, datetime, `${at}.value[${i}]`));
      return `${field} ${op === 'in' ? 'in' : 'not in'} (${items.join(', ')})`;
    }
    default:
      return fail(
        refuse(at, `unknown operator ${JSON.stringify(op)}; use one of ${CONDITION_OPERATORS.join(' ')}.`),
      );
  }
}

function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && !(node instanceof Date);
}

function walk(node: unknown, at: string, parts: ConditionPart[] | undefined, top = false): string {
  if (!isObject(node)) return fail(refuse(at, 'expected a comparison or an { and } / { or } group.'));
  const keys = ['and', 'or'].filter((k) => k in node);
  if (keys.length > 1) fail(refuse(at, 'a group has either "and" or "or", not both.'));
  const joiner = keys[0];
  if (joiner !== undefined) {
    const children = node[joiner];
    if (!Array.isArray(children)) return fail(refuse(at, `"${joiner}" must be a list of filters.`));
    if (children.length === 0) {
      // An empty "and" is "no filter"; an empty "or" would match nothing, which is surely not what was meant.
      if (joiner === 'or') fail(refuse(at, 'an empty "or" matches nothing.'));
      return '';
    }
    const compiled = children
      .map((child, i) => walk(child, `${at}.${joiner}[${i}]`, parts))
      .filter((text) => text !== '');
    if (compiled.length === 0) return '';
    if (compiled.length === 1) return compiled[0] ?? '';
    const joined = compiled.join(` ${joiner} `);
    // The outermost group needs no parentheses; inner ones keep theirs.
    return top ? joined : `(${joined})`;
  }
  const text = compileComparison(node as unknown as Comparison, at);
  parts?.push({ at, text });
  return text;
}

/**
 * Compiles a filter into a conditions string ('' for no filter). `parameter` names the query parameter
 * (conditions, childConditions, customFieldConditions) in error messages.
 */
export function compileConditions(filter: ConditionFilter | undefined, parameter = 'conditions'): string {
  if (filter === undefined) return '';
  return walk(filter, parameter, undefined, true);
}

/** Every comparison of a filter, compiled, with its position (e.g. `conditions.and[2]`). */
export function conditionParts(
  filter: ConditionFilter | undefined,
  parameter = 'conditions',
): ConditionPart[] {
  const parts: ConditionPart[] = [];
  if (filter !== undefined) walk(filter, parameter, parts, true);
  return parts;
}
