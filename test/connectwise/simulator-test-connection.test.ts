/**
 * Test and Save Connection against the simulator: each failure is told apart with a message to act on.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { testConnectWiseConnection } from '../../connectors/connectwise/index.js';
import { simulatorSettings, startSimulator, type Simulator } from './support/simulator.js';

const started: Simulator[] = [];
after(async () => {
  await Promise.all(started.map((s) => s.close()));
});

async function simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  const sim = await startSimulator({
    counts: { companies: 5, configurations: 5, catalog: 5, tickets: 5, agreements: 5 },
    ...options,
  });
  started.push(sim);
  return sim;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('test connection', () => {
  it('passes with good settings, one cheap read per entity', async () => {
    const sim = await simulator({ codebase: 'v2025_1/', isCloud: true });
    sim.admin.resetStats();
    const result = await testConnectWiseConnection(simulatorSettings(sim));
    assert.equal(result.ok, true, JSON.stringify(result.problem));
    assert.equal(result.problem, undefined);
    assert.deepEqual(
      result.entities.map((e) => [e.entity, e.status]),
      [
        ['companies', 'ok'],
        ['configurations', 'ok'],
        ['catalog', 'ok'],
        ['tickets', 'ok'],
        ['agreements', 'ok'],
      ],
    );
    assert.equal(result.site?.codebase, 'v2025_1/');
    assert.equal(result.company?.isCloud, true);
  });

  it('an unreachable address is reported as unreachable', async () => {
    const port = await closedPort();
    const result = await testConnectWiseConnection({
      ...simulatorSettings(await simulator()),
      url: `http://127.0.0.1:${port}`,
    });
    assert.equal(result.ok, false);
    assert.equal(result.problem?.kind, 'unreachable');
    assert.match(result.problem?.message ?? '', /Cannot reach ConnectWise at http:\/\/127\.0\.0\.1/);
    assert.ok(result.entities.every((e) => e.status === 'not_checked'));
  });

  it('wrong keys are reported once as unauthorized, and the other entities are not tried', async () => {
    const sim = await simulator();
    const result = await testConnectWiseConnection(simulatorSettings(sim, { privateKey: 'nope' }));
    assert.equal(result.problem?.kind, 'unauthorized');
    assert.equal(result.problem?.status, 401);
    assert.match(result.problem?.message ?? '', /company ID, public key and private key/);
    assert.deepEqual(
      result.entities.map((e) => e.status),
      ['failed', 'not_checked', 'not_checked', 'not_checked', 'not_checked'],
    );
  });

  it('a missing permission names the entity and the role permission to grant', async () => {
    const sim = await simulator({ forbidden: ['catalog', 'configurations'] });
    const result = await testConnectWiseConnection(simulatorSettings(sim));
    assert.equal(result.ok, false);
    assert.equal(result.problem?.kind, 'forbidden');
    const byEntity = new Map(result.entities.map((e) => [e.entity, e]));
    assert.equal(byEntity.get('companies')?.status, 'ok');
    assert.equal(byEntity.get('tickets')?.status, 'ok');
    assert.equal(byEntity.get('catalog')?.status, 'forbidden');
    assert.match(byEntity.get('catalog')?.message ?? '', /Product catalog.*Procurement › Product Catalog/);
    assert.match(byEntity.get('configurations')?.message ?? '', /Companies › Configurations/);
    assert.match(result.problem?.message ?? '', /Procurement › Product Catalog/);
  });

  it('an unknown company is reported as such', async () => {
    const sim = await simulator();
    const result = await testConnectWiseConnection(simulatorSettings(sim, { companyId: 'nosuchco' }));
    assert.equal(result.problem?.kind, 'unknown_company');
    assert.match(result.problem?.message ?? '', /"nosuchco"/);
  });

  it('a self-hosted site is tested at v4_6_release/ without discovery', async () => {
    const sim = await simulator({ codebase: 'v4_6_release/', isCloud: false });
    const result = await testConnectWiseConnection(simulatorSettings(sim, { selfHosted: true }), [
      'companies',
    ]);
    assert.equal(result.ok, true, JSON.stringify(result.problem));
    assert.equal(result.site?.codebase, 'v4_6_release/');
  });

  it('bad settings come back as a config problem naming the field', async () => {
    const sim = await simulator();
    const result = await testConnectWiseConnection(simulatorSettings(sim, { clientId: 'not-a-guid' }));
    assert.equal(result.problem?.kind, 'config');
    assert.match(result.problem?.message ?? '', /clientId/);
    const http = await testConnectWiseConnection(simulatorSettings(sim, { url: 'http://cw.example.com' }));
    assert.equal(http.problem?.kind, 'bad_url');
  });
});
