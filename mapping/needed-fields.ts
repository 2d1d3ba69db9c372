/**
 * The ConnectWise `fields` a mapping needs, so pages carry only what is mapped or filtered on (smaller
 * pages, faster reads). Top-level names are requested, since nested selection is not needed for size.
 */
import type { MappingSpec } from './spec.js';

function topLevel(path: string): string {
  if (path.startsWith('custom:')) return 'customFields';
  return path.split('/')[0] ?? path;
}

export function neededFields(spec: MappingSpec): string[] {
  const fields = new Set<string>(['id', '_info']);
  const add = (path: string | undefined) => {
    if (path) fields.add(topLevel(path));
  };
  add(spec.uniqueKey.source);
  for (const f of spec.fields) {
    add(f.source);
    if (f.transform?.type === 'template')
      for (const [, path] of f.transform.template.matchAll(/\{([^{}]+)\}/g)) add((path ?? '').trim());
  }
  for (const filter of spec.filters) add(filter.field);
  return [...fields].sort();
}
