/**
 * The settings of each schedule as the user wrote them. The schedule itself (state, next runs) lives in
 * Temporal; this keeps `every` / `cron` readable, since Temporal hands cron lines back restructured.
 */
import { z } from 'zod';
import { nowIso } from './clock.js';
import type { StoreDb } from './database.js';

export const scheduleSettingsSchema = z.object({
  every: z.string().optional(),
  cron: z.string().optional(),
  timezone: z.string().optional(),
  mode: z.enum(['incremental', 'full']),
});
export type StoredScheduleSettings = z.infer<typeof scheduleSettingsSchema>;

export class ScheduleStore {
  constructor(private readonly store: StoreDb) {}

  async put(integrationId: string, entity: string, settings: StoredScheduleSettings): Promise<void> {
    const at = nowIso();
    await this.store.db
      .insertInto('schedules')
      .values({ integration_id: integrationId, entity, settings: JSON.stringify(settings), updated_at: at })
      .onConflict((oc) =>
        oc
          .columns(['integration_id', 'entity'])
          .doUpdateSet({ settings: JSON.stringify(settings), updated_at: at }),
      )
      .execute();
  }

  async get(integrationId: string, entity: string): Promise<StoredScheduleSettings | undefined> {
    const row = await this.store.db
      .selectFrom('schedules')
      .select('settings')
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .executeTakeFirst();
    return row ? scheduleSettingsSchema.parse(JSON.parse(row.settings)) : undefined;
  }

  async list(
    integrationId?: string,
  ): Promise<Array<{ integrationId: string; entity: string; settings: StoredScheduleSettings }>> {
    let query = this.store.db.selectFrom('schedules').selectAll();
    if (integrationId) query = query.where('integration_id', '=', integrationId);
    const rows = await query.orderBy('integration_id').orderBy('entity').execute();
    return rows.map((r) => ({
      integrationId: r.integration_id,
      entity: r.entity,
      settings: scheduleSettingsSchema.parse(JSON.parse(r.settings)),
    }));
  }

  async delete(integrationId: string, entity: string): Promise<boolean> {
    const result = await this.store.db
      .deleteFrom('schedules')
      .where('integration_id', '=', integrationId)
      .where('entity', '=', entity)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
