/**
 * Turns the field notation of fields.ts and references.ts into lookup tables. Names are matched
 * case-insensitively, as the real server does for condition field names.
 */
import type { CwEntity } from '../types.js';
import { ENTITY_FIELDS } from './fields.js';
import { DEFAULT_REFERENCE, REFERENCE_SHAPES } from './references.js';

export type FieldKind =
  | { type: 'string' | 'number' | 'boolean' | 'datetime' | 'any' }
  | { type: 'strings' }
  | { type: 'info' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'ref'; shape: string }
  | { type: 'list'; shape: string };

export interface FieldDef {
  name: string;
  kind: FieldKind;
}

/** Keyed by lower-case name. */
export type FieldMap = ReadonlyMap<string, FieldDef>;

function parseKind(words: string[], where: string): FieldKind {
  const [type, argument] = words;
  switch (type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'datetime':
    case 'any':
      return { type };
    case 'strings':
    case 'info':
      return { type };
    case 'enum':
      return { type: 'enum', values: (argument ?? '').split('|') };
    case 'ref':
      return { type, shape: argument ?? '' };
    case 'list':
      return { type, shape: argument ?? '' };
    case 'customFields':
      return { type: 'list', shape: 'CustomFieldValue' };
    default:
      throw new Error(`schema: unknown kind '${type}' in ${where}`);
  }
}

function parseFields(text: string, where: string): FieldMap {
  const map = new Map<string, FieldDef>();
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    const [name, ...kind] = words;
    if (!name) continue;
    map.set(name.toLowerCase(), { name, kind: parseKind(kind, `${where}.${name}`) });
  }
  return map;
}

const entityMaps = new Map<CwEntity, FieldMap>();
const shapeMaps = new Map<string, FieldMap>();

export function entityFields(entity: CwEntity): FieldMap {
  let map = entityMaps.get(entity);
  if (!map) {
    map = parseFields(ENTITY_FIELDS[entity], entity);
    entityMaps.set(entity, map);
  }
  return map;
}

export function shapeFields(shape: string): FieldMap {
  let map = shapeMaps.get(shape);
  if (!map) {
    map = parseFields(REFERENCE_SHAPES[shape] ?? DEFAULT_REFERENCE, shape);
    shapeMaps.set(shape, map);
  }
  return map;
}

/** `_info` keys that hold instants; the others are plain text (updatedBy, links). */
export const INFO_DATETIMES = new Set(['lastupdated', 'dateentered']);

/** `_info` keys a condition may name bare (`lastUpdated > [...]`), as the vendor's examples do. */
export const INFO_ALIASES = new Set(['lastupdated', 'dateentered', 'updatedby', 'enteredby']);
