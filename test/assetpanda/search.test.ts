/** Search and the adoption index against a scripted server. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import {
  createAssetPandaClient,
  lookUp,
  type AssetPandaClientOptions,
} from '../../connectors/assetpanda/index.js';
import { buildIndex } from '../../connectors/assetpanda/adoption.js';
import type { ApObject } from '../../connectors/assetpanda/normalise.js';
import { startStub, type Stub, type StubHandler, type StubRequest } from './support/stub.js';

const stubs: Stub[] = [];
after(async () => Promise.all(stubs.map((s) => s.close())));

async function clientFor(handler: StubHandler, options: AssetPandaClientOptions = {}) {
  const s = await startStub(handler);
  stubs.push(s);
  return { stub: s, client: createAssetPandaClient({ baseUrl: s.url, token: 'T' }, options) };
}

/** A group of `count` objects whose field_1 is 'ID-n', served in pages of at most `cap`. */
function pagedGroup(
  count: number,
  cap = 100,
  extra: (r: StubRequest) => Record<string, unknown> = () => ({}),
) {
  const all = Array.from({ length: count }, (_, i) => ({ id: `o${i}`, data: { field_1: `ID-${i}` } }));
  return (r: StubRequest) => {
    const offset = Number(r.query.offset ?? 0);
    const limit = Math.min(Number(r.query.limit ?? 50), cap);
    return { status: 200, json: { objects: all.slice(offset, offset + limit), ...extra(r) } };
  };
}

const obj = (id: string, value: string | undefined, archived = false): ApObject => ({
  id,
  archived,
  fields: value === undefined ? {} : { field_1: value },
});

describe('searching objects', () => {
  it('sends the documented body keys and paging as a query string', async () => {
    const { client, stub } = await clientFor(() => ({
      status: 200,
      json: { objects: [{ id: 'a', data: { field_1: 'x' } }], totals: { objects: 1 } },
    }));
    const page = await client.search(
      9,
      {
        fieldFilters: { field_1: 'x' },
        search: 'free',
        ids: ['a'],
        lastModified: { gte: new Date(Date.UTC(2023, 1, 1)), lte: '2023-02-06T05:45:18+00:00' },
        viewArchived: 'all',
      },
      { offset: 50, limit: 25 },
    );
    assert.deepEqual(stub.requests[0]?.query, { offset: '50', limit: '25' });
    assert.deepEqual(stub.requests[0]?.body, {
      field_filters: { field_1: 'x' },
      search: 'free',
      ids: ['a'],
      last_modified: { gte: '2023-02-01T00:00:00.000Z', lte: '2023-02-06T05:45:18+00:00' },
      view_archived: 'all',
    });
    assert.deepEqual(page, {
      objects: [{ id: 'a', archived: false, fields: { field_1: 'x' } }],
      offset: 50,
      limit: 25,
      reportedTotal: 1,
    });
  });

  it('falls back to /objects/search on 404 and remembers it', async () => {
    const { client, stub } = await clientFor((r) =>
      r.path.endsWith('/search/objects')
        ? { status: 404, json: { message: 'Not found' } }
        : { status: 200, json: { objects: [] } },
    );
    await client.search(9, {}, { offset: 0, limit: 10 });
    await client.search(9, {}, { offset: 0, limit: 10 });
    assert.deepEqual(
      stub.requests.map((r) => r.path),
      ['/v3/groups/9/search/objects', '/v3/groups/9/objects/search', '/v3/groups/9/objects/search'],
    );
    assert.deepEqual(client.knownPaths(), { search: 'objects/search' });
  });

  it('remembers nothing when both paths say 404 (the group may be missing)', async () => {
    const { client, stub } = await clientFor(() => ({ status: 404, json: { message: 'Group not found' } }));
    await assert.rejects(
      client.search(9, {}, { offset: 0, limit: 10 }),
      (e: unknown) => e instanceof ConnectorError && e.kind === 'not_found',
    );
    assert.equal(stub.requests.length, 2);
    assert.deepEqual(client.knownPaths(), {});
  });

  it('refuses paging outside 1..maxSearchLimit without calling', async () => {
    const { client, stub } = await clientFor(() => ({ status: 200, json: { objects: [] } }), {
      maxSearchLimit: 50,
    });
    await assert.rejects(client.search(9, {}, { offset: 0, limit: 51 }), /limit <= 50/);
    await assert.rejects(client.search(9, {}, { offset: -1, limit: 5 }));
    assert.equal(stub.requests.length, 0);
  });

  it('reads {objects}, {data} and a bare list alike, and refuses objects: null', async () => {
    const one = [{ id: 'a1', data: { field_1: 'x' } }];
    const nulls = await clientFor(() => ({ status: 200, json: { objects: null } }));
    await assert.rejects(
      nulls.client.search(9, {}, { offset: 0, limit: 5 }),
      (e: unknown) => e instanceof ConnectorError && e.kind === 'invalid_response',
    );
    for (const [json, ids] of [
      [{ objects: one, totals: { objects: 1 } }, ['a1']],
      [{ data: one, total: 1 }, ['a1']],
      [one, ['a1']],
    ] as const) {
      const { client } = await clientFor(() => ({ status: 200, json }));
      const page = await client.search(9, {}, { offset: 0, limit: 5 });
      assert.deepEqual(
        page.objects.map((o) => o.id),
        ids,
        JSON.stringify(json),
      );
    }
  });

  it('rejects an answer holding an object without an id rather than skip it', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      json: { objects: [{ data: { field_1: 'x' } }] },
    }));
    await assert.rejects(
      client.search(9, {}, { offset: 0, limit: 5 }),
      (e: unknown) => e instanceof ConnectorError && e.kind === 'invalid_response',
    );
  });
});

