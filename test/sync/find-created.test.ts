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

/** A server that ignores field_filters and pages through the whole group, `cap` at a time at most. */
function looseServer(objects: ApObject[], cap = 100) {
  const calls: Array<{ offset: number; limit: number }> = [];
  const ap = {
    async search(
      _group: number,
      _query: unknown,
      paging: { offset: number; limit: number },
    ): Promise<SearchPage> {
      calls.push(paging);
      const page = objects.slice(paging.offset, paging.offset + Math.min(paging.limit, cap));
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
    assert.equal(found.found.get('SN-1')?.id, 'obj999');
    assert.deepEqual(
      calls.map((c) => c.offset),
      [0, 100, 200],
    );
  });

  it('reads on past short pages (a server that caps the page size), ending only on an empty page', async () => {
    const group = [...Array.from({ length: 60 }, (_, i) => object(i, `SN-1${i}`)), object(999, 'SN-1')];
    const capped = looseServer(group, 50);
    const now = Date.now();
    const old = new Date(now - 3_600_000).toISOString();
    const found = await findCreatedObjects(
      capped.ap,
      7,
      'field_1',
      [{ uniqueValue: 'SN-1', createdAt: old }],
      now,
    );
    assert.equal(found.found.get('SN-1')?.id, 'obj999');

    const absent = looseServer(Array.from({ length: 120 }, (_, i) => object(i, `X${i}`)));
    const none = await findCreatedObjects(
      absent.ap,
      7,
      'field_1',
      [{ uniqueValue: 'nope', createdAt: old }],
      now,
    );
    assert.equal(none.found.size, 0);
    assert.equal(none.inconclusive.size, 0);
    assert.deepEqual(
      absent.calls.map((c) => c.offset),
      [0, 100, 120],
      'until the empty page',
    );
  });
  it('says it cannot tell, rather than "absent", when the near-matches outnumber what it reads', async () => {
    const { ap, calls } = looseServer(Array.from({ length: 20_050 }, (_, i) => object(i, `SN-1${i}`)));
    const now = Date.now();
    const answer = await findCreatedObjects(
      ap,
      7,
      'field_1',
      [{ uniqueValue: 'SN-1', createdAt: new Date(now - 3_600_000).toISOString() }],
      now,
    );
    assert.equal(answer.found.size, 0);
    assert.deepEqual([...answer.inconclusive], ['SN-1']);
    assert.equal(calls.length, 200);
  });
});
