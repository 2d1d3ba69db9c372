/**
 * Opens the store: SQLite (embedded default, a file under the data folder) or PostgreSQL (at scale, when
 * DATABASE_URL is a postgres:// URL), behind one typed Kysely instance, and brings its schema up to date.
 *
 * Kysely was chosen because it is a typed query builder (not an ORM) with first-party dialects for both
 * engines and a migrator, so one query layer serves both without hiding the SQL.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface StoreDb {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

function sqliteFile(url: string): string {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (!file)
    throw new Error('DATABASE_URL: sqlite URL has no file name (expected sqlite:<path> or sqlite::memory:)');
  return file;
}

export async function openDatabase(url: string): Promise<StoreDb> {
  const engine = engineOf(url);
  let db: Kysely<Database>;
  if (engine === 'postgres') {
    // Our bigints (ConnectWise ids, epoch milliseconds) fit in a double; read them as numbers.
    pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const file = sqliteFile(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new SqliteDatabase(file);
    // WAL lets the API read while the worker writes; busy_timeout covers a second process on the file.
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    database.pragma('synchronous = NORMAL');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  }
  await migrateToLatest(db);
  return { db, engine, close: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Store migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
