/**
 * Mappings (one per integration and entity) and their cursors. Saving a changed spec resets the cursor so
 * the next run re-reads every record under the new spec; moving a mapping to another group also forgets
 * the identity map of the old group.
 */
import { createHash } from 'node:crypto';
import { mappingSpecSchema, type MappingSpec } from '../mapping/spec.js';
import { nowIso } from './clock.js';
import type { StoreDb } from './database.js';

export interface StoredMapping {
  integrationId: string;
  entity: string;
  spec: MappingSpec;
  specHash: string;
  groupId: number;
  adoptedGroupId: number | null;
  updatedAt: string;
}

/** Keyset position of the last committed page. */
export interface Cursor {
  lastUpdated: string;
  lastId: number;
}

export const specHash = (spec: MappingSpec): string =>
  createHash('sha256').update(JSON.stringify(spec)).digest('base64url').slice(0, 24);

export class MappingStore {
  constructor(private readonly store: StoreDb) {}

  async put(integrationId: string, entity: string, spec: MappingSpec): Promise<StoredMapping> {
    const hash = specHash(spec);
    const at = nowIso();
    await this.store.db.transaction().execute(async (trx) => {
      const previous = await trx
        .selectFrom('mappings')
        .select(['spec_hash', 'group_id', 'adopted_group_id'])
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .executeTakeFirst();
      const groupChanged = previous !== undefined && Number(previous.group_id) !== spec.groupId;
      await trx
        .insertInto('mappings')
        .values({
          integration_id: integrationId,
          entity,
          spec: JSON.stringify(spec),
          spec_hash: hash,
          group_id: spec.groupId,
          adopted_group_id: null,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['integration_id', 'entity']).doUpdateSet({
            spec: JSON.stringify(spec),
            spec_hash: hash,
            group_id: spec.groupId,
            updated_at: at,
            ...(groupChanged ? { adopted_group_id: null } : {}),
          }),
        )
        .execute();
      if (previous === undefined || previous.spec_hash !== hash) {
        await trx
          .deleteFrom('cursors')
          .where('integration_id', '=', integrationId)
          .where('entity', '=', entity)
          .execute();
      }
      if (groupChanged) {
        for (const table of ['identity_map', 'adopted_objects'] as const)
          await trx
            .deleteFrom(table)
            .where('integration_id', '=', integrationId)
            .where('entity', '=', entity)
            .execute();
      }
    });
    const stored = await this.get(integrationId, entity);
    if (!stored) throw new Error('mapping vanished right after it was written');
    return stored;
  }

  async get(integrationId: string, entity: string): Promise<StoredMapping | undefined> {
    const row = await this.store.db
      .selectFrom('mappings')
      .selectAll()
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      integrationId: row.integration_id,
      entity: row.entity,
      spec: mappingSpecSchema.parse(JSON.parse(row.spec)),
      specHash: row.spec_hash,
      groupId: Number(row.group_id),
      adoptedGroupId: row.adopted_group_id === null ? null : Number(row.adopted_group_id),
      updatedAt: row.updated_at,
    };
  }

  async list(integrationId: string): Promise<StoredMapping[]> {
    const rows = await this.store.db
      .selectFrom('mappings')
      .select('entity')
      .where('integration_id', '=', integrationId)
      .orderBy('entity')
      .execute();
    const out: StoredMapping[] = [];
    for (const row of rows) {
      const mapping = await this.get(integrationId, row.entity);
      if (mapping) out.push(mapping);
    }
    return out;
  }

  async delete(integrationId: string, entity: string): Promise<boolean> {
    return this.store.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('cursors')
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .execute();
      const result = await trx
        .deleteFrom('mappings')
        .where('integration_id', '=', integrationId)
        .where('entity', '=', entity)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async markAdopted(integrationId: string, entity: string, groupId: number): Promise<void> {
    await this.store.db
      .updateTable('mappings')
      .set({ adopted_group_id: groupId })
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .execute();
  }

  async cursor(integrationId: string, entity: string): Promise<Cursor | undefined> {
    const row = await this.store.db
      .selectFrom('cursors')
      .select(['last_updated', 'last_id'])
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .executeTakeFirst();
    return row ? { lastUpdated: row.last_updated, lastId: Number(row.last_id) } : undefined;
  }

  async resetCursor(integrationId: string, entity: string): Promise<void> {
    await this.store.db
      .deleteFrom('cursors')
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .execute();
  }
}
