import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { company, COMPANIES, startApi, type Api, type ApiObject, type ValidationReply } from './helpers.js';

const base = `/v3/groups/${COMPANIES}/objects`;

async function seed(api: Api, count: number): Promise<ApiObject[]> {
  const objects = Array.from({ length: count }, (_, i) => company(i + 1));
  return (await api.post<{ objects: ApiObject[] }>(base, { objects })).body.objects;
}

describe('asset panda simulator: archive and unarchive', () => {
  it('archive requires object_ids and stop_date (422 otherwise)', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    const noDate = await api.post<ValidationReply>(`${base}/archive`, { object_ids: [a!.id] });
    assert.equal(noDate.status, 422);
    assert.ok(noDate.body.errors[0]!.stop_date);
    const noIds = await api.post<ValidationReply>(`${base}/archive`, { stop_date: '01/01/2024' });
    assert.equal(noIds.status, 422);
    assert.ok(noIds.body.errors[0]!.object_ids);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 1, 'still live');
  });

  it('archive requires stop_date in the account date format', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    const reply = await api.post<ValidationReply>(`${base}/archive`, {
      object_ids: [a!.id],
      stop_date: '2024-01-01',
    });
    assert.equal(reply.status, 422);
    assert.match(reply.body.errors[0]!.stop_date![0]!, /MM\/DD\/YYYY/);
  });

  it('archives objects: they leave default search and updated_at moves', async (t) => {
    const api = await startApi(t);
    const [a, b] = await seed(api, 2);
    const reply = await api.post<{ objects: ApiObject[] }>(`${base}/archive`, {
      object_ids: [a!.id],
      stop_date: '01/01/2024',
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.objects[0]!.is_archived, true);
    assert.ok(reply.body.objects[0]!.updated_at > a!.updated_at);
    assert.deepEqual(
      api.sim.admin.objects(COMPANIES).map((o) => o.id),
      [b!.id],
    );
    assert.equal(api.sim.admin.objects(COMPANIES, { includeArchived: true }).length, 2);
  });

  it('archive with an unknown id is 422 and archives nothing', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    const reply = await api.post<ValidationReply>(`${base}/archive`, {
      object_ids: [a!.id, 'ffffffffffffffffffffffff'],
      stop_date: '01/01/2024',
    });
    assert.equal(reply.status, 422);
    assert.match(reply.body.errors[0]!.object_ids![0]!, /ffffffffffffffffffffffff/);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 1);
  });

  it('unarchive requires object_ids and brings objects back', async (t) => {
    const api = await startApi(t);
    const [a] = await seed(api, 1);
    await api.post(`${base}/archive`, { object_ids: [a!.id], stop_date: '01/01/2024' });
    assert.equal((await api.post(`${base}/unarchive`, {})).status, 422);
    const reply = await api.post<{ objects: ApiObject[] }>(`${base}/unarchive`, { object_ids: [a!.id] });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.objects[0]!.is_archived, false);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 1);
  });

  it('archiving more ids than the batch limit is 400', async (t) => {
    const api = await startApi(t, { batchLimit: 2 });
    const objects = await seed(api, 2);
    const ids = [...objects.map((o) => o.id), objects[0]!.id];
    assert.equal(
      (await api.post(`${base}/archive`, { object_ids: ids, stop_date: '01/01/2024' })).status,
      400,
    );
  });
});
