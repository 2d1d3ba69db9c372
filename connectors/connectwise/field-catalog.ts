/**
 * The field catalog of an entity: every path a mapping or a filter may name, with its type. Nested reference
 * fields are listed by path (`status/name`, `company/identifier`), the same notation conditions and `fields=`
 * use; fields inside lists (`types/name`, `customFields/caption`) are marked `array`.
 */
import { referenceName, referenceSpecs, type FieldSpec } from './field-specs.js';

export type CwFieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'datetime'
  | 'reference' // a reference such as {id, name}; its parts are listed as their own paths
  | 'object' // another object (custom field value, configuration question) or a string map such as _info
  | 'unknown'; // any JSON value (custom field values, configuration answers)

export interface CwField {
  /** `name`, `status/name`, `_info/lastUpdated` */
  path: string;
  type: CwFieldType;
  /** The value is a list, or sits inside one (`types/name`): a mapping must pick or join. */
  array: boolean;
  /** Part of a reference object rather than a field of the record itself. */
  nested: boolean;
  /** The documented object type, for reference and object fields (`CompanyReference`). */
  reference?: string;
  format?: string;
  maxLength?: number;
  enum?: readonly string[];
}

/** _info is documented only as a string map; these keys are the ones every entity carries (§4.2). */
const INFO_KEYS: readonly { key: string; type: CwFieldType }[] = [
  { key: 'lastUpdated', type: 'datetime' },
  { key: 'updatedBy', type: 'string' },
  { key: 'dateEntered', type: 'datetime' },
  { key: 'enteredBy', type: 'string' },
];

function scalarType(spec: FieldSpec): CwFieldType {
  if (spec.type === 'string' || spec.type === 'string[]')
    return spec.format === 'date-time' ? 'datetime' : 'string';
  if (spec.type === 'number' || spec.type === 'number[]')
    return spec.format === 'int32' ? 'integer' : 'number';
  if (spec.type === 'boolean') return 'boolean';
  if (spec.type === 'map') return 'object';
  return 'unknown';
}

function describe(spec: FieldSpec, path: string, array: boolean, nested: boolean): CwField {
  const ref = referenceName(spec);
  return {
    path,
    type: ref === undefined ? scalarType(spec) : ref.endsWith('Reference') ? 'reference' : 'object',
    array: array || spec.array === true || spec.type.endsWith('[]'),
    nested,
    ...(ref !== undefined && { reference: ref }),
    ...(spec.format !== undefined && { format: spec.format }),
    ...(spec.maxLength !== undefined && { maxLength: spec.maxLength }),
    ...(spec.enum !== undefined && { enum: spec.enum }),
  };
}

export function buildFieldCatalog(fields: readonly FieldSpec[]): readonly CwField[] {
  const out: CwField[] = [];
  for (const spec of fields) {
    const top = describe(spec, spec.name, false, false);
    out.push(top);
    if (spec.name === '_info') {
      for (const info of INFO_KEYS) {
        out.push({ path: `_info/${info.key}`, type: info.type, array: false, nested: true });
      }
      continue;
    }
    const ref = referenceName(spec);
    if (ref === undefined) continue;
    for (const child of referenceSpecs(ref)) {
      // A reference's own _info only holds API links: nothing a person maps.
      if (child.name === '_info') continue;
      out.push(describe(child, `${spec.name}/${child.name}`, top.array, true));
    }
  }
  return out;
}
