import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicAuth, get, getJson, startSim } from './helpers.js';
import type { Sim } from './helpers.js';

describe('ConnectWise simulator: authentication and roles', () => {
  let sim: Sim;
  before(async () => {
    sim = await startSim({ counts: { companies: 3, configurations: 3 }, forbidden: ['agreements'] });
  });
  after(() => sim.close());

  it('answers a request without credentials with 401 and the Unauthorized body', async () => {
    const res = await get(sim, 'company/companies', {}, { Authorization: undefined });
    assert.equal(res.status, 401);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.code, 'Unauthorized');
    assert.equal(typeof body.message, 'string');
  });

  it('answers a wrong private key with 401', async () => {
    const res = await get(
      sim,
      'company/companies',
      {},
      { Authorization: basicAuth('demo+demo-public', 'nope') },
    );
    assert.equal(res.status, 401);
  });

  it('answers credentials without the companyId+ prefix with 401', async () => {
    const res = await get(
      sim,
      'company/companies',
      {},
      { Authorization: basicAuth('demo-public', 'demo-private') },
    );
    assert.equal(res.status, 401);
  });

  it('accepts the login company id in any case', async () => {
    const res = await get(
      sim,
      'company/companies',
      {},
      { Authorization: basicAuth('DEMO+demo-public', 'demo-private') },
    );
    assert.equal(res.status, 200);
  });

  it('answers a missing clientId header with 403', async () => {
    const res = await get(sim, 'company/companies', {}, { clientId: undefined });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Record<string, unknown>).code, 'Forbidden');
  });

  it('answers an unregistered clientId with 403', async () => {
    const res = await get(sim, 'company/companies', {}, { clientId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(res.status, 403);
  });

  it('reads the clientId header case-insensitively', async () => {
    const res = await get(
      sim,
      'company/companies',
      {},
      { clientId: undefined, CLIENTID: sim.options.clientId },
    );
    assert.equal(res.status, 200);
  });

  it('answers an entity the role may not read with 403 naming it', async () => {
    const res = await get(sim, 'finance/agreements');
    assert.equal(res.status, 403);
    const body = (await res.json()) as { code: string; message: string };
    assert.equal(body.code, 'Forbidden');
    assert.match(body.message, /You do not have access to Agreement/);
  });

  it('forbids the count and single-record paths of a forbidden entity too', async () => {
    assert.equal((await get(sim, 'finance/agreements/count')).status, 403);
    assert.equal((await get(sim, 'finance/agreements/40')).status, 403);
  });

  it('accepts the versioned Accept header and plain application/json', async () => {
    await getJson(
      sim,
      'company/companies',
      {},
      { Accept: 'application/vnd.connectwise.com+json; version=2019.1' },
    );
    await getJson(sim, 'company/companies', {}, { Accept: 'application/json' });
  });
});
