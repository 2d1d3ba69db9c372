/** Writing objects against the Asset Panda simulator: batches, validation, dates, shapes, archiving. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { AssetPandaValidationError, splitIntoBatches } from '../../connectors/assetpanda/index.js';
import { COMPANIES, DEVICES, companies, withSimulator } from './support/sim.js';

describe('Asset Panda client: creating and updating (simulator)', () => {
  it('creates 200 objects in one call and returns them with ids, in order', async (t) => {
    const { client, sim } = await withSimulator(t);
    const result = await client.createObjects(COMPANIES, companies(1, 200));
    assert.equal(result.idsReturned, true);
    assert.equal(result.objects.length, 200);
    assert.deepEqual(
      result.objects.map((o) => o.fields.field_1),
      companies(1, 200).map((c) => c.field_1),
    );
    assert.deepEqual(
      sim.admin.objects(COMPANIES).map((o) => o.id),
      result.objects.map((o) => o.id),
    );
    assert.equal(sim.admin.stats().byOperation['objects.create'], 1);
  });

  it('refuses 201 objects without calling, and the caller splits them into 200 + 1', async (t) => {
    const { client, sim } = await withSimulator(t);
    await client.listGroups();
    sim.admin.resetStats();
    const rows = companies(1, 201);
    await assert.rejects(
      client.createObjects(COMPANIES, rows),
      (e: unknown) => e instanceof ConnectorError && e.kind === 'bad_request',
    );
    assert.equal(sim.admin.stats().calls, 0);
    for (const batch of splitIntoBatches(rows)) await client.createObjects(COMPANIES, batch);
    assert.equal(sim.admin.objects(COMPANIES).length, 201);
  });

  it('surfaces per-record, per-field errors of a rejected batch', async (t) => {
    const { client, sim } = await withSimulator(t);
    sim.admin.seedObjects(COMPANIES, [{ field_1: '7', field_3: 'Existing' }]);
    const batch = [...companies(1, 3), { field_1: '7', field_3: 'Duplicate of seeded' }, { field_1: '9' }];
    const err = await client.createObjects(COMPANIES, batch).then(
      () => assert.fail('expected a validation error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AssetPandaValidationError);
    assert.equal(err.retryable, false);
    assert.equal(err.attributed, true);
    assert.deepEqual(
      err.records.map((r) => [r.index, r.fields.map((f) => f.field)]),
      [
        [3, ['field_1']],
        [4, ['field_3']],
      ],
    );
    assert.match(err.records[0]?.fields[0]?.messages[0] ?? '', /not unique/);
    assert.equal(sim.admin.objects(COMPANIES).length, 1, 'the simulator rejects the whole batch');
  });

  it('updates many objects with PUT and patches one', async (t) => {
    const { client, sim } = await withSimulator(t);
    const { objects } = await client.createObjects(COMPANIES, companies(1, 3));
    const [a, b, c] = objects.map((o) => o.id);
    assert.ok(a && b && c);
    const updated = await client.updateObjects(COMPANIES, [
      { id: a, fields: { field_6: 'Paris' } },
      { id: b, fields: { field_6: 'Lyon', field_12: 250 } },
    ]);
    assert.deepEqual(
      updated.objects.map((o) => o.fields.field_6),
      ['Paris', 'Lyon'],
    );
    const patched = await client.patchObject(COMPANIES, c, { field_6: 'Nice' });
    assert.equal(patched?.fields.field_6, 'Nice');
    const cities = sim.admin.objects(COMPANIES).map((o) => [o.fields.field_6, o.fields.field_12]);
    assert.deepEqual(cities, [
      ['Paris', undefined],
      ['Lyon', '250'],
      ['Nice', undefined],
    ]);
  });

  it("writes dates in the account's format and booleans as true/false", async (t) => {
    const { client, sim } = await withSimulator(t, { dateFormat: 'DD/MM/YYYY' });
    await client.createObjects(DEVICES, [
      { field_1: 1, field_2: 'Laptop', field_10: new Date(Date.UTC(2024, 0, 31)), field_15: true },
    ]);
    const [device] = sim.admin.objects(DEVICES);
    assert.equal(device?.fields.field_10, '31/01/2024');
    assert.equal(device?.fields.field_15, 'true');
    assert.equal(await client.dateFormat(), 'DD/MM/YYYY');
  });

  it('reads a 422 on one patched object as that object’s problem', async (t) => {
    const { client } = await withSimulator(t);
    const { objects } = await client.createObjects(COMPANIES, companies(1, 1));
    const err = await client
      .patchObject(COMPANIES, objects[0]?.id ?? '', { field_3: '' })
      .catch((e: unknown) => e);
    assert.ok(err instanceof AssetPandaValidationError);
    assert.deepEqual(
      err.records.map((r) => [r.index, r.fields.map((f) => f.field)]),
      [[0, ['field_3']]],
    );
  });
});

describe('Asset Panda client: object shapes (simulator)', () => {
  for (const objectShape of ['data', 'flat', 'both'] as const) {
    it(`reads objects whose values are under ${objectShape === 'both' ? 'data and the top level' : objectShape}`, async (t) => {
      const { client } = await withSimulator(t, { objectShape });
      const created = await client.createObjects(COMPANIES, [
        { field_1: 5, field_3: 'Acme', field_6: 'Oslo' },
      ]);
      assert.equal(created.idsReturned, true);
      const page = await client.search(COMPANIES, {}, { offset: 0, limit: 10 });
      for (const o of [...created.objects, ...page.objects]) {
        assert.equal(o.fields.field_1, '5');
        assert.equal(o.fields.field_3, 'Acme');
        assert.equal(o.fields.field_6, 'Oslo');
        assert.equal(o.archived, false);
        assert.equal(o.displayName !== undefined, true);
        assert.ok(o.createdAt && o.updatedAt);
      }
    });
  }
});

describe('Asset Panda client: archiving (simulator)', () => {
  for (const dateFormat of ['MM/DD/YYYY', 'YYYY-MM-DD']) {
    it(`archives with a stop date in ${dateFormat} and unarchives`, async (t) => {
      const { client, sim } = await withSimulator(t, { dateFormat });
      const { objects } = await client.createObjects(COMPANIES, companies(1, 3));
      const ids = objects.map((o) => o.id).slice(0, 2);
      await client.archiveObjects(COMPANIES, ids, '2024-03-15');
      assert.equal(sim.admin.objects(COMPANIES).length, 1);
      const archived = await client.search(COMPANIES, { viewArchived: 'archived' }, { offset: 0, limit: 10 });
      assert.deepEqual(
        archived.objects.map((o) => [o.id, o.archived]),
        ids.map((id) => [id, true]),
      );
      await client.unarchiveObjects(COMPANIES, ids);
      assert.equal(sim.admin.objects(COMPANIES).length, 3);
    });
  }
});
