/**
 * Runs a store test suite on every engine: SQLite always, PostgreSQL when reachable (always in CI).
 */
import { after, before, describe } from 'node:test';
import { openStore, type Store } from '../../store/index.js';
import { createTempDatabase, postgresSkipReason, type TempDatabase } from './postgres.js';

export const TEST_SECRETS_KEY = Buffer.alloc(32, 11);

export function describeOnEngines(title: string, body: (getStore: () => Store) => void): void {
  describe(`${title} (sqlite)`, () => {
    let store: Store;
    before(async () => {
      store = await openStore('sqlite::memory:', TEST_SECRETS_KEY);
    });
    after(async () => store?.close());
    body(() => store);
  });

  describe(`${title} (postgres)`, async () => {
    const skip = await postgresSkipReason();
    if (skip) {
      describe('postgres', { skip }, () => undefined);
      return;
    }
    let temp: TempDatabase;
    let store: Store;
    before(async () => {
      temp = await createTempDatabase();
      store = await openStore(temp.url, TEST_SECRETS_KEY);
    });
    after(async () => {
      await store?.close();
      await temp?.drop();
    });
    body(() => store);
  });
}
