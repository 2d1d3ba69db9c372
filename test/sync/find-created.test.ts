/** Looking up objects whose create answer was lost, against a server whose field filter is loose. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApObject, AssetPandaClient, SearchPage } from '../../connectors/assetpanda/index.js';
import { findCreatedObjects } from '../../sync/find-created.js';

const object = (n: number, value: string): ApObject => ({
  id: `obj${n}`,
  archived: false,
  fields: { field_1: value },
});

/** A server that ignores field_filters and pages through the whole group, 100 at a time at most. */
function looseServer(objects: ApObject[]) {
  const calls: Array<{ offset: number; limit: number }> = [];
  const ap = {
    async search(
      _group: number,
      _query: unknown,
      paging: { offset: number; limit: number },
    ): Promise<SearchPage> {
      calls.push(paging);
      const page = objects.slice(paging.offset, paging.offset + paging.limit);
      return { objects: page, offset: paging.offset, limit: paging.limit };
    },
  } as unknown as AssetPandaClient;
  return { ap, calls };
}

describe('finding objects a lost create may have made', () => {
  it('reads past pages of near-matches until the exact value turns up', async () => {
    const group = [...Array.from({ length: 250 }, (_, i) => object(i, `SN-1${i}`)), object(999, 'SN-1')];
    const { ap, calls } = looseServer(group);
    const now = Date.now();
    const found = await findCreatedObjects(
      ap,
      7,
      'field_1',
      [{ uniqueValue: 'SN-1', createdAt: new Date(now - 3_600_000).toISOString() }],
      now,
    );
    assert.equal(found.get('SN-1')?.id, 'obj999');
    assert.deepEqual(
      calls.map((c) => c.offset),
      [0, 100, 200],
    );
  });

  it('stops at the first short page when the value is not there', async () => {
    const { ap, calls } = looseServer(Array.from({ length: 120 }, (_, i) => object(i, `X${i}`)));
    const now = Date.now();
    const found = await findCreatedObjects(
      ap,
      7,
      'field_1',
      [{ uniqueValue: 'nope', createdAt: new Date(now - 3_600_000).toISOString() }],
      now,
    );
    assert.equal(found.size, 0);
    assert.equal(calls.length, 2);
  });
});
