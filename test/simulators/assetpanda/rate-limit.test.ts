import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, startApi } from './helpers.js';

describe('asset panda simulator: call budget per client IP', () => {
  it('answers 429 with Retry-After and a message beyond the budget', async (t) => {
    const api = await startApi(t, { callsPerWindow: 5, windowSeconds: 60 }); // the token call is the first
    for (let i = 0; i < 4; i += 1) assert.equal((await api.get('/v3/groups')).status, 200);
    const refused = await api.get('/v3/groups');
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.match(String(refused.body.message), /5 calls per 60 seconds/);
    assert.equal(api.sim.admin.stats().rateLimited, 1);
  });

  it('counts the token call and failed calls too', async (t) => {
    const api = await startApi(t, { callsPerWindow: 3 });
    assert.equal((await api.get('/v3/groups/999')).status, 404);
    assert.equal((await call(api.sim.url, 'GET', '/v3/groups')).status, 401);
    assert.equal((await api.get('/v3/groups')).status, 429);
  });

  it('does not count admin calls', async (t) => {
    const api = await startApi(t, { callsPerWindow: 2 });
    for (let i = 0; i < 5; i += 1)
      assert.equal((await call(api.sim.url, 'GET', '/__admin/stats')).status, 200);
    assert.equal((await api.get('/v3/groups')).status, 200);
  });

  it('setBudget(undefined) lifts the limit; setBudget(n) applies a new one', async (t) => {
    const api = await startApi(t, { callsPerWindow: 2 });
    api.sim.admin.setBudget(undefined);
    for (let i = 0; i < 10; i += 1) assert.equal((await api.get('/v3/groups')).status, 200);
    // Unlimited calls are not logged: only the token call counts against the new budget.
    api.sim.admin.setBudget(3, 60);
    assert.equal((await api.get('/v3/groups')).status, 200);
    assert.equal((await api.get('/v3/groups')).status, 200);
    assert.equal((await api.get('/v3/groups')).status, 429);
  });
});
