/**
 * adopt existing: lists the group's objects once (one call per 100 objects) and indexes them by the
 * unique identifier.
 *  - On the first run of a mapping into a group, records whose object already exists are then updated,
 *    not duplicated (and cost nothing when the object already holds the mapped values).
 *  - On full runs of a mapping with `verifyTarget`, it also checks the objects the identity map knows:
 *    what Asset Panda holds now replaces what we last wrote, so objects people edited or archived are
 *    repaired, and objects people deleted are created again.
 */
import { heartbeat } from '@temporalio/activity';
import { fieldText, type ApObject } from '../connectors/assetpanda/index.js';
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
    const listed = [
      ...index.byValue.values(),
      ...[...index.duplicates.values()].flat(),
      ...index.withoutValue,
    ];
    if (listed.length > 0 && listed.every((o) => Object.keys(o.fields).length === 0)) {
      // A search answer that carries no field values at all (a summary shape we do not know) would make
      // every record look new: stop rather than create a copy of every object already in the group.
      throw fatal(
        'ConfigError',
        `Asset Panda listed ${listed.length} objects of group ${mapping.groupId} without any field values, so existing objects cannot be matched by ${uniqueKey}; nothing was written`,
      );
    }
    const targets = new Set([uniqueKey, ...mapping.spec.fields.map((f) => f.target)]);
    // Hash what an object holds for the mapped fields: if it already matches, it costs no write.
    const hashOf = (object: ApObject) =>
      hashValues(
        Object.fromEntries([...targets].map((key) => [key, (fieldText(object.fields[key]) ?? '').trim()])),
      );
    const byId = new Map<string, ApObject>();
    for (const object of listed) byId.set(object.id, object);

    const known = await store.identity.all(input.integrationId, input.entity);
    const owned = new Set(known.map((k) => k.apObjectId));
    if (known.length > 0) {
      const present = known.filter((k) => byId.has(k.apObjectId));
      await store.identity.refresh(
        input.integrationId,
        input.entity,
        present.map((k) => {
          const object = byId.get(k.apObjectId) as ApObject;
          return { cwId: k.cwId, hash: hashOf(object), archived: object.archived };
        }),
      );
      const deleted = known.filter((k) => !byId.has(k.apObjectId)).map((k) => k.cwId);
      await store.identity.forget(input.integrationId, input.entity, deleted);
    }
    const adopted = [...index.byValue]
      .filter(([, object]) => !owned.has(object.id))
      .map(([uniqueValue, object]) => ({
        uniqueValue,
        apObjectId: object.id,
        archived: object.archived,
        hash: hashOf(object),
      }));
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
