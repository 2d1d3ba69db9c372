/**
 * One typed shape for an Asset Panda object, whatever the API put where. v2 objects carried `field_N`
 * at the top level, v3 clients read them under `data` (and the v3 docs name `field_values` too); list and status values
 * arrive as plain strings or as `{id, value}` / `{id, display_name}`.
 */
import { z } from 'zod';

/** A list, status or linked-record value. */
export interface ApRef {
  id: string;
  value: string;
}

export type ApFieldValue = string | ApRef | Array<string | ApRef> | null;

export interface ApObject {
  id: string;
  /**
   * Objects that do not say are taken as live: the vendor marks archived ones with `is_archived`, and
   * archived objects only come back when a search asks for them.
   */
  archived: boolean;
  /** `field_N` keys only; built-in keys (gps_coordinates, share_url…) are left out. */
  fields: Record<string, ApFieldValue>;
  displayName?: string;
  createdAt?: string;
  updatedAt?: string;
}

const FIELD_KEY = /^field_\d+$/;

const rawObjectSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  _id: z.union([z.string(), z.number()]).optional(),
  // Read loosely: a `data` or `field_values` we cannot use must not make the object itself unreadable.
  data: z.unknown().optional(),
  field_values: z.unknown().optional(),
  is_archived: z.unknown().optional(),
  archived: z.unknown().optional(),
  display_name: z.unknown().optional(),
  created_at: z.unknown().optional(),
  updated_at: z.unknown().optional(),
});

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function truthy(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarOrRef(value: unknown): string | ApRef | null {
  if (value === null || value === undefined) return null;
  const plain = text(value);
  if (plain !== undefined) return plain;
  if (isRecord(value)) {
    const shown = text(value.value) ?? text(value.display_name) ?? text(value.name);
    const id = text(value.id);
    if (id !== undefined) return { id, value: shown ?? '' };
    if (shown !== undefined) return shown;
  }
  // Unknown structures are kept as JSON rather than dropped, so nothing disappears silently.
  return JSON.stringify(value);
}

export function normaliseFieldValue(value: unknown): ApFieldValue {
  if (Array.isArray(value)) {
    return value.map(scalarOrRef).filter((v): v is string | ApRef => v !== null);
  }
  return scalarOrRef(value);
}

/** The text a person sees for a value: what identifiers are compared on. */
export function fieldText(value: ApFieldValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : v.value)).join(', ');
  return value.value;
}

/**
 * v3 objects may also carry `field_values`, whose shape is UNDOCUMENTED: we read a `{field_N: value}` map
 * and a list of `{key, value}` entries, so that identifiers found only there still match.
 */
function fieldValuesOf(raw: unknown): Record<string, unknown> {
  if (isRecord(raw)) return raw;
  if (!Array.isArray(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const entry of raw) {
    if (!isRecord(entry)) continue;
    const key = text(entry.key) ?? text(entry.field_key) ?? text(entry.field);
    if (key !== undefined && FIELD_KEY.test(key)) out[key] = entry.value;
  }
  return out;
}

/**
 * Returns undefined for something that is not an object or has no id. When a key is both under `data` and
 * at the top level, `data` wins: it is where v3 clients read values, the top level may be a legacy copy.
 */
export function normaliseObject(raw: unknown): ApObject | undefined {
  const parsed = rawObjectSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const o = parsed.data;
  const id = text(o.id) ?? text(o._id);
  if (id === undefined || id === '') return undefined;

  // Later sources win: the top level (legacy), then field_values (shape undocumented), then data.
  const fields: Record<string, ApFieldValue> = {};
  for (const source of [o, fieldValuesOf(o.field_values), isRecord(o.data) ? o.data : {}]) {
    for (const [key, value] of Object.entries(source)) {
      if (FIELD_KEY.test(key)) fields[key] = normaliseFieldValue(value);
    }
  }

  const result: ApObject = { id, archived: truthy(o.is_archived) ?? truthy(o.archived) ?? false, fields };
  const displayName = text(o.display_name);
  if (displayName !== undefined) result.displayName = displayName;
  const createdAt = text(o.created_at);
  if (createdAt !== undefined) result.createdAt = createdAt;
  const updatedAt = text(o.updated_at);
  if (updatedAt !== undefined) result.updatedAt = updatedAt;
  return result;
}
