/**
 * adopt existing: on the first run of a mapping into a group, lists the group's objects once and indexes
 * them by the unique identifier, so records whose object already exists are updated, not duplicated.
 * Costs one call per 100 objects, once per mapping and group.
 */
import { heartbeat } from '@temporalio/activity';
import { fieldText } from '../connectors/assetpanda/index.js';
import { hashValues } from '../mapping/apply.js';
import type { Store } from '../store/index.js';
import type { Connections } from './connections.js';
import { fatal } from './failures.js';

export function makeAdoptExisting(deps: { store: Store; connections: Connections }) {
  return async function adoptExisting(input: {
    runId: string;
    integrationId: string;
    entity: string;
  }): Promise<{ adopted: number; duplicates: number }> {
    heartbeat();
    const { store } = deps;
    const mapping = await store.mappings.get(input.integrationId, input.entity);
    if (!mapping) throw fatal('MappingInvalid', `the mapping for ${input.entity} was deleted during the run`);
    const ap = await deps.connections.assetpanda(input.integrationId);
    const uniqueKey = mapping.spec.uniqueKey.target;
    const index = await ap.indexObjectsByField(mapping.groupId, uniqueKey, { includeArchived: true });
    const targets = new Set([uniqueKey, ...mapping.spec.fields.map((f) => f.target)]);
    const adopted = [...index.byValue].map(([uniqueValue, object]) => {
      // Hash what the object holds for the mapped fields: if it already matches, adopting costs no write.
      const values = Object.fromEntries(
        [...targets].map((key) => [key, (fieldText(object.fields[key]) ?? '').trim()]),
      );
      return { uniqueValue, apObjectId: object.id, archived: object.archived, hash: hashValues(values) };
    });
    await store.identity.replaceAdopted(input.integrationId, input.entity, mapping.groupId, adopted);
    await store.quarantine.add(
      input.runId,
      input.integrationId,
      input.entity,
      [...index.duplicates].map(([value, objects]) => ({
        cwId: null,
        uniqueValue: value,
        stage: 'adopt',
        reason: `${objects.length} objects in the group share the identifier ${JSON.stringify(value)}; the sync updates ${objects[0]?.id ?? 'one of them'} and leaves the others alone`,
        details: { objectIds: objects.map((o) => o.id) },
      })),
    );
    await store.mappings.markAdopted(input.integrationId, input.entity, mapping.groupId);
    return { adopted: adopted.length, duplicates: index.duplicates.size };
  };
}
