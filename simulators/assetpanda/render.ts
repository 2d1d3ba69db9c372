/**
 * Object JSON as the API returns it. Where field values appear (`data`, top level, or both) is the one
 * part of the v3 shape public clients disagree on, so it is an option.
 */
import type { Group, StoredObject } from './store.js';
import type { AssetPandaSimulatorOptions } from './types.js';

export type ObjectShape = NonNullable<AssetPandaSimulatorOptions['objectShape']>;

export function renderObject(
  group: Group,
  object: StoredObject,
  shape: ObjectShape,
): Record<string, unknown> {
  // Every field of the group is present; a blank one is "" (never null), so values are always strings.
  const data: Record<string, string> = {};
  for (const f of group.fields) data[f.key] = object.values[f.key] ?? '';
  const displayName = group.displayField ? (object.values[group.displayField.key] ?? '') : object.id;
  return {
    id: object.id,
    display_name: displayName,
    display_with_secondary: displayName,
    group_id: group.id,
    entity: { id: group.id, key: group.key },
    is_archived: object.archived,
    stop_date: object.stopDate,
    is_locked: false,
    created_at: new Date(object.createdAt).toISOString(),
    updated_at: new Date(object.updatedAt).toISOString(),
    ...(shape === 'flat' || shape === 'both' ? data : {}),
    ...(shape === 'data' || shape === 'both' ? { data } : {}),
  };
}
