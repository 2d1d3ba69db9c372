import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startAssetPandaSimulator } from '../../../simulators/assetpanda/index.js';
import { call, getToken, startApi, waitFor } from './helpers.js';

describe('asset panda simulator: faults and latency', () => {
  it('status500 answers 500 with a JSON message', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ status500: 1 });
    const reply = await api.get('/v3/groups');
    assert.equal(reply.status, 500);
    assert.ok(reply.body.message);
  });

  it('status502 answers 502 with an HTML page, like a proxy', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ status502: 1 });
    const reply = await api.get('/v3/groups');
    assert.equal(reply.status, 502);
    assert.match(reply.headers.get('content-type') ?? '', /text\/html/);
    assert.match(reply.text, /502 Bad Gateway/);
  });

  it('status503 answers 503', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ status503: 1 });
    assert.equal((await api.get('/v3/groups')).status, 503);
  });

  it('a failed call changes nothing', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ status500: 1 });
    await api.post('/v3/groups/1001/objects', { field_1: '1', field_3: 'Acme' });
    assert.equal(api.sim.admin.objects(1001).length, 0);
  });

  it('timeout never answers, and close() still ends', async () => {
    const sim = await startAssetPandaSimulator();
    const token = await getToken(sim.url);
    sim.admin.setFaults({ timeout: 1 });
    await assert.rejects(
      fetch(`${sim.url}/v3/groups`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(200),
      }),
      { name: 'TimeoutError' },
    );
    const pending = fetch(`${sim.url}/v3/groups`, { headers: { authorization: `Bearer ${token}` } });
    await waitFor(() => sim.admin.stats().byStatus.timeout === 2);
    await sim.close();
    await assert.rejects(pending);
  });

  it('drop destroys the connection', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setFaults({ drop: 1 });
    await assert.rejects(
      fetch(`${api.sim.url}/v3/groups`, { headers: { authorization: `Bearer ${api.token}` } }),
    );
    assert.equal(api.sim.admin.stats().byStatus.drop, 1);
  });

  it('the same seed fails the same calls', async (t) => {
    const statuses = async (seed: number) => {
      const api = await startApi(t, { seed });
      api.sim.admin.setFaults({ status500: 0.3, status503: 0.2 });
      const out: number[] = [];
      for (let i = 0; i < 30; i += 1) out.push((await api.get('/v3/groups')).status);
      return out;
    };
    const first = await statuses(42);
    assert.deepEqual(await statuses(42), first);
    assert.ok(first.includes(200) && first.some((s) => s >= 500));
  });

  it('refuses fault rates outside 0..1 or adding up to more than 1', async (t) => {
    const api = await startApi(t);
    assert.throws(() => api.sim.admin.setFaults({ status500: 1.5 }), RangeError);
    assert.throws(() => api.sim.admin.setFaults({ status500: 0.6, drop: 0.6 }), RangeError);
  });

  it('latency delays every API call', async (t) => {
    const api = await startApi(t);
    api.sim.admin.setLatency(150);
    const started = performance.now();
    assert.equal((await api.get('/v3/groups')).status, 200);
    assert.ok(performance.now() - started >= 140);
    api.sim.admin.setLatency(0);
    assert.equal((await call(api.sim.url, 'GET', '/v3/groups', { token: api.token })).status, 200);
  });
});
