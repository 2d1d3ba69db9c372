/**
 * One ConnectWise record → the field values of one Asset Panda object, plus the unique identifier value
 * and a hash of the values (the identity map compares hashes so that unchanged records cost no call).
 */
import { createHash } from 'node:crypto';
import { MappingError } from './errors.js';
import { readPath, type JsonRecord } from './paths.js';
import type { MappingSpec } from './spec.js';
import { applyTransform, textOf } from './transforms.js';

export interface MappedRecord {
  cwId: number;
  uniqueValue: string;
  values: Record<string, string>;
  hash: string;
}

export interface MappingFailure {
  cwId: number;
  uniqueValue?: string;
  reason: string;
  target?: string;
  source?: string;
}

export type MapResult = { ok: true; record: MappedRecord } | { ok: false; failure: MappingFailure };

export interface MapContext {
  dateFormat: string;
}

export function hashValues(values: Record<string, string>): string {
  const canonical = JSON.stringify(
    Object.keys(values)
      .sort()
      .map((k) => [k, values[k]]),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 32);
}

export function cwIdOf(record: JsonRecord): number | undefined {
  const id = record.id;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}

export function mapRecord(spec: MappingSpec, record: JsonRecord, ctx: MapContext): MapResult {
  const cwId = cwIdOf(record);
  if (cwId === undefined) return { ok: false, failure: { cwId: -1, reason: 'record has no numeric id' } };
  const uniqueValue = textOf(readPath(record, spec.uniqueKey.source));
  if (uniqueValue === '') {
    return {
      ok: false,
      failure: {
        cwId,
        reason: `the unique identifier ${spec.uniqueKey.source} is blank`,
        source: spec.uniqueKey.source,
        target: spec.uniqueKey.target,
      },
    };
  }
  const values: Record<string, string> = {};
  for (const field of spec.fields) {
    if (field.target === spec.uniqueKey.target) continue;
    try {
      const raw = field.source === undefined ? undefined : readPath(record, field.source);
      let value = field.transform
        ? applyTransform(raw, field.transform, { dateFormat: ctx.dateFormat, record })
        : textOf(raw);
      if (value === '' && field.default !== undefined) value = field.default;
      values[field.target] = value;
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      return {
        ok: false,
        failure: {
          cwId,
          uniqueValue,
          reason: `${field.source ?? 'template'} → ${field.target}: ${err.message}`,
          target: field.target,
          ...(field.source ? { source: field.source } : {}),
        },
      };
    }
  }
  values[spec.uniqueKey.target] = uniqueValue;
  return { ok: true, record: { cwId, uniqueValue, values, hash: hashValues(values) } };
}
