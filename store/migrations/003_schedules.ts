import type { Kysely } from 'kysely';

// The schedule settings as the user gave them (`every: 15m` or a cron line): Temporal keeps the schedule's
// state, but returns cron lines only in its own structured form.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedules')
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('schedules_pk', ['integration_id', 'entity'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('schedules').ifExists().execute();
}
