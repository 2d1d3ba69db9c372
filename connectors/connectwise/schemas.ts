/**
 * zod schemas for records, built from the documented field lists. Every field is optional and nullable (a
 * partial response with `fields=` leaves most out; the vendor nulls what is unset) and unknown fields are kept
 * (the API adds fields between versions). Enum fields accept any string: a new status value in ConnectWise
 * must not stop a sync; the field catalog still lists the documented values.
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

/** A loose object schema for one entity: documented fields typed, all optional + nullable, others kept. */
export function recordSchema(fields: readonly FieldSpec[]): z.ZodType<ConnectWiseRecord> {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of fields) shape[spec.name] = fieldSchema(spec);
  shape.id = z.number().int().nullish();
  shape._info = infoSchema.nullish();
  return z.looseObject(shape) as z.ZodType<ConnectWiseRecord>;
}
