import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Objects found in a group before its first sync, indexed by unique identifier value (adoption).
  await db.schema
    .createTable('adopted_objects')
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('group_id', 'bigint', (c) => c.notNull())
    .addColumn('unique_value', 'text', (c) => c.notNull())
    .addColumn('ap_object_id', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hash', 'text')
    .addPrimaryKeyConstraint('adopted_objects_pk', ['integration_id', 'entity', 'unique_value'])
    .execute();

  // One row per committed checkpoint, so a retried checkpoint never counts a page twice.
  await db.schema
    .createTable('run_checkpoints')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('committed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_checkpoints_pk', ['run_id', 'seq'])
    .execute();

  // Times of recent calls per budget (a sliding window shared by every worker on this store).
  await db.schema
    .createTable('call_log')
    .addColumn('budget_key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_log_key_at').on('call_log').columns(['budget_key', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['call_log', 'run_checkpoints', 'adopted_objects'])
    await db.schema.dropTable(table).ifExists().execute();
}
