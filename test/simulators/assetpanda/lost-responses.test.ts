import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startAssetPandaSimulator, type ApFaultTiming } from '../../../simulators/assetpanda/index.js';
import {
  call,
  company,
  COMPANIES,
  getToken,
  startApi,
  waitFor,
  type Api,
  type ApiObject,
  type SearchReply,
} from './helpers.js';

const objects = `/v3/groups/${COMPANIES}/objects`;

async function seed(api: Api, ...ids: number[]): Promise<ApiObject[]> {
  const reply = await api.post<{ objects: ApiObject[] }>(objects, { objects: ids.map((id) => company(id)) });
  assert.equal(reply.status, 201);
  return reply.body.objects;
}

/** The status the client saw, or 'no answer' when the connection died without one. */
async function outcome(request: Promise<unknown>): Promise<number | 'no answer'> {
  try {
    return ((await request) as { status: number }).status;
  } catch {
    return 'no answer';
  }
}

describe('asset panda simulator: lost responses (fault timing after)', () => {
  it('a batch create answered 502 after the write leaves every object created', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ status502: 1, timing: 'after' });
    const reply = await api.post(objects, { objects: [company(1), company(2), company(3)] });
    assert.equal(reply.status, 502);
    assert.match(reply.headers.get('content-type') ?? '', /text\/html/);
    assert.match(reply.text, /502 Bad Gateway/);
    assert.doesNotMatch(reply.text, /Company 1/, 'nothing of the real answer leaks');

    assert.deepEqual(
      api.sim.admin.objects(COMPANIES).map((o) => o.fields),
      [company(1), company(2), company(3)],
    );
    const found = await api.post<SearchReply>(`/v3/groups/${COMPANIES}/search/objects`, {});
    assert.equal(found.status, 200, 'reads are not faulted under timing after');
    assert.deepEqual(
      found.body.objects.map((o) => o.data.field_1),
      ['1', '2', '3'],
    );
    const stats = api.sim.admin.stats();
    assert.equal(stats.lostResponses, 1);
    assert.equal(stats.byStatus['502'], 1);
    assert.equal(stats.byStatus['201'], undefined, 'stats show what the client saw');
  });

  it('a single create answered 500 after the write is created too', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ status500: 1, timing: 'after' });
    const reply = await api.post(objects, company(7));
    assert.equal(reply.status, 500);
    assert.deepEqual(reply.body, { message: 'Internal server error' });
    assert.deepEqual(
      api.sim.admin.objects(COMPANIES).map((o) => o.fields),
      [company(7)],
    );
  });

  it('a dropped socket after an update leaves the update applied', async (t) => {
    const api = await startApi(t);
    const [a, b] = await seed(api, 1, 2);
    api.sim.admin.setFaults({ drop: 1, timing: 'after' });
    await assert.rejects(
      fetch(api.sim.url + objects, {
        method: 'PUT',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          objects: [
            { id: a!.id, field_6: 'Austin' },
            { id: b!.id, field_3: 'Renamed' },
          ],
        }),
      }),
    );
    const [after1, after2] = api.sim.admin.objects(COMPANIES);
    assert.equal(after1!.fields.field_6, 'Austin');
    assert.equal(after2!.fields.field_3, 'Renamed');
    assert.ok(after1!.updatedAt > a!.updated_at);
    const stats = api.sim.admin.stats();
    assert.equal(stats.lostResponses, 1);
    assert.equal(stats.byStatus.drop, 1);

    api.sim.admin.setFaults({});
    const read = await api.get<ApiObject>(`${objects}/${a!.id}`);
    assert.equal(read.body.data.field_6, 'Austin', 'a new connection sees the change');
  });

  it('every kind of write loses its answer: create, update many, patch, archive, unarchive', async (t) => {
    const api = await startApi(t);
    const [a, b] = await seed(api, 1, 2);
    api.sim.admin.setFaults({ status503: 1, timing: 'after' });
    const writes: Array<[string, () => Promise<{ status: number }>]> = [
      ['create', () => api.post(objects, company(3))],
      ['update many', () => api.put(objects, { objects: [{ id: a!.id, field_6: 'Austin' }] })],
      ['patch', () => api.patch(`${objects}/${b!.id}`, { field_6: 'Dallas' })],
      ['archive', () => api.post(`${objects}/archive`, { object_ids: [a!.id], stop_date: '01/01/2024' })],
      ['unarchive', () => api.post(`${objects}/unarchive`, { object_ids: [a!.id] })],
      [
        'archive again',
        () => api.post(`${objects}/archive`, { object_ids: [b!.id], stop_date: '02/01/2024' }),
      ],
    ];
    for (const [name, write] of writes) assert.equal((await write()).status, 503, name);

    const state = api.sim.admin.objects(COMPANIES, { includeArchived: true });
    assert.deepEqual(
      state.map((o) => [o.fields.field_1, o.fields.field_6, o.archived]),
      [
        ['1', 'Austin', false],
        ['2', 'Dallas', true],
        ['3', undefined, false],
      ],
    );
    assert.equal(api.sim.admin.stats().lostResponses, writes.length);
  });

  it('reads and the token call are never faulted under timing after', async (t) => {
    const api = await startApi(t, { faults: { status500: 1 }, faultTiming: 'after' });
    const [a] = api.sim.admin.seedObjects(COMPANIES, [company(1)]);
    assert.equal((await api.get('/v3/groups')).status, 200);
    assert.equal((await api.get(`/v3/groups/${COMPANIES}/fields`)).status, 200);
    assert.equal((await api.get('/v3/settings')).status, 200);
    assert.equal((await api.get(`${objects}/${a!.id}`)).status, 200);
    assert.equal((await api.post(`/v3/groups/${COMPANIES}/search/objects`, {})).status, 200);
    assert.equal(typeof (await getToken(api.sim.url)), 'string');
    assert.equal((await api.post(objects, company(2))).status, 500);
  });

  it('a timeout after a write applies it, never answers, and close() still ends', async (t) => {
    const sim = await startAssetPandaSimulator({ faults: { timeout: 1 }, faultTiming: 'after' });
    t.after(() => sim.close()); // also when an assertion fails before the close() under test
    const token = await getToken(sim.url);
    const pending = fetch(sim.url + objects, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(company(1)),
    });
    pending.catch(() => undefined); // asserted below; no unhandled rejection if a check fails first
    await waitFor(() => sim.admin.stats().byStatus.timeout === 1);
    assert.equal(sim.admin.objects(COMPANIES).length, 1);
    assert.equal(sim.admin.stats().lostResponses, 1);
    await sim.close();
    await assert.rejects(pending);
  });

  it('a write the handler refused is still faulted, but is not a lost response', async (t) => {
    const api = await startApi(t);
    await seed(api, 1);
    api.sim.admin.setFaults({ status502: 1, timing: 'after' });
    assert.equal((await api.post(objects, company(1))).status, 502, 'the 422 was lost on the way');
    assert.equal(api.sim.admin.objects(COMPANIES).length, 1);
    assert.equal(api.sim.admin.stats().lostResponses, 0);
  });

  it('a blind retry of a lost create duplicates, unless a unique field refuses it', async (t) => {
    const api = await startApi(t);
    const { id: notes } = api.sim.admin.addGroup({
      name: 'Notes',
      fields: [{ key: 'field_1', name: 'Text', type: 'text' }],
    });
    api.sim.admin.setFaults({ status502: 1, timing: 'after' });
    assert.equal((await api.post(`/v3/groups/${notes}/objects`, { field_1: 'hello' })).status, 502);
    assert.equal((await api.post(objects, company(1))).status, 502);
    api.sim.admin.setFaults({});
    assert.equal((await api.post(`/v3/groups/${notes}/objects`, { field_1: 'hello' })).status, 201);
    assert.equal(api.sim.admin.objects(notes).length, 2, 'the retry made a duplicate');
    assert.equal((await api.post(objects, company(1))).status, 422, 'Company ID is not unique');
    assert.equal(api.sim.admin.objects(COMPANIES).length, 1);
  });
});

