import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at, get, getJson, startSim } from './helpers.js';
import type { Row, Sim } from './helpers.js';

const SECOND_PRECISION_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('ConnectWise simulator: admin surface', () => {
  let sim: Sim;
  let company: Row;
  before(async () => {
    sim = await startSim({ counts: { companies: 5, configurations: 20 } });
    company = sim.admin.all('companies')[0] as Row;
  });
  after(() => sim.close());

  it('create assigns an id above every existing id and stamps lastUpdated now', () => {
    const before = Date.now() - 1000;
    const maxId = Math.max(...sim.admin.all('configurations').map((r) => r.id as number));
    const created = sim.admin.create('configurations', { name: 'NEW-LT-0001', company: { id: company.id } });
    assert.ok((created.id as number) > maxId);
    const lastUpdated = at(created, '_info/lastUpdated') as string;
    assert.match(lastUpdated, SECOND_PRECISION_UTC);
    assert.ok(Date.parse(lastUpdated) >= before);
  });

  it('completes a company reference from its id, with its _info link', () => {
    const created = sim.admin.create('configurations', { name: 'REF-1', company: { id: company.id } });
    assert.deepEqual(created.company, {
      id: company.id,
      identifier: company.identifier,
      name: company.name,
      _info: { company_href: `${sim.url}/v4_6_release/apis/3.0/company/companies/${String(company.id)}` },
    });
  });

  it('fills the flags the server never leaves empty', () => {
    const created = sim.admin.create('configurations', { name: 'FLAGS-1' });
    assert.equal(created.activeFlag, true);
  });

  it('refuses an unknown field, naming it', () => {
    assert.throws(() => sim.admin.create('configurations', { serial: 'x' }), /serial is not a field/);
  });

  it('refuses a reference to a company that does not exist', () => {
    assert.throws(() => sim.admin.create('tickets', { summary: 'x', company: { id: 1 } }), /does not exist/);
  });

  it('serves a created record through the API', async () => {
    const created = sim.admin.create('configurations', { name: 'SERVED-1', company: { id: company.id } });
    const served = await getJson<Row>(sim, `company/configurations/${String(created.id)}`);
    assert.deepEqual(served, created);
  });

  it('update merges the patch and bumps lastUpdated to now', () => {
    const [target] = sim.admin.all('configurations');
    const old = at(target as Row, '_info/lastUpdated') as string;
    const updated = sim.admin.update('configurations', target?.id as number, { serialNumber: 'SN-NEW' });
    assert.equal(updated.serialNumber, 'SN-NEW');
    assert.equal(updated.name, target?.name);
    const now = at(updated, '_info/lastUpdated') as string;
    assert.match(now, SECOND_PRECISION_UTC);
    assert.ok(Date.parse(now) > Date.parse(old));
  });

  it('gives updates within one second the same timestamp and never goes backwards', () => {
    const [a, b] = sim.admin.all('configurations');
    const first = at(
      sim.admin.update('configurations', a?.id as number, { notes: '1' }),
      '_info/lastUpdated',
    );
    const second = at(
      sim.admin.update('configurations', b?.id as number, { notes: '2' }),
      '_info/lastUpdated',
    );
    assert.ok(Date.parse(second as string) >= Date.parse(first as string));
    assert.ok(Date.parse(second as string) - Date.parse(first as string) <= 1000);
  });

  it('an update shows in lastUpdated > [previous value] conditions', async () => {
    // A seeded record, untouched by the other tests: its lastUpdated lies in the past.
    const target = sim.admin.all('configurations')[10];
    const old = at(target as Row, '_info/lastUpdated') as string;
    sim.admin.update('configurations', target?.id as number, { notes: 'changed' });
    const rows = await getJson(sim, 'company/configurations', {
      conditions: `id = ${String(target?.id)} and lastUpdated > [${old}]`,
    });
    assert.equal(rows.length, 1);
  });

  it('removes a field patched to null', () => {
    const [target] = sim.admin.all('configurations');
    const updated = sim.admin.update('configurations', target?.id as number, { serialNumber: null });
    assert.equal('serialNumber' in updated, false);
  });

  it('renaming a company shows in references without touching their lastUpdated', () => {
    const device = sim.admin.all('configurations')[5] as Row;
    const before = at(device, '_info/lastUpdated');
    sim.admin.update('companies', at(device, 'company/id') as number, { name: 'Renamed Holdings' });
    const after = sim.admin.get('configurations', device.id as number) as Row;
    assert.equal(at(after, 'company/name'), 'Renamed Holdings');
    assert.equal(at(after, '_info/lastUpdated'), before);
  });

  it('remove deletes for good: GET /{id} then answers 404', async () => {
    const created = sim.admin.create('configurations', { name: 'GONE-1', company: { id: company.id } });
    assert.equal(sim.admin.remove('configurations', created.id as number), true);
    assert.equal(sim.admin.get('configurations', created.id as number), undefined);
    assert.equal((await get(sim, `company/configurations/${String(created.id)}`)).status, 404);
    assert.equal(sim.admin.remove('configurations', created.id as number), false);
  });

  it('all() returns copies: changing them does not change the server', () => {
    const [copy] = sim.admin.all('companies');
    (copy as Row).name = 'mutated';
    assert.notEqual(sim.admin.all('companies')[0]?.name, 'mutated');
  });

  it('HTTP POST /__admin/{entity} creates a record (201)', async () => {
    const res = await fetch(`${sim.url}/__admin/configurations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'HTTP-1', company: { identifier: company.identifier } }),
    });
    assert.equal(res.status, 201);
    const created = (await res.json()) as Row;
    assert.equal(at(created, 'company/id'), company.id);
  });

  it('HTTP PATCH /__admin/{entity}/{id} updates and DELETE removes', async () => {
    const created = sim.admin.create('configurations', { name: 'HTTP-2' });
    const patched = await fetch(`${sim.url}/__admin/configurations/${String(created.id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tagNumber: 'AT-1' }),
    });
    assert.equal(patched.status, 200);
    assert.equal(((await patched.json()) as Row).tagNumber, 'AT-1');
    const deleted = await fetch(`${sim.url}/__admin/configurations/${String(created.id)}`, {
      method: 'DELETE',
    });
    assert.equal(deleted.status, 204);
    const again = await fetch(`${sim.url}/__admin/configurations/${String(created.id)}`, {
      method: 'DELETE',
    });
    assert.equal(again.status, 404);
  });

  it('HTTP admin answers bad input with 400 and its reason', async () => {
    const res = await fetch(`${sim.url}/__admin/configurations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nope: 1 }),
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: string }).error, /nope is not a field/);
  });

  it('HTTP GET /__admin/{entity} lists full records sorted by id', async () => {
    const rows = (await (await fetch(`${sim.url}/__admin/companies`)).json()) as Row[];
    assert.deepEqual(rows, sim.admin.all('companies'));
  });

  it('HTTP PUT /__admin/faults sets the fault rates', async () => {
    const res = await fetch(`${sim.url}/__admin/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status502: 1 }),
    });
    assert.equal(res.status, 200);
    assert.equal((await get(sim, 'company/companies')).status, 502);
    sim.admin.setFaults({});
  });

  it('refuses a fault rate outside 0..1', () => {
    assert.throws(() => sim.admin.setFaults({ status500: 2 }), /status500/);
  });

  it('HTTP GET /__admin/stats counts API requests by status and entity', async () => {
    sim.admin.resetStats();
    await get(sim, 'company/companies');
    await get(sim, 'company/companies/999999');
    const stats = (await (await fetch(`${sim.url}/__admin/stats`)).json()) as Row;
    assert.deepEqual(stats, { requests: 2, byStatus: { '200': 1, '404': 1 }, byEntity: { companies: 2 } });
  });
});
