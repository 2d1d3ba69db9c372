/**
 * `fields`: a partial response, e.g. `fields=id,name,status/name`. Nested paths keep only the named
 * sub-fields; over an array (`types/name`) they apply to each element. `_info` is returned only when
 * listed. Unknown names are ignored, as the real server does.
 */
import type { CwRecord } from '../types.js';

export type FieldTree = Map<string, FieldTree | true>;

export function parseFields(text: string | undefined): FieldTree | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const tree: FieldTree = new Map();
  for (const raw of text.split(',')) {
    const segments = raw.trim().split('/').filter(Boolean);
    let node = tree;
    segments.forEach((segment, i) => {
      const key = segment.toLowerCase();
      const existing = node.get(key);
      if (existing === true) return;
      if (i === segments.length - 1) {
        node.set(key, true);
        return;
      }
      const child: FieldTree = existing ?? new Map();
      node.set(key, child);
      node = child;
    });
  }
  return tree;
}

function projectValue(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => projectValue(item, tree));
  if (value !== null && typeof value === 'object') return project(value as CwRecord, tree);
  return undefined;
}

export function project(record: CwRecord, tree: FieldTree): CwRecord {
  const out: CwRecord = {};
  for (const [key, value] of Object.entries(record)) {
    const wanted = tree.get(key.toLowerCase());
    if (wanted === undefined) continue;
    if (wanted === true) {
      out[key] = value;
      continue;
    }
    const projected = projectValue(value, wanted);
    if (projected !== undefined) out[key] = projected;
  }
  return out;
}
