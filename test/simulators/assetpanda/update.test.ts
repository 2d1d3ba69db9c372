import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { company, COMPANIES, startApi, type Api, type ApiObject, type ValidationReply } from './helpers.js';

const path = `/v3/groups/${COMPANIES}/objects`;

async function seed(api: Api, ...ids: number[]): Promise<ApiObject[]> {
  const reply = await api.post<{ objects: ApiObject[] }>(path, { objects: ids.map((id) => company(id)) });
  return reply.body.objects;
}

describe('asset panda simulator: updating objects', () => {
  it('updates many objects with PUT and returns them in input order', async (t) => {
    const api = await startApi(t);
    const [a, b] = await seed(api, 1, 2);
    const reply = await api.put<{ objects: ApiObject[] }>(path, {
      objects: [
        { id: b!.id, field_6: 'Dallas' },
        { id: a!.id, field_3: 'Renamed', field_6: 'Austin' },
      ],
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(
      reply.body.objects.map((o) => [o.id, o.data.field_3, o.data.field_6]),
      [
        [b!.id, 'Company 2', 'Dallas'],
        [a!.id, 'Renamed', 'Austin'],
      ],
    );
  });

  it('rejects an update batch naming an unknown object with 422, aligned, and writes nothing', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    const reply = await api.put<ValidationReply>(path, {
      objects: [
        { id: a!.id, field_6: 'Austin' },
        { id: 'ffffffffffffffffffffffff', field_6: 'Nowhere' },
      ],
    });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.body.errors[0], {});
    assert.match(reply.body.errors[1]!.id![0]!, /no object ffffffffffffffffffffffff/);
    assert.equal(api.sim.admin.objects(COMPANIES)[0]!.fields.field_6, undefined);
  });

  it('rejects an update that blanks a required field', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    const reply = await api.put<ValidationReply>(path, { objects: [{ id: a!.id, field_3: '' }] });
    assert.deepEqual(reply.body.errors, [{ field_3: ["Company can't be blank"] }]);
  });

  it('rejects an update to a value another object holds, and allows a swap within one batch', async (t) => {
    const api = await startApi(t);
    const [a, b] = await seed(api, 1, 2);
    const clash = await api.put<ValidationReply>(path, { objects: [{ id: a!.id, field_1: '2' }] });
    assert.deepEqual(clash.body.errors, [{ field_1: ['Company ID is not unique'] }]);
    const swap = await api.put(path, {
      objects: [
        { id: a!.id, field_1: '2' },
        { id: b!.id, field_1: '1' },
      ],
    });
    assert.equal(swap.status, 200);
    assert.deepEqual(
      api.sim.admin.objects(COMPANIES).map((o) => o.fields.field_1),
      ['2', '1'],
    );
  });

  it('rejects an update batch above the batch limit with 400', async (t) => {
    const api = await startApi(t, { batchLimit: 2 });
    const objects = await seed(api, 1, 2);
    const reply = await api.put(path, { objects: [...objects, ...objects].map((o) => ({ id: o.id })) });
    assert.equal(reply.status, 400);
  });

  it('patches one object: only the given fields change', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    const reply = await api.patch<ApiObject>(`${path}/${a!.id}`, { field_6: 'Austin' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.data.field_6, 'Austin');
    assert.equal(reply.body.data.field_3, 'Company 1');
  });

  it('clears a field written as ""', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    await api.patch(`${path}/${a!.id}`, { field_6: 'Austin' });
    const reply = await api.patch<ApiObject>(`${path}/${a!.id}`, { field_6: '' });
    assert.equal(reply.body.data.field_6, '');
    assert.equal(api.sim.admin.objects(COMPANIES)[0]!.fields.field_6, undefined);
  });

  it('moves updated_at on a real change only; created_at never moves', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    const same = await api.patch<ApiObject>(`${path}/${a!.id}`, { field_3: 'Company 1' });
    assert.equal(same.body.updated_at, a!.updated_at);
    const changed = await api.patch<ApiObject>(`${path}/${a!.id}`, { field_3: 'New name' });
    assert.ok(changed.body.updated_at > a!.updated_at);
    assert.equal(changed.body.created_at, a!.created_at);
  });

  it('answers 404 for a patch or read of an unknown object', async (t) => {
    const api = await startApi(t);
    assert.equal((await api.patch(`${path}/ffffffffffffffffffffffff`, { field_6: 'x' })).status, 404);
    assert.equal((await api.get(`${path}/ffffffffffffffffffffffff`)).status, 404);
  });

  it('reads one object by id', async (t) => {
    const api = await startApi(t);
    const [, b] = await seed(api, 1, 2);
    const reply = await api.get<ApiObject>(`${path}/${b!.id}`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.data.field_1, '2');
  });
});
