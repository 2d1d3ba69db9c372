/**
 * PostgreSQL for tests: a throw-away database on 127.0.0.1:5432 per test file. With CI=true it must be
 * there (a missing server fails the run); elsewhere tests that need it are skipped with a message.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

let reachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    // A few tries: a busy machine can be slow to accept the first connection.
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } catch {
        if (attempt < 3) await new Promise((r) => setTimeout(r, 500));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    return false;
  })();
  return reachable;
}

/** Why PostgreSQL tests are skipped here, or undefined when they should run. */
export async function postgresSkipReason(): Promise<string | undefined> {
  if (await postgresReachable()) return undefined;
  if (process.env.CI === 'true')
    throw new Error(`PostgreSQL is required in CI but ${ADMIN_URL} is unreachable`);
  return `PostgreSQL at ${ADMIN_URL} is unreachable; skipping (set CI=true to make this a failure)`;
}

export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `sync_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
