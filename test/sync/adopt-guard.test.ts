/** Adoption refuses to go on when Asset Panda's list carries no field values to match objects by. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { makeAdoptExisting } from '../../activities/adopt-existing.js';
import type { Connections } from '../../activities/connections.js';
import type { ApObject } from '../../connectors/assetpanda/index.js';
import { buildIndex } from '../../connectors/assetpanda/adoption.js';
import { mapEntity, startHarness } from '../support/sync-harness.js';

describe('adopting existing objects', () => {
  it('stops, writing nothing, when every listed object comes without field values', async () => {
    const h = await startHarness({ cw: { counts: { companies: 3 } } });
    try {
      await mapEntity(h, 'companies');
      const bare: ApObject[] = [1, 2, 3].map((n) => ({ id: `obj${n}`, archived: false, fields: {} }));
      const connections = {
        assetpanda: async () => ({
          indexObjectsByField: async (_group: number, key: string) => buildIndex(key, bare, 1),
        }),
      } as unknown as Connections;
      const adopt = makeAdoptExisting({ store: h.store, connections });
      await assert.rejects(
        new MockActivityEnvironment().run(adopt, {
          runId: 'r1',
          integrationId: h.integrationId,
          entity: 'companies',
        }),
        (err: unknown) =>
          err instanceof ApplicationFailure &&
          err.nonRetryable === true &&
          /listed 3 objects .* without any field values/.test(err.message),
      );
    } finally {
      await h.close();
    }
  });
});
