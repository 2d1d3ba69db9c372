import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiUrl, get, getJson, goodHeaders, startSim } from './helpers.js';
import type { Row, Sim } from './helpers.js';

describe('ConnectWise simulator: paths, codebase and discovery', () => {
  let sim: Sim;
  let cloud: Sim;
  before(async () => {
    sim = await startSim({
      counts: { companies: 4, configurations: 4, catalog: 2, tickets: 2, agreements: 2 },
    });
    cloud = await startSim({ codebase: 'v2025_1/', counts: { companies: 2 } });
  });
  after(async () => {
    await sim.close();
    await cloud.close();
  });

  it('serves the five entities under /{codebase}apis/3.0', async () => {
    for (const path of [
      'company/companies',
      'company/configurations',
      'procurement/catalog',
      'service/tickets',
      'finance/agreements',
    ]) {
      const rows = await getJson(sim, path);
      assert.ok(rows.length > 0, path);
    }
  });

  it('answers a wrong codebase with 404', async () => {
    const res = await fetch(`${sim.url}/v2019_1/apis/3.0/company/companies`, { headers: goodHeaders(sim) });
    assert.equal(res.status, 404);
  });

  it('serves a cloud-like codebase under its own segment only', async () => {
    assert.equal((await get(cloud, 'company/companies')).status, 200);
    const res = await fetch(`${cloud.url}/v4_6_release/apis/3.0/company/companies`, {
      headers: goodHeaders(cloud),
    });
    assert.equal(res.status, 404);
  });

  it('answers companyinfo without authentication in the vendor shape', async () => {
    const res = await fetch(`${sim.url}/login/companyinfo/demo`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Row;
    assert.deepEqual(Object.keys(body).sort(), [
      'Codebase',
      'CompanyID',
      'CompanyName',
      'IsCloud',
      'VersionCode',
      'VersionNumber',
    ]);
    assert.equal(body.Codebase, 'v4_6_release/');
    assert.equal(body.IsCloud, 'False');
  });

  it('reports a cloud-like codebase and IsCloud True in companyinfo', async () => {
    const body = (await (await fetch(`${cloud.url}/login/companyinfo/demo`)).json()) as Row;
    assert.equal(body.Codebase, 'v2025_1/');
    assert.equal(body.VersionCode, 'v2025.1');
    assert.equal(body.IsCloud, 'True');
  });

  it('answers companyinfo for an unknown company with 200 and null', async () => {
    const res = await fetch(`${sim.url}/login/companyinfo/someone-else`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'null');
  });

  it('requires authentication for system/info', async () => {
    const res = await get(sim, 'system/info', {}, { Authorization: undefined });
    assert.equal(res.status, 401);
  });

  it('reports version, isCloud and serverTimeZone in system/info', async () => {
    const info = await getJson<Row>(sim, 'system/info');
    assert.match(String(info.version), /^v\d{4}\.\d+\.\d+$/);
    assert.equal(info.isCloud, false);
    assert.equal(typeof info.serverTimeZone, 'string');
  });

  it('returns one record by id and 404 for an unknown id', async () => {
    const [first] = sim.admin.all('tickets');
    const record = await getJson<Row>(sim, `service/tickets/${String(first?.id)}`);
    assert.deepEqual(record, first);
    const res = await get(sim, 'service/tickets/999999999');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as Row).code, 'NotFound');
  });

  it('answers an unknown resource under the API with a JSON 404', async () => {
    const res = await get(sim, 'company/companies/250/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as Row).code, 'NotFound');
  });

  it('matches paths case-insensitively, like IIS', async () => {
    const res = await fetch(apiUrl(sim, 'Company/Companies').replace('v4_6_release', 'V4_6_RELEASE'), {
      headers: goodHeaders(sim),
    });
    assert.equal(res.status, 200);
  });

  it('refuses URLs longer than 2000 characters with 414', async () => {
    const conditions = `id in (${Array.from({ length: 400 }, (_, i) => i + 1).join(',')})`;
    const res = await get(sim, 'company/companies', { conditions });
    assert.equal(res.status, 414);
  });

  it('refuses writes with 405: the simulator is read-only through the API', async () => {
    const res = await fetch(apiUrl(sim, 'company/companies'), {
      method: 'POST',
      headers: { ...goodHeaders(sim), 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(res.status, 405);
  });

  it('sends api-current-version and JSON content type', async () => {
    const res = await get(sim, 'company/companies');
    assert.ok(res.headers.get('api-current-version'));
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  });
});
