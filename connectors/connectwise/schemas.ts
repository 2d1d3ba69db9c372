/**
 * zod schemas for records, built from the documented field lists. Every field is optional and nullable (a
 * partial response with `fields=` leaves most out; the vendor nulls what is unset) and unknown fields are kept
 * (the API adds fields between versions). Enum fields accept any string: a new status value in ConnectWise
 * must not stop a sync; the field catalog still lists the documented values.
 *
 * Only `id` and `_info` are checked strictly: field shapes change with the Accept version (reference §6), so a
 * documented field whose value does not match its declared type keeps the value as it came. One odd record
 * must not fail a whole page of a read-only sync; the mapping deals with (or quarantines) that record.
 */
import { z } from 'zod';
import { referenceName, referenceSpecs, type FieldSpec } from './field-specs.js';

/** What every record of every entity is known to have; the rest is reached through field paths. */
export interface ConnectWiseRecord {
  id?: number | null;
  /** `lastUpdated`, `updatedBy`, `dateEntered`, `enteredBy` and, on references, `<name>_href` links. */
  _info?: Record<string, unknown> | null;
  [field: string]: unknown;
}

/** _info values are strings in practice; accept anything so one odd value cannot fail a page. */
const infoSchema = z.record(z.string(), z.unknown());

function scalarSchema(spec: FieldSpec): z.ZodType {
  switch (spec.type) {
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'string[]':
      return z.array(z.string().nullable());
    case 'number[]':
      return z.array(z.number().nullable());
    case 'map':
      return infoSchema;
    default:
      return z.unknown();
  }
}

function referenceSchema(name: string): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const child of referenceSpecs(name)) {
    // One level deep: a reference inside a reference is kept as any JSON object.
    const childRef = referenceName(child);
    const inner = childRef === undefined ? scalarSchema(child) : z.looseObject({});
    shape[child.name] = (child.array ? z.array(inner) : inner).nullish();
  }
  return z.looseObject(shape);
}

export function fieldSchema(spec: FieldSpec): z.ZodType {
  const ref = referenceName(spec);
  const inner = ref === undefined ? scalarSchema(spec) : referenceSchema(ref);
  return (spec.array ? z.array(inner) : inner).nullish();
}

/** A documented field as read: its declared type when the value matches, else the raw value, unchanged. */
export function tolerantFieldSchema(spec: FieldSpec): z.ZodType {
  return fieldSchema(spec).or(z.unknown());
}

/**
 * A record id: a whole number above 0 (a keyset cursor uses id 0 for "the start of a second"), or the same
 * number written as a string ("1"), which becomes the number.
 * Anything else fails the record: an id is what every later step (upsert, cursor, deletion diff) keys on.
 */
export const recordIdSchema = z
  .union([
    z.number().int().positive(),
    z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive()),
  ])
  .nullish();

/**
 * A loose object schema for one entity: `id` and `_info` checked (all optional + nullable), documented fields
 * typed when they match and kept raw when they do not, other fields kept.
 */
export function recordSchema(fields: readonly FieldSpec[]): z.ZodType<ConnectWiseRecord> {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of fields) shape[spec.name] = tolerantFieldSchema(spec);
  shape.id = recordIdSchema;
  shape._info = infoSchema.nullish();
  return z.looseObject(shape) as z.ZodType<ConnectWiseRecord>;
}
