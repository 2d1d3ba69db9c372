/**
 * The ConnectWise side of a mapping, in the mapping module's terms: field paths with their types, and
 * which top-level fields are lists (filters on their parts go to `childConditions`).
 */
import { entityFieldCatalog, isCwEntity, type CwEntity } from '../connectors/connectwise/index.js';
import type { SourceField, SourceType } from '../mapping/fields.js';

export function sourceFields(entity: CwEntity): SourceField[] {
  return entityFieldCatalog(entity).map((field) => {
    let type: SourceType;
    const isListItself = field.array && !field.path.includes('/');
    if (isListItself) type = 'array';
    else if (field.type === 'integer' || field.type === 'number') type = 'number';
    else if (field.type === 'reference') type = 'reference';
    else if (field.type === 'object') type = 'object';
    else if (field.type === 'boolean') type = 'boolean';
    else if (field.type === 'datetime') type = 'datetime';
    else type = 'string';
    return { path: field.path, type };
  });
}

export function arrayFieldTest(entity: CwEntity): (topLevel: string) => boolean {
  const lists = new Set(
    entityFieldCatalog(entity)
      .filter((f) => f.array && !f.path.includes('/'))
      .map((f) => f.path),
  );
  return (topLevel) => lists.has(topLevel);
}

export function asEntity(name: string): CwEntity {
  if (!isCwEntity(name)) throw new Error(`unknown ConnectWise entity ${name}`);
  return name;
}
