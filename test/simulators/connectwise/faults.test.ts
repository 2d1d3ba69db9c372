import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { get, startSim } from './helpers.js';
import type { Sim } from './helpers.js';

describe('ConnectWise simulator: injected faults', () => {
  let sim: Sim;
  before(async () => {
    sim = await startSim({ counts: { companies: 3 } });
  });
  beforeEach(() => {
    sim.admin.setFaults({});
    sim.admin.setLatency(0);
    sim.admin.resetStats();
  });
  after(() => sim.close());

  it('status500 answers 500 with a JSON error body', async () => {
    sim.admin.setFaults({ status500: 1 });
    const res = await get(sim, 'company/companies');
    assert.equal(res.status, 500);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(typeof body.code, 'string');
    assert.equal(typeof body.message, 'string');
  });

  it('status502 answers 502 with a body that is not JSON', async () => {
    sim.admin.setFaults({ status502: 1 });
    const res = await get(sim, 'company/companies');
    assert.equal(res.status, 502);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const text = await res.text();
    assert.throws(() => JSON.parse(text));
  });

  it('nonJson429 answers an HTML 429 without Retry-After, like a CDN edge', async () => {
    sim.admin.setFaults({ nonJson429: 1 });
    const res = await get(sim, 'company/companies');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), null);
    assert.match(await res.text(), /^<html>/);
  });

  it('timeout never answers: the client gives up first', async () => {
    sim.admin.setFaults({ timeout: 1 });
    const attempt = get(sim, 'company/companies', {}, {}, AbortSignal.timeout(300));
    await assert.rejects(attempt, (err: Error) => err.name === 'TimeoutError');
    assert.deepEqual(sim.admin.stats().byStatus, { timeout: 1 });
  });

  it('close() returns even while a timeout fault holds a request', async () => {
    const held = await startSim({ counts: { companies: 1 }, faults: { timeout: 1 } });
    const pending = fetch(`${held.url}/login/companyinfo/demo`).then(
      () => 'answered',
      () => 'cut off',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await held.close();
    assert.equal(await pending, 'cut off');
  });

  it('drop cuts the response off after the headers', async () => {
    sim.admin.setFaults({ drop: 1 });
    const res = await get(sim, 'company/companies');
    assert.equal(res.status, 200);
    await assert.rejects(res.json());
  });

  it('spares the admin surface', async () => {
    sim.admin.setFaults({ status500: 1 });
    const res = await fetch(`${sim.url}/__admin/stats`);
    assert.equal(res.status, 200);
  });

  it('counts faults in the stats by outcome', async () => {
    sim.admin.setFaults({ status500: 1 });
    await get(sim, 'company/companies');
    sim.admin.setFaults({ drop: 1 });
    await (await get(sim, 'company/companies')).text().catch(() => undefined);
    const stats = sim.admin.stats();
    assert.equal(stats.requests, 2);
    assert.deepEqual(stats.byStatus, { '500': 1, drop: 1 });
    assert.deepEqual(stats.byEntity, { companies: 2 });
  });

  it('fails about the given share of requests at a rate below 1', async () => {
    sim.admin.setFaults({ status500: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () => get(sim, 'company/companies').then((r) => r.status)),
    );
    const failed = statuses.filter((s) => s === 500).length;
    assert.ok(failed > 60 && failed < 140, `${failed} of 200 failed`);
  });

  it('delays every response by the configured latency', async () => {
    sim.admin.setLatency(150);
    const started = performance.now();
    await get(sim, 'company/companies');
    assert.ok(performance.now() - started >= 140);
  });
});