describe('indexing a group by its identifier field', () => {
  it('keys objects by the trimmed, exact identifier value', () => {
    const index = buildIndex('field_1', [
      obj('a', ' ABC '),
      obj('b', 'abc'),
      obj('c', undefined),
      obj('d', ''),
    ]);
    assert.equal(lookUp(index, 'ABC').found, 'one');
    assert.equal(lookUp(index, ' abc').found, 'one');
    assert.equal(lookUp(index, 'Abc').found, 'none');
    assert.deepEqual(
      index.withoutValue.map((o) => o.id),
      ['c', 'd'],
    );
  });

  it('reports duplicates with every copy and prefers a live one in the map', () => {
    const index = buildIndex('field_1', [obj('a', 'X', true), obj('b', 'X'), obj('c', 'Y')]);
    assert.deepEqual(
      index.duplicates.get('X')?.map((o) => o.id),
      ['a', 'b'],
    );
    assert.equal(index.byValue.get('X')?.id, 'b');
    const found = lookUp(index, 'X');
    assert.equal(found.found, 'many');
  });

  it('compares list values by their display text', () => {
    const index = buildIndex('field_1', [
      { id: 'a', archived: false, fields: { field_1: { id: '9', value: 'B1' } } },
    ]);
    assert.equal(lookUp(index, 'B1').found, 'one');
  });

  it('pages through the group with view_archived all and limit 100, ending on an empty page', async () => {
    const { client, stub } = await clientFor(pagedGroup(250));
    const index = await client.indexObjectsByField(9, 'field_1');
    assert.equal(index.scanned, 250);
    assert.equal(index.byValue.size, 250);
    assert.deepEqual(
      stub.requests.map((r) => [r.query.offset, r.query.limit]),
      [
        ['0', '100'],
        ['100', '100'],
        ['200', '100'],
        ['250', '100'],
      ],
    );
    assert.deepEqual(stub.requests[0]?.body, { view_archived: 'all' });
  });

  it('does not miss objects when the server caps the page size below what we asked', async () => {
    const { client } = await clientFor(pagedGroup(120, 50));
    const index = await client.indexObjectsByField(9, 'field_1');
    assert.equal(index.scanned, 120);
  });

  it("can stop on the first short page instead, unless the API's total says there is more", async () => {
    const plain = await clientFor(pagedGroup(120, 50));
    assert.equal(
      (await plain.client.indexObjectsByField(9, 'field_1', { stopOn: 'short-page' })).scanned,
      50,
    );
    const counted = await clientFor(pagedGroup(120, 50, () => ({ total: 120 })));
    const index = await counted.client.indexObjectsByField(9, 'field_1', { stopOn: 'short-page' });
    assert.equal(index.scanned, 120);
    assert.equal(counted.stub.requests.length, 3);
    // The v2 reading: totals.objects counts the page, totals.group_totals the matches.
    const v2 = await clientFor(
      pagedGroup(120, 50, (r) => ({
        totals: { objects: 50, group_totals: 120, offset: Number(r.query.offset) },
      })),
    );
    assert.equal((await v2.client.indexObjectsByField(9, 'field_1', { stopOn: 'short-page' })).scanned, 120);
  });

  it('leaves archived objects out when asked', async () => {
    const { client, stub } = await clientFor(pagedGroup(3));
    await client.indexObjectsByField(9, 'field_1', { includeArchived: false, pageSize: 10 });
    assert.deepEqual(stub.requests[0]?.body, {});
    assert.equal(stub.requests[0]?.query.limit, '10');
  });

  it('stops with an error when the server ignores the offset', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      json: { objects: [{ id: 'a', data: { field_1: 'x' } }] },
    }));
    await assert.rejects(client.indexObjectsByField(9, 'field_1', { pageSize: 1 }), /same objects again/);
  });
});
