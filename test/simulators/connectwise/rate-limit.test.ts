import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { get, startSim } from './helpers.js';
import type { Sim } from './helpers.js';

describe('ConnectWise simulator: request budget', () => {
  let sim: Sim;
  before(async () => {
    sim = await startSim({ counts: { companies: 2 } });
  });
  beforeEach(() => sim.admin.setRequestsPerMinute(undefined));
  after(() => sim.close());

  it('answers requests beyond the budget with 429, Retry-After and the vendor body', async () => {
    sim.admin.setRequestsPerMinute(3);
    for (let i = 0; i < 3; i++) assert.equal((await get(sim, 'company/companies')).status, 200);
    const res = await get(sim, 'company/companies');
    assert.equal(res.status, 429);
    const wait = Number(res.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    assert.deepEqual(await res.json(), {
      error: 'ConnectWiseAPI',
      message: `Too many requests. Please try again in ${wait} seconds.`,
    });
  });

  it('counts unauthenticated requests against the budget too', async () => {
    sim.admin.setRequestsPerMinute(1);
    assert.equal((await get(sim, 'company/companies', {}, { Authorization: undefined })).status, 401);
    assert.equal((await get(sim, 'company/companies')).status, 429);
  });

  it('lifts the limit with setRequestsPerMinute(undefined)', async () => {
    sim.admin.setRequestsPerMinute(1);
    await get(sim, 'company/companies');
    assert.equal((await get(sim, 'company/companies')).status, 429);
    sim.admin.setRequestsPerMinute(undefined);
    assert.equal((await get(sim, 'company/companies')).status, 200);
  });

  it('throttles from the start when given requestsPerMinute as an option', async () => {
    const limited = await startSim({ counts: { companies: 1 }, requestsPerMinute: 1 });
    try {
      assert.equal((await get(limited, 'company/companies')).status, 200);
      assert.equal((await get(limited, 'company/companies')).status, 429);
    } finally {
      await limited.close();
    }
  });
});
