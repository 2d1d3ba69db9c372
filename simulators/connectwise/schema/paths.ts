/**
 * Resolves a `/`-separated field path (`status/name`, `lastUpdated`, `_info/lastUpdated`) against the
 * field catalogue, so that conditions, orderBy and childConditions reject names the real server would not
 * recognise instead of silently matching nothing.
 */
import type { CwRecord } from '../types.js';
import { INFO_ALIASES, INFO_DATETIMES, shapeFields } from './catalogue.js';
import type { FieldMap } from './catalogue.js';

export type ScalarKind =
  | { type: 'string' | 'number' | 'boolean' | 'datetime' | 'any' }
  | { type: 'enum'; values: readonly string[] };

export interface ScalarPath {
  /** The path with the catalogue's spelling, for messages. */
  name: string;
  kind: ScalarKind;
  read(record: CwRecord): unknown;
}

export interface ListPath {
  /** The array field, e.g. `types`. */
  list: string;
  read(record: CwRecord): unknown;
  element: ScalarPath;
}

/** A name the server does not know, or a path that stops at an object or crosses an array. */
export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

function reader(keys: readonly string[]): (record: CwRecord) => unknown {
  if (keys.length === 1) {
    const [a] = keys as [string];
    return (r) => r[a];
  }
  if (keys.length === 2) {
    const [a, b] = keys as [string, string];
    return (r) => {
      const v = r[a];
      return v !== null && typeof v === 'object' ? (v as CwRecord)[b] : undefined;
    };
  }
  return (r) => {
    let v: unknown = r;
    for (const k of keys) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as CwRecord)[k];
    }
    return v;
  };
}

function unknownName(raw: string): PathError {
  return new PathError(`${raw} is not a recognized name.`);
}

export function resolveScalar(fields: FieldMap, segments: readonly string[], raw: string): ScalarPath {
  const keys: string[] = [];
  let map = fields;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const lower = segment.toLowerCase();
    const def = map.get(lower);
    const last = i === segments.length - 1;
    if (!def) {
      // The vendor's own examples filter on `lastUpdated`, which lives in `_info`.
      if (i === 0 && last && INFO_ALIASES.has(lower) && map.has('_info')) {
        const kind = INFO_DATETIMES.has(lower) ? 'datetime' : 'string';
        const key = infoKey(lower);
        return { name: key, kind: { type: kind }, read: reader(['_info', key]) };
      }
      throw unknownName(raw);
    }
    keys.push(def.name);
    const kind = def.kind;
    switch (kind.type) {
      case 'ref':
        if (last) throw new PathError(`${raw} is an object; name one of its fields, such as ${raw}/id.`);
        map = shapeFields(kind.shape);
        continue;
      case 'list':
        throw new PathError(
          kind.shape === 'CustomFieldValue'
            ? `${raw} is not a recognized name. Filter custom fields with customFieldConditions.`
            : `${raw} is not a recognized name. ${def.name} is a child collection: use childConditions.`,
        );
      case 'strings':
        throw new PathError(`${raw} is a list of values and cannot be used in a condition.`);
      case 'info': {
        const sub = segments[i + 1];
        if (sub === undefined || i + 2 !== segments.length) throw unknownName(raw);
        const type = INFO_DATETIMES.has(sub.toLowerCase()) ? 'datetime' : 'string';
        const key = INFO_ALIASES.has(sub.toLowerCase()) ? infoKey(sub.toLowerCase()) : sub;
        return { name: [...keys, key].join('/'), kind: { type }, read: reader([...keys, key]) };
      }
      default:
        if (!last) throw unknownName(raw);
        return { name: keys.join('/'), kind, read: reader(keys) };
    }
  }
  throw unknownName(raw);
}

/** For childConditions: the first segment must be an array of objects, the rest a field of its elements. */
export function resolveList(fields: FieldMap, segments: readonly string[], raw: string): ListPath {
  const [head, ...rest] = segments;
  const def = head === undefined ? undefined : fields.get(head.toLowerCase());
  if (!def || def.kind.type !== 'list') {
    throw new PathError(`${raw} is not a recognized name. childConditions must name a child collection.`);
  }
  if (rest.length === 0) throw new PathError(`${raw} is a collection; name one of its fields.`);
  const element = resolveScalar(shapeFields(def.kind.shape), rest, raw);
  return { list: def.name, read: reader([def.name]), element };
}

const INFO_SPELLING: Record<string, string> = {
  lastupdated: 'lastUpdated',
  dateentered: 'dateEntered',
  updatedby: 'updatedBy',
  enteredby: 'enteredBy',
};

function infoKey(lower: string): string {
  return INFO_SPELLING[lower] ?? lower;
}
