import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, company, COMPANIES, startApi, type ApiObject } from './helpers.js';

describe('asset panda simulator: creating objects', () => {
  it('creates one object from a flat field map: 201 with the object', async (t) => {
    const api = await startApi(t);
    const reply = await api.post<ApiObject>(`/v3/groups/${COMPANIES}/objects`, {
      field_1: '17',
      field_3: 'Acme',
      field_15: '01/31/2024',
    });
    assert.equal(reply.status, 201);
    const o = reply.body;
    assert.match(o.id, /^[0-9a-f]{24}$/);
    assert.equal(o.display_name, 'Acme');
    assert.equal(o.is_archived, false);
    assert.deepEqual(o.entity, { id: COMPANIES, key: 'companies' });
    assert.equal(o.data.field_1, '17');
    assert.equal(o.data.field_15, '01/31/2024');
    assert.equal(o.data.field_2, '', 'every field of the group is present, blanks as ""');
    assert.equal(o.created_at, o.updated_at);
    assert.ok(!Number.isNaN(Date.parse(o.created_at)));
  });

  it('creates a batch and returns 201 with the objects in input order', async (t) => {
    const api = await startApi(t);
    const input = [company(3), company(1), company(2)];
    const reply = await api.post<{ objects: ApiObject[] }>(`/v3/groups/${COMPANIES}/objects`, {
      objects: input,
    });
    assert.equal(reply.status, 201);
    assert.deepEqual(
      reply.body.objects.map((o) => o.data.field_1),
      ['3', '1', '2'],
    );
    assert.equal(new Set(reply.body.objects.map((o) => o.id)).size, 3);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 3);
  });

  it('stores JSON numbers and booleans as strings', async (t) => {
    const api = await startApi(t);
    const reply = await api.post<ApiObject>('/v3/groups/1002/objects', {
      field_1: 42,
      field_2: 'Laptop',
      field_15: true,
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.data.field_1, '42');
    assert.equal(reply.body.data.field_15, 'true');
  });

  it('rejects a 201-object batch with 400 and writes nothing', async (t) => {
    const api = await startApi(t);
    const objects = Array.from({ length: 201 }, (_, i) => company(i + 1));
    const reply = await api.post(`/v3/groups/${COMPANIES}/objects`, { objects });
    assert.equal(reply.status, 400);
    assert.match(String(reply.body.message), /at most 200/);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 0);
  });

  it('accepts a batch of exactly the batch limit', async (t) => {
    const api = await startApi(t, { batchLimit: 5 });
    const ok = await api.post(`/v3/groups/${COMPANIES}/objects`, {
      objects: [1, 2, 3, 4, 5].map((n) => company(n)),
    });
    assert.equal(ok.status, 201);
    const tooMany = await api.post(`/v3/groups/${COMPANIES}/objects`, {
      objects: [6, 7, 8, 9, 10, 11].map((n) => company(n)),
    });
    assert.equal(tooMany.status, 400);
  });

  it('rejects a body that is not a JSON object, or JSON sent without its content type, with 400', async (t) => {
    const api = await startApi(t);
    assert.equal((await api.post(`/v3/groups/${COMPANIES}/objects`, [company(1)])).status, 400);
    const untyped = await call(api.sim.url, 'POST', `/v3/groups/${COMPANIES}/objects`, {
      token: api.token,
      body: company(1),
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(untyped.status, 400);
  });

  it('rejects an empty batch with 400', async (t) => {
    const api = await startApi(t);
    const reply = await api.post(`/v3/groups/${COMPANIES}/objects`, { objects: [] });
    assert.equal(reply.status, 400);
  });

  it('puts field values at the top level with objectShape flat, and in both places with both', async (t) => {
    const flat = await startApi(t, { objectShape: 'flat' });
    const f = await flat.post<ApiObject>(`/v3/groups/${COMPANIES}/objects`, company(1, 'Flat'));
    assert.equal(f.body.field_3, 'Flat');
    assert.equal(f.body.data, undefined);
    const both = await startApi(t, { objectShape: 'both' });
    const b = await both.post<ApiObject>(`/v3/groups/${COMPANIES}/objects`, company(1, 'Both'));
    assert.equal(b.body.field_3, 'Both');
    assert.equal(b.body.data.field_3, 'Both');
  });

  it('gives ids that repeat for the same seed and sort in creation order', async (t) => {
    const a = await startApi(t, { seed: 7 });
    const b = await startApi(t, { seed: 7 });
    const batch = { objects: [company(1), company(2), company(3)] };
    const idsA = (await a.post<{ objects: ApiObject[] }>(`/v3/groups/${COMPANIES}/objects`, batch)).body
      .objects;
    const idsB = (await b.post<{ objects: ApiObject[] }>(`/v3/groups/${COMPANIES}/objects`, batch)).body
      .objects;
    assert.deepEqual(
      idsA.map((o) => o.id),
      idsB.map((o) => o.id),
    );
    assert.deepEqual(
      idsA.map((o) => o.id),
      idsA.map((o) => o.id).sort(),
    );
  });
});
