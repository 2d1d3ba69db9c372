/** Throttling, faults and the call budget against the Asset Panda simulator. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { COMPANIES, companies, withSimulator } from './support/sim.js';

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ConnectorError, String(err));
  return err;
}

describe('Asset Panda client: throttling and faults (simulator)', () => {
  it("turns the server's 429 into a retryable error carrying Retry-After", async (t) => {
    const { client, sim } = await withSimulator(t);
    sim.admin.setBudget(3, 60);
    await client.listGroups(); // token + groups
    await client.listFields(COMPANIES);
    const err = await failure(client.listStatuses(COMPANIES));
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryable, true);
    assert.equal(err.status, 429);
    assert.ok(
      err.retryAfterMs !== undefined && err.retryAfterMs > 0 && err.retryAfterMs <= 60_000,
      String(err.retryAfterMs),
    );
    assert.equal(sim.admin.stats().rateLimited, 1, 'no retry loop inside the client');
  });

  for (const [fault, kind] of [
    ['status500', 'server_error'],
    ['status502', 'server_error'],
    ['status503', 'server_error'],
    ['drop', 'connection_reset'],
    ['timeout', 'timeout'],
  ] as const) {
    it(`reports a ${fault} fault as a retryable ${kind}, once`, async (t) => {
      const { client, sim } = await withSimulator(t, {}, { timeoutMs: 2000 });
      await client.listGroups();
      sim.admin.setFaults({ [fault]: 1 });
      sim.admin.resetStats();
      const err = await failure(client.createObjects(COMPANIES, companies(1, 2)));
      assert.equal(err.kind, kind);
      assert.equal(err.retryable, true);
      assert.equal(err.request, 'POST /v3/groups/1001/objects');
      assert.equal(sim.admin.stats().calls, 1);
    });
  }

  it('consults its own budget before every call, token calls, fallbacks and the re-auth included', async (t) => {
    const { client, sim, budget, events } = await withSimulator(t, {
      tokenPath: 'session-token',
      searchPath: 'objects/search',
    });
    const { objects } = await client.createObjects(COMPANIES, companies(1, 5));
    await client.indexObjectsByField(COMPANIES, 'field_1');
    sim.admin.expireTokens();
    await client.archiveObjects(COMPANIES, [objects[0]!.id], new Date());
    await client.testConnection(COMPANIES);
    await client.search(COMPANIES, {}, { offset: 0, limit: 5 });
    const stats = sim.admin.stats();
    assert.equal(budget.takes, stats.calls);
    assert.equal(events.length, stats.calls);
    assert.ok(stats.calls >= 12, `expected a realistic mix, got ${stats.calls}`);
    assert.equal(stats.byStatus['404'], 2, 'one miss per remembered path');
  });
});
