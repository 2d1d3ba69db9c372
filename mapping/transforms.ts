/**
 * Value transforms: ConnectWise JSON values in, Asset Panda field values out. Asset Panda takes every
 * value as a string (numbers too; dates in the account's format), and an empty string clears a field.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { MappingError } from './errors.js';
import { readPath, type JsonRecord } from './paths.js';
import type { Transform } from './spec.js';

dayjs.extend(utc);

export interface TransformContext {
  /** The Asset Panda account's date format, in dayjs tokens (e.g. MM/DD/YYYY). */
  dateFormat: string;
  record: JsonRecord;
}

const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The natural text of a value: references show their name (or identifier), lists are joined. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map(textOf)
      .filter((s) => s !== '')
      .join(', ');
  if (isRecord(value)) {
    for (const key of ['name', 'identifier', 'value', 'id'] as const) {
      if (value[key] !== undefined && value[key] !== null) return textOf(value[key]);
    }
  }
  return JSON.stringify(value);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim().replace(/,/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  if (isRecord(value) && typeof value.id === 'number') return value.id;
  return undefined;
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(v)) return true;
    if (['false', 'no', 'n', '0'].includes(v)) return false;
  }
  return undefined;
}

function renderTemplate(template: string, record: JsonRecord): string {
  return template
    .replace(/\{([^{}]+)\}/g, (_m, path: string) => textOf(readPath(record, path.trim())))
    .trim();
}

/** Applies a transform; returns '' for a missing value (the caller applies defaults). */
export function applyTransform(value: unknown, transform: Transform, ctx: TransformContext): string {
  switch (transform.type) {
    case 'template':
      return renderTemplate(transform.template, ctx.record);
    case 'string': {
      const text = textOf(value);
      return transform.maxLength ? text.slice(0, transform.maxLength) : text;
    }
    case 'number': {
      if (value === null || value === undefined || value === '') return '';
      const n = toNumber(value);
      if (n === undefined) throw new MappingError(`${JSON.stringify(value)} is not a number`);
      return transform.decimals === undefined ? String(n) : n.toFixed(transform.decimals);
    }
    case 'boolean': {
      if (value === null || value === undefined || value === '') return '';
      const b = toBoolean(value);
      if (b === undefined) throw new MappingError(`${JSON.stringify(value)} is not a yes/no value`);
      return b ? transform.trueValue : transform.falseValue;
    }
    case 'date': {
      if (value === null || value === undefined || value === '') return '';
      const parsed = typeof value === 'string' || typeof value === 'number' ? dayjs.utc(value) : undefined;
      if (!parsed?.isValid()) throw new MappingError(`${JSON.stringify(value)} is not a date`);
      const format = transform.format ?? ctx.dateFormat;
      if (format === '')
        throw new MappingError(
          "the Asset Panda account's date format could not be read; set assetPanda.dateFormat on the integration",
        );
      return parsed.format(format);
    }
    case 'lookup': {
      const key = textOf(value);
      const hit = transform.table[key] ?? caseInsensitiveLookup(transform.table, key);
      if (hit !== undefined) return hit;
      if (transform.otherwise === 'keep') return key;
      if (transform.otherwise === 'fail')
        throw new MappingError(`${JSON.stringify(key)} is not in the lookup table`);
      return transform.otherwise.value;
    }
  }
}

function caseInsensitiveLookup(table: Record<string, string>, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(table)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
