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

  // Speed is reported, not asserted: timed tests fail on busy machines; the benchmark holds the figures.
  it('generates 50,000 configurations', (t) => {
    assert.equal(sim.admin.all('configurations').length, 50_000);
    t.diagnostic(`started in ${Math.round(startedIn)} ms`);
  });

  it('serves a 1000-record page', async (t) => {
    const started = performance.now();
    const res = await get(sim, 'company/configurations', { pageSize: 1000, page: 30 });
    assert.equal(((await res.json()) as unknown[]).length, 1000);
    t.diagnostic(`${Math.round(performance.now() - started)} ms`);
  });

  it('serves a forward-only page deep into the set', async (t) => {
    const started = performance.now();
    const res = await get(
      sim,
      'company/configurations',
      { pageSize: 1000, pageId: 50_000 },
      { 'pagination-type': 'forward-only' },
    );
    assert.equal(((await res.json()) as unknown[]).length, 1000);
    t.diagnostic(`${Math.round(performance.now() - started)} ms`);
  });
});
