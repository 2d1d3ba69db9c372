import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeedValidationError, type ApObjectView } from '../../../simulators/assetpanda/index.js';
import { call, company, COMPANIES, DEVICES, startApi, type SearchReply } from './helpers.js';

describe('asset panda simulator: admin API', () => {
  it('objects() returns the whole state of a group; archived only on request', async (t) => {
    const api = await startApi(t);
    const [a, b] = api.sim.admin.seedObjects(COMPANIES, [company(1), company(2)]);
    await api.post(`/v3/groups/${COMPANIES}/objects/archive`, {
      object_ids: [a!.id],
      stop_date: '01/01/2024',
    });
    const live = api.sim.admin.objects(COMPANIES);
    assert.deepEqual(
      live.map((o) => [o.id, o.groupId, o.archived, o.fields]),
      [[b!.id, COMPANIES, false, { field_1: '2', field_3: 'Company 2' }]],
    );
    assert.equal(api.sim.admin.objects(COMPANIES, { includeArchived: true }).length, 2);
  });

  it('seedObjects() validates like the API and writes nothing when one object is bad', async (t) => {
    const api = await startApi(t);
    assert.throws(
      () =>
        api.sim.admin.seedObjects(DEVICES, [
          { field_1: '1', field_2: 'ok' },
          { field_1: '1', field_2: 'dup' },
        ]),
      (err: unknown) => {
        assert.ok(err instanceof SeedValidationError);
        assert.deepEqual(err.errors, [{}, { field_1: ['Configuration ID is not unique'] }]);
        return true;
      },
    );
    assert.equal(api.sim.admin.objects(DEVICES).length, 0);
  });

  it('seeded objects are found by search and hold their unique values', async (t) => {
    const api = await startApi(t);
    api.sim.admin.seedObjects(COMPANIES, [company(5, 'Adopt me')]);
    const found = await api.post<SearchReply>(`/v3/groups/${COMPANIES}/search/objects`, {
      field_filters: { field_1: '5' },
    });
    assert.equal(found.body.objects[0]?.display_name, 'Adopt me');
    assert.equal((await api.post(`/v3/groups/${COMPANIES}/objects`, company(5))).status, 422);
  });

  it('addGroup() adds a group the API serves', async (t) => {
    const api = await startApi(t);
    const { id } = api.sim.admin.addGroup({
      name: 'Locations',
      fields: [{ key: 'field_1', name: 'Name', type: 'text' }],
    });
    assert.equal(id, 1006);
    assert.equal((await api.get(`/v3/groups/${id}/fields`)).status, 200);
    assert.throws(() => api.sim.admin.addGroup({ id, name: 'Again', fields: [] }));
  });

  it('stats() counts calls by operation and by status; resetStats() clears them', async (t) => {
    const api = await startApi(t);
    await api.get('/v3/groups');
    await api.post(`/v3/groups/${COMPANIES}/objects`, company(1));
    await api.post(`/v3/groups/${COMPANIES}/objects`, company(1));
    await api.post(`/v3/groups/${COMPANIES}/objects/search`, {});
    const stats = api.sim.admin.stats();
    assert.equal(stats.calls, 5);
    assert.deepEqual(stats.byOperation, {
      'session.token': 1,
      'groups.list': 1,
      'objects.create': 2,
      'objects.search': 1,
    });
    assert.deepEqual(stats.byStatus, { '200': 3, '201': 1, '422': 1 });
    api.sim.admin.resetStats();
    assert.deepEqual(api.sim.admin.stats(), {
      calls: 0,
      byStatus: {},
      byOperation: {},
      rateLimited: 0,
      lostResponses: 0,
    });
  });

  it('HTTP: reads and seeds a group under /__admin without a token', async (t) => {
    const api = await startApi(t);
    const url = api.sim.url;
    const seeded = await call<{ objects: ApObjectView[] }>(
      url,
      'POST',
      `/__admin/groups/${COMPANIES}/objects`,
      {
        body: { objects: [company(1)] },
      },
    );
    assert.equal(seeded.status, 201);
    const bad = await call(url, 'POST', `/__admin/groups/${COMPANIES}/objects`, {
      body: { objects: [company(1)] },
    });
    assert.equal(bad.status, 422);
    const state = await call<{ objects: ApObjectView[] }>(url, 'GET', `/__admin/groups/${COMPANIES}/objects`);
    assert.deepEqual(
      state.body.objects.map((o) => o.fields.field_1),
      ['1'],
    );
    assert.equal((await call(url, 'GET', '/__admin/groups/4242/objects')).status, 404);
    const groups = await call<{ groups: unknown[] }>(url, 'GET', '/__admin/groups');
    assert.equal(groups.body.groups.length, 5);
  });

  it('HTTP: expires tokens, sets faults, latency and budget, reads and resets stats', async (t) => {
    const api = await startApi(t);
    const url = api.sim.url;
    assert.equal((await call(url, 'POST', '/__admin/tokens/expire')).status, 204);
    assert.equal((await api.get('/v3/groups')).status, 401);

    assert.equal((await call(url, 'PUT', '/__admin/faults', { body: { status503: 1 } })).status, 204);
    assert.equal((await api.get('/v3/groups')).status, 503);
    assert.equal((await call(url, 'PUT', '/__admin/faults', { body: { status503: 2 } })).status, 400);
    await call(url, 'PUT', '/__admin/faults', { body: {} });

    assert.equal((await call(url, 'PUT', '/__admin/latency', { body: { ms: 0 } })).status, 204);
    assert.equal(
      (await call(url, 'PUT', '/__admin/budget', { body: { calls: 1, windowSeconds: 60 } })).status,
      204,
    );
    // Earlier calls are still inside the new 60 s window, so the budget of 1 is already spent.
    assert.equal((await api.get('/v3/groups')).status, 429);
    assert.equal((await call(url, 'PUT', '/__admin/budget', { body: { calls: null } })).status, 204);

    const stats = await call<{ rateLimited: number; calls: number }>(url, 'GET', '/__admin/stats');
    assert.equal(stats.body.rateLimited, 1);
    assert.equal((await call(url, 'DELETE', '/__admin/stats')).status, 204);
    assert.equal((await call<{ calls: number }>(url, 'GET', '/__admin/stats')).body.calls, 0);
  });

  it('HTTP: adds a group', async (t) => {
    const api = await startApi(t);
    const reply = await call<{ id: number }>(api.sim.url, 'POST', '/__admin/groups', {
      body: {
        id: 77,
        name: 'Vehicles',
        fields: [{ key: 'field_1', name: 'VIN', type: 'text', unique: 'unique' }],
      },
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.id, 77);
    const bad = await call(api.sim.url, 'POST', '/__admin/groups', {
      body: { name: 'X', fields: [{ key: 'vin' }] },
    });
    assert.equal(bad.status, 400);
  });
});