describe('asset panda simulator: fault timing before and both', () => {
  it("'before' still writes nothing", async (t) => {
    const api = await startApi(t, { faultTiming: 'after' });
    const [a] = await seed(api, 1);
    api.sim.admin.setFaults({ status502: 1, drop: 0, timing: 'before' });
    assert.equal((await api.post(objects, { objects: [company(2), company(3)] })).status, 502);
    assert.equal((await api.patch(`${objects}/${a!.id}`, { field_6: 'Austin' })).status, 502);
    api.sim.admin.setFaults({ drop: 1 }); // the timing stays 'before'
    assert.equal(
      await outcome(api.put(objects, { objects: [{ id: a!.id, field_6: 'Austin' }] })),
      'no answer',
    );
    assert.deepEqual(
      api.sim.admin.objects(COMPANIES).map((o) => o.fields),
      [company(1)],
    );
    assert.equal(api.sim.admin.stats().lostResponses, 0);
  });

  it("the default timing is 'before'", async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ status503: 1 });
    assert.equal((await api.post(objects, company(1))).status, 503);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 0);
    assert.equal((await api.get('/v3/groups')).status, 503, 'reads fail too');
  });

  it('setFaults keeps the timing when none is given, and refuses an unknown one without changing anything', async (t) => {
    const api = await startApi(t, { faultTiming: 'after' });
    api.sim.admin.setFaults({ status500: 1 });
    assert.equal((await api.post(objects, company(1))).status, 500);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 1, "still 'after'");
    assert.throws(
      () => api.sim.admin.setFaults({ status503: 1, timing: 'later' as ApFaultTiming }),
      RangeError,
    );
    assert.throws(() => api.sim.admin.setFaults({ status503: 2, timing: 'before' }), RangeError);
    assert.equal((await api.post(objects, company(2))).status, 500, 'rates and timing unchanged');
    assert.equal(api.sim.admin.objects(COMPANIES).length, 2);
  });

  it("'both' fails writes before or after and reads before, and a seed repeats it exactly", async (t) => {
    const run = async (seed: number) => {
      const api = await startApi(t, { seed });
      api.sim.admin.setFaults({ status500: 0.2, status502: 0.2, drop: 0.2, timing: 'both' });
      api.sim.admin.seedObjects(COMPANIES, [company(1000)]);
      const seen: Array<number | 'no answer'> = [];
      for (let i = 1; i <= 40; i += 1) {
        seen.push(await outcome(api.post(objects, company(i))));
        seen.push(await outcome(api.post(`/v3/groups/${COMPANIES}/search/objects`, {})));
      }
      const created = api.sim.admin.objects(COMPANIES).map((o) => o.fields.field_1);
      return { seen, created, stats: api.sim.admin.stats() };
    };
    const first = await run(7);
    const again = await run(7);
    assert.deepEqual(again.seen, first.seen);
    assert.deepEqual(again.created, first.created);
    assert.deepEqual(again.stats, first.stats);

    const writes = first.seen.filter((_, i) => i % 2 === 0);
    const failedWrites = writes.filter((s) => s !== 201).length;
    const written = first.created.length - 1; // minus the seeded object
    const lost = first.stats.lostResponses;
    assert.ok(lost > 0, 'some writes lost their answer');
    assert.ok(failedWrites - lost > 0, 'some writes failed before being handled');
    assert.equal(written, writes.filter((s) => s === 201).length + lost);
    assert.ok(
      first.seen.filter((_, i) => i % 2 === 1).some((s) => s !== 200),
      'reads fail (before) too',
    );
  });

  it("'after' draws only for writes, so reads in between do not change which writes fail", async (t) => {
    const run = async (readsBetween: number) => {
      const api = await startApi(t, { seed: 3, faults: { status503: 0.5 }, faultTiming: 'after' });
      const seen: number[] = [];
      for (let i = 1; i <= 20; i += 1) {
        for (let r = 0; r < readsBetween; r += 1) assert.equal((await api.get('/v3/groups')).status, 200);
        seen.push((await api.post(objects, company(i))).status);
      }
      assert.equal(api.sim.admin.objects(COMPANIES).length, 20, 'every write was applied');
      assert.equal(api.sim.admin.stats().lostResponses, seen.filter((s) => s === 503).length);
      return seen;
    };
    const quiet = await run(0);
    assert.deepEqual(await run(2), quiet);
    assert.ok(quiet.includes(201) && quiet.includes(503));
  });

  it('HTTP: PUT /__admin/faults takes the timing; an unknown one is 400', async (t) => {
    const api = await startApi(t);
    const url = api.sim.url;
    const put = (body: unknown) => call(url, 'PUT', '/__admin/faults', { body });
    assert.equal((await put({ status502: 1, timing: 'after' })).status, 204);
    assert.equal((await api.post(objects, company(1))).status, 502);
    assert.equal((await put({ status502: 1, timing: 'sometimes' })).status, 400);
    assert.equal((await api.post(objects, company(2))).status, 502);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 2, "the bad PUT left 'after' in place");
    assert.equal((await put({ status502: 1, timing: 'before' })).status, 204);
    assert.equal((await api.post(objects, company(3))).status, 502);
    assert.equal(api.sim.admin.objects(COMPANIES).length, 2);
    const stats = await call<{ lostResponses: number }>(url, 'GET', '/__admin/stats');
    assert.equal(stats.body.lostResponses, 2);
  });
});
