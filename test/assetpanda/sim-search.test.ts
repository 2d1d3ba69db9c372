/** Search and adoption against the Asset Panda simulator, under each search-path reading. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookUp } from '../../connectors/assetpanda/index.js';
import { COMPANIES, DEVICES, companies, withSimulator } from './support/sim.js';

describe('Asset Panda client: search (simulator)', () => {
  for (const searchPath of ['search/objects', 'objects/search', 'both'] as const) {
    it(`searches when the server answers on ${searchPath}, remembering the path`, async (t) => {
      const { client, sim } = await withSimulator(t, { searchPath });
      sim.admin.seedObjects(COMPANIES, companies(1, 3));
      await client.search(COMPANIES, {}, { offset: 0, limit: 10 });
      sim.admin.resetStats();
      const page = await client.search(
        COMPANIES,
        { fieldFilters: { field_1: '2' } },
        { offset: 0, limit: 10 },
      );
      assert.deepEqual(
        page.objects.map((o) => o.fields.field_3),
        ['Company 2'],
      );
      assert.equal(sim.admin.stats().calls, 1);
      assert.equal(client.knownPaths().search, searchPath === 'both' ? 'search/objects' : searchPath);
    });
  }

  it('filters by ids, free text and last modified, and pages with offset and limit', async (t) => {
    const { client, sim } = await withSimulator(t);
    const seeded = sim.admin.seedObjects(COMPANIES, companies(1, 5));
    const byIds = await client.search(
      COMPANIES,
      { ids: [seeded[1]!.id, seeded[3]!.id] },
      { offset: 0, limit: 10 },
    );
    assert.deepEqual(
      byIds.objects.map((o) => o.id),
      [seeded[1]!.id, seeded[3]!.id],
    );
    const text = await client.search(COMPANIES, { search: 'company 5' }, { offset: 0, limit: 10 });
    assert.deepEqual(
      text.objects.map((o) => o.fields.field_1),
      ['5'],
    );
    const since = new Date(Date.parse(seeded[4]!.updatedAt));
    const recent = await client.search(COMPANIES, { lastModified: { gte: since } }, { offset: 0, limit: 10 });
    assert.deepEqual(
      recent.objects.map((o) => o.id),
      [seeded[4]!.id],
    );
    const second = await client.search(COMPANIES, {}, { offset: 2, limit: 2 });
    assert.deepEqual(
      second.objects.map((o) => o.fields.field_1),
      ['3', '4'],
    );
  });
});

describe('Asset Panda client: adopting existing objects (simulator)', () => {
  it('indexes a group once, archived objects included, and the sync creates only what is missing', async (t) => {
    const { client, sim } = await withSimulator(t);
    const seeded = sim.admin.seedObjects(COMPANIES, companies(1, 230));
    await client.archiveObjects(COMPANIES, [seeded[0]!.id], '2024-01-01');
    sim.admin.resetStats();

    const index = await client.indexObjectsByField(COMPANIES, 'field_1', { includeArchived: true });
    assert.equal(index.scanned, 230);
    assert.equal(index.duplicates.size, 0);
    assert.equal(lookUp(index, '1').found, 'one');
    assert.equal(index.byValue.get('1')?.archived, true);
    assert.equal(sim.admin.stats().byOperation['objects.search'], 4, '100 + 100 + 30 + the empty page');

    // A sync run of 240 source records: 230 adopted, 10 created.
    const source = companies(1, 240);
    const missing = source.filter((row) => lookUp(index, row.field_1).found === 'none');
    assert.equal(missing.length, 10);
    await client.createObjects(COMPANIES, missing);
    const all = sim.admin.objects(COMPANIES, { includeArchived: true });
    assert.equal(all.length, 240);
    assert.equal(new Set(all.map((o) => o.fields.field_1)).size, 240);
  });

  it('reports duplicates already in Asset Panda instead of dropping them', async (t) => {
    const { client, sim } = await withSimulator(t);
    // Serial Number (field_6) carries no unique rule, so the account may hold the same value twice.
    sim.admin.seedObjects(DEVICES, [
      { field_1: '1', field_2: 'A', field_6: 'SN-1' },
      { field_1: '2', field_2: 'B', field_6: 'SN-1 ' },
      { field_1: '3', field_2: 'C', field_6: 'SN-2' },
      { field_1: '4', field_2: 'D' },
    ]);
    const index = await client.indexObjectsByField(DEVICES, 'field_6');
    assert.deepEqual(
      index.duplicates.get('SN-1')?.map((o) => o.fields.field_2),
      ['A', 'B'],
    );
    assert.equal(lookUp(index, 'SN-1').found, 'many');
    assert.equal(lookUp(index, 'sn-1').found, 'none', 'compared exactly');
    assert.equal(index.withoutValue.length, 1);
  });

  it('reads every object when the server caps the page size below ours', async (t) => {
    const { client, sim } = await withSimulator(t, { maxSearchLimit: 30 });
    sim.admin.seedObjects(COMPANIES, companies(1, 75));
    const index = await client.indexObjectsByField(COMPANIES, 'field_1');
    assert.equal(index.scanned, 75);
    assert.equal(index.byValue.size, 75);
  });
});
