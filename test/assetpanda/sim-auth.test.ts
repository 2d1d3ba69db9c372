/** Authentication and test-connection against the Asset Panda simulator, under each token-path reading. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { COMPANIES, DEMO_ACCOUNT, withSimulator } from './support/sim.js';

describe('Asset Panda client: authentication (simulator)', () => {
  for (const tokenPath of ['session/token', 'session-token', 'both'] as const) {
    it(`gets a session token when the server answers on ${tokenPath}`, async (t) => {
      const { client, sim } = await withSimulator(t, { tokenPath });
      assert.ok((await client.listGroups()).length > 0);
      assert.equal(client.knownPaths().token, tokenPath === 'both' ? 'session/token' : tokenPath);
      await client.listFields(COMPANIES);
      const tokenCalls = sim.admin.stats().byOperation['session.token'];
      assert.equal(tokenCalls, tokenPath === 'session-token' ? 2 : 1, 'the working path is remembered');
    });
  }

  it('fetches a fresh token after expiry and carries on, once', async (t) => {
    const { client, sim } = await withSimulator(t);
    await client.listGroups();
    sim.admin.expireTokens();
    sim.admin.resetStats();
    const groups = await client.listGroups();
    assert.ok(groups.length > 0);
    const stats = sim.admin.stats();
    assert.deepEqual(stats.byOperation, { 'groups.list': 2, 'session.token': 1 });
    assert.equal(stats.byStatus['401'], 1);
  });

  it('works with a ready-made token and never asks for a session token', async (t) => {
    const { client, sim } = await withSimulator(
      t,
      { staticTokens: ['pre-issued-token'] },
      { settings: { token: 'pre-issued-token' } },
    );
    await client.listGroups();
    sim.admin.expireTokens();
    await client.listGroups();
    assert.equal(sim.admin.stats().byOperation['session.token'], undefined);
  });

  it('reports a rejected ready-made token as final', async (t) => {
    const { client, sim } = await withSimulator(t, {}, { settings: { token: 'unknown-token' } });
    await assert.rejects(
      client.listGroups(),
      (e: unknown) => e instanceof ConnectorError && e.kind === 'unauthorized' && !e.retryable,
    );
    assert.equal(sim.admin.stats().calls, 1);
  });

  it('reports a wrong password as bad credentials', async (t) => {
    const { clientWith } = await withSimulator(t);
    const client = clientWith({ email: DEMO_ACCOUNT.email, password: 'wrong' });
    await assert.rejects(
      client.listGroups(),
      (e: unknown) => e instanceof ConnectorError && e.kind === 'unauthorized' && !e.retryable,
    );
  });
});

describe('Asset Panda client: test connection (simulator)', () => {
  it('returns the group name and field count for an existing group', async (t) => {
    const { client } = await withSimulator(t);
    assert.deepEqual(await client.testConnection(COMPANIES), {
      ok: true,
      groupCount: 5,
      group: { id: COMPANIES, name: 'Companies', fieldCount: 15 },
    });
  });

  it('tells a missing group, bad credentials and an unreachable host apart', async (t) => {
    const { client, clientWith, sim } = await withSimulator(t);
    const missing = await client.testConnection(424242);
    const badPassword = await clientWith({ ...DEMO_ACCOUNT, password: 'nope' }).testConnection(COMPANIES);
    const url = sim.url;
    await sim.close();
    const unreachable = await clientWith({ ...DEMO_ACCOUNT, baseUrl: url }).testConnection(COMPANIES);
    assert.deepEqual(
      [missing, badPassword, unreachable].map((r) => (r.ok ? 'ok' : r.problem)),
      ['group_not_found', 'bad_credentials', 'unreachable'],
    );
  });
});
