import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, startSim } from './helpers.js';
import type { Sim } from './helpers.js';

describe('ConnectWise simulator: benchmark scale', () => {
  let sim: Sim;
  let startedIn: number;
  before(async () => {
    const started = performance.now();
    sim = await startSim({ counts: { companies: 500, configurations: 50_000 } });
    startedIn = performance.now() - started;
  });
  after(() => sim.close());

  it('generates 50,000 configurations well under 10 seconds', () => {
    assert.ok(startedIn < 10_000, `started in ${Math.round(startedIn)} ms`);
  });

  it('serves a 1000-record page quickly', async () => {
    const started = performance.now();
    const res = await get(sim, 'company/configurations', { pageSize: 1000, page: 30 });
    assert.equal(((await res.json()) as unknown[]).length, 1000);
    assert.ok(performance.now() - started < 1500, `${Math.round(performance.now() - started)} ms`);
  });

  it('serves a forward-only page deep into the set quickly', async () => {
    const started = performance.now();
    const res = await get(
      sim,
      'company/configurations',
      { pageSize: 1000, pageId: 50_000 },
      { 'pagination-type': 'forward-only' },
    );
    assert.equal(((await res.json()) as unknown[]).length, 1000);
    assert.ok(performance.now() - started < 1500, `${Math.round(performance.now() - started)} ms`);
  });
});
