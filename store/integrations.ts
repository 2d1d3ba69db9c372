/**
 * Integrations: one ConnectWise site + one Asset Panda account. Non-secret settings are plain JSON; the
 * keys, password or token are encrypted (store/secrets.ts) and only `loadIntegrationSecrets` opens them.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { nowIso } from './clock.js';
import type { StoreDb } from './database.js';
import { decryptJson, encryptJson } from './secrets.js';

export const connectWisePublicSchema = z.object({
  url: z.string(),
  companyId: z.string(),
  clientId: z.string(),
  selfHosted: z.boolean(),
  codebase: z.string().optional(),
  apiVersion: z.string().optional(),
});
export type ConnectWisePublic = z.infer<typeof connectWisePublicSchema>;

export const assetPandaPublicSchema = z.object({
  url: z.string(),
  email: z.string().optional(),
  authMode: z.enum(['password', 'token']),
  /** The account's date format (dayjs tokens); discovered at test time when the API tells it. */
  dateFormat: z.string().optional(),
});
export type AssetPandaPublic = z.infer<typeof assetPandaPublicSchema>;

export const integrationSecretsSchema = z.object({
  connectwise: z.object({ publicKey: z.string(), privateKey: z.string() }),
  assetPanda: z.object({ password: z.string().optional(), token: z.string().optional() }),
});
export type IntegrationSecrets = z.infer<typeof integrationSecretsSchema>;

export interface Integration {
  id: string;
  name: string;
  connectwise: ConnectWisePublic;
  assetPanda: AssetPandaPublic;
  createdAt: string;
  updatedAt: string;
}

export class IntegrationStore {
  constructor(
    private readonly store: StoreDb,
    private readonly key: Buffer,
  ) {}

  private toIntegration(row: {
    id: string;
    name: string;
    connectwise: string;
    asset_panda: string;
    created_at: string;
    updated_at: string;
  }): Integration {
    return {
      id: row.id,
      name: row.name,
      connectwise: connectWisePublicSchema.parse(JSON.parse(row.connectwise)),
      assetPanda: assetPandaPublicSchema.parse(JSON.parse(row.asset_panda)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async create(input: {
    name: string;
    connectwise: ConnectWisePublic;
    assetPanda: AssetPandaPublic;
    secrets: IntegrationSecrets;
    id?: string;
  }): Promise<Integration> {
    const id = input.id ?? randomUUID();
    const at = nowIso();
    await this.store.db
      .insertInto('integrations')
      .values({
        id,
        name: input.name,
        connectwise: JSON.stringify(input.connectwise),
        asset_panda: JSON.stringify(input.assetPanda),
        secrets: encryptJson(this.key, input.secrets, id),
        created_at: at,
        updated_at: at,
      })
      .execute();
    return {
      id,
      name: input.name,
      connectwise: input.connectwise,
      assetPanda: input.assetPanda,
      createdAt: at,
      updatedAt: at,
    };
  }

  async get(id: string): Promise<Integration | undefined> {
    const row = await this.store.db
      .selectFrom('integrations')
      .select(['id', 'name', 'connectwise', 'asset_panda', 'created_at', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.toIntegration(row) : undefined;
  }

  async list(): Promise<Integration[]> {
    const rows = await this.store.db
      .selectFrom('integrations')
      .select(['id', 'name', 'connectwise', 'asset_panda', 'created_at', 'updated_at'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.toIntegration(r));
  }

  async count(): Promise<number> {
    const row = await this.store.db
      .selectFrom('integrations')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Replaces settings and (when given) secrets; returns undefined for an unknown id. */
  async update(
    id: string,
    patch: {
      name?: string;
      connectwise?: ConnectWisePublic;
      assetPanda?: AssetPandaPublic;
      secrets?: IntegrationSecrets;
    },
  ): Promise<Integration | undefined> {
    const result = await this.store.db
      .updateTable('integrations')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.connectwise ? { connectwise: JSON.stringify(patch.connectwise) } : {}),
        ...(patch.assetPanda ? { asset_panda: JSON.stringify(patch.assetPanda) } : {}),
        ...(patch.secrets ? { secrets: encryptJson(this.key, patch.secrets, id) } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.store.db.deleteFrom('integrations').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async loadSecrets(id: string): Promise<IntegrationSecrets | undefined> {
    const row = await this.store.db
      .selectFrom('integrations')
      .select('secrets')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return integrationSecretsSchema.parse(decryptJson(this.key, row.secrets, id));
  }
}
