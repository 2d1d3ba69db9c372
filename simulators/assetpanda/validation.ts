/**
 * Whole-batch validation. Every object of a create or update batch is checked before anything is written;
 * one bad object rejects the batch, and the errors come back aligned with the input (`{}` for good ones)
 * so a client can tell which record and which field to fix.
 */
import type { Group, StoredObject } from './store.js';
import type { ApFieldSpec } from './types.js';
import { checkValue, isBlank, uniqueKey, type ValueContext } from './values.js';

export type FieldErrors = Record<string, string[]>;

export type Plan<T> = { ok: true; items: T[] } | { ok: false; errors: FieldErrors[] };

export interface UpdateItem {
  object: StoredObject;
  changes: Record<string, string>;
}

/** Built-in keys the vendor accepts next to field_N keys; the simulator accepts and ignores them. */
const BUILT_IN_KEYS = new Set(['gps_coordinates']);

function addError(errors: FieldErrors, key: string, message: string): void {
  (errors[key] ??= []).push(message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks each key/value of one input object; returns the accepted values ('' = blank). */
function readValues(
  group: Group,
  item: Record<string, unknown>,
  ctx: ValueContext,
  errors: FieldErrors,
  skip: ReadonlySet<string>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(item)) {
    if (skip.has(key) || BUILT_IN_KEYS.has(key)) continue;
    const field = group.fieldsByKey.get(key);
    if (!field) {
      addError(errors, key, `${key} is not a field of ${group.name}`);
      continue;
    }
    const checked = checkValue(field, raw, ctx);
    if (checked.ok) values[key] = checked.value;
    else addError(errors, key, checked.message);
  }
  return values;
}

function mustNotBeBlank(field: ApFieldSpec): boolean {
  return field.required === true || field.unique === 'unique';
}

const notAnObject = (): FieldErrors => ({ object: ['must be a JSON object of field keys and values'] });

export function planCreate(group: Group, input: unknown[], ctx: ValueContext): Plan<Record<string, string>> {
  const errors: FieldErrors[] = [];
  const rows: Array<Record<string, string>> = [];
  // Unique values claimed by earlier objects of this batch: the first one wins.
  const claimed = new Map<string, Set<string>>();
  for (const item of input) {
    if (!isPlainObject(item)) {
      errors.push(notAnObject());
      rows.push({});
      continue;
    }
    const e: FieldErrors = {};
    const values = readValues(group, item, ctx, e, new Set());
    const row: Record<string, string> = {};
    for (const field of group.fields) {
      if (e[field.key]) continue;
      const value = values[field.key] ?? '';
      if (isBlank(value)) {
        if (mustNotBeBlank(field)) addError(e, field.key, `${field.name} can't be blank`);
        continue;
      }
      row[field.key] = value;
      if (!field.unique) continue;
      const key = uniqueKey(field, value);
      const seen = claimed.get(field.key) ?? new Set<string>();
      claimed.set(field.key, seen);
      if (seen.has(key) || group.unique.holders(field, value).length > 0) {
        addError(e, field.key, `${field.name} is not unique`);
      }
      seen.add(key);
    }
    errors.push(e);
    rows.push(row);
  }
  return errors.some((e) => Object.keys(e).length > 0) ? { ok: false, errors } : { ok: true, items: rows };
}

export function planUpdate(group: Group, input: unknown[], ctx: ValueContext): Plan<UpdateItem> {
  const errors: FieldErrors[] = [];
  const items: Array<UpdateItem | undefined> = [];
  const seenIds = new Set<string>();
  const idKey = new Set(['id']);
  for (const item of input) {
    if (!isPlainObject(item)) {
      errors.push(notAnObject());
      items.push(undefined);
      continue;
    }
    const e: FieldErrors = {};
    const id = item.id;
    const object = typeof id === 'string' ? group.objects.get(id) : undefined;
    if (typeof id !== 'string' || id === '') addError(e, 'id', 'id is required');
    else if (!object) addError(e, 'id', `no object ${id} in ${group.name}`);
    else if (seenIds.has(id)) addError(e, 'id', `object ${id} appears more than once in this batch`);
    if (typeof id === 'string') seenIds.add(id);
    const changes = readValues(group, item, ctx, e, idKey);
    for (const [key, value] of Object.entries(changes)) {
      const field = group.fieldsByKey.get(key)!;
      if (isBlank(value) && mustNotBeBlank(field)) addError(e, key, `${field.name} can't be blank`);
    }
    errors.push(e);
    items.push(object ? { object, changes } : undefined);
  }
  checkUniqueUpdates(group, items, errors);
  const ok = errors.every((e) => Object.keys(e).length === 0);
  return ok
    ? { ok: true, items: items.filter((i): i is UpdateItem => i !== undefined) }
    : { ok: false, errors };
}

/**
 * A value is taken if an object outside the batch holds it, or an object inside the batch keeps it, or an
 * earlier item of the batch claims it. An object whose value this batch changes frees its old value, so
 * two objects can swap identifiers in one call.
 */
function checkUniqueUpdates(group: Group, items: Array<UpdateItem | undefined>, errors: FieldErrors[]): void {
  for (const field of group.fields) {
    if (!field.unique) continue;
    const newKeyOf = new Map<string, string>();
    for (const item of items) {
      const value = item?.changes[field.key];
      if (item && value !== undefined) newKeyOf.set(item.object.id, uniqueKey(field, value));
    }
    const claimed = new Set<string>();
    items.forEach((item, i) => {
      const value = item?.changes[field.key];
      if (!item || value === undefined || isBlank(value)) return;
      const key = uniqueKey(field, value);
      const holders = group.unique.holders(field, value).filter((holder) => {
        if (holder === item.object.id) return false;
        const next = newKeyOf.get(holder);
        return next === undefined || next === key;
      });
      if (holders.length > 0 || claimed.has(key))
        addError(errors[i]!, field.key, `${field.name} is not unique`);
      claimed.add(key);
    });
  }
}
