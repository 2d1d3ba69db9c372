import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at, get, getJson, ids, startSim } from './helpers.js';
import type { Row, Sim } from './helpers.js';

describe('ConnectWise simulator: fields and orderBy', () => {
  let sim: Sim;
  before(async () => {
    sim = await startSim({ counts: { companies: 30, configurations: 300 } });
  });
  after(() => sim.close());

  it('returns only the listed fields', async () => {
    const rows = await getJson(sim, 'company/configurations', {
      fields: 'id,name,serialNumber',
      pageSize: 5,
    });
    for (const row of rows) assert.deepEqual(Object.keys(row), ['id', 'name', 'serialNumber']);
  });

  it('keeps only the named sub-fields of a nested path', async () => {
    const [row] = await getJson(sim, 'company/configurations', {
      fields: 'id,status/name,company/identifier',
    });
    assert.deepEqual(Object.keys((row as Row).status as Row), ['name']);
    assert.deepEqual(Object.keys((row as Row).company as Row), ['identifier']);
  });

  it('leaves _info out of a partial response unless it is listed', async () => {
    const [plain] = await getJson(sim, 'company/configurations', { fields: 'id,name' });
    assert.equal((plain as Row)._info, undefined);
    const [listed] = await getJson(sim, 'company/configurations', { fields: 'id,_info' });
    assert.equal(typeof ((listed as Row)._info as Row).lastUpdated, 'string');
  });

  it('returns just _info.lastUpdated for fields=_info/lastUpdated', async () => {
    const [row] = await getJson(sim, 'company/configurations', { fields: 'id,_info/lastUpdated' });
    assert.deepEqual(Object.keys((row as Row)._info as Row), ['lastUpdated']);
  });

  it('applies a path over an array to each element', async () => {
    const rows = await getJson(sim, 'company/companies', { fields: 'id,types/name', pageSize: 30 });
    for (const row of rows) {
      for (const type of row.types as Row[]) assert.deepEqual(Object.keys(type), ['name']);
    }
  });

  it('returns full records with _info when fields is absent', async () => {
    const [row] = await getJson(sim, 'company/configurations');
    assert.deepEqual(row, sim.admin.all('configurations')[0]);
  });

  it('orders by id when there is no orderBy', async () => {
    const rows = await getJson(sim, 'company/configurations', { pageSize: 1000, fields: 'id' });
    assert.deepEqual(ids(rows), ids(sim.admin.all('configurations')));
  });

  it('orders by several keys: lastUpdated asc, id asc', async () => {
    const rows = await getJson(sim, 'company/configurations', {
      pageSize: 1000,
      orderBy: 'lastUpdated asc, id asc',
      fields: 'id,_info/lastUpdated',
    });
    const keys = rows.map((r) => [Date.parse(at(r, '_info/lastUpdated') as string), r.id as number] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(keys, sorted);
    assert.ok(
      keys.some((k, i) => i > 0 && k[0] === keys[i - 1]?.[0]),
      'some records share a second',
    );
  });

  it('orders by a nested field descending, case-insensitively', async () => {
    const rows = await getJson(sim, 'company/configurations', {
      pageSize: 1000,
      orderBy: 'company/name desc, id asc',
      fields: 'id,company/name',
    });
    const names = rows.map((r) => String(at(r, 'company/name')).toLowerCase());
    for (let i = 1; i < names.length; i++) {
      assert.ok(
        (names[i - 1] as string).localeCompare(names[i] as string, 'en') >= 0,
        `${names[i - 1]} before ${names[i]}`,
      );
    }
  });

  it('accepts _info/lastUpdated in orderBy', async () => {
    const a = await getJson(sim, 'company/configurations', {
      orderBy: '_info/lastUpdated desc, id desc',
      fields: 'id',
    });
    const b = await getJson(sim, 'company/configurations', {
      orderBy: 'lastUpdated desc, id desc',
      fields: 'id',
    });
    assert.deepEqual(a, b);
  });

  it('refuses orderBy on an unknown field with 400', async () => {
    const res = await get(sim, 'company/configurations', { orderBy: 'nosuchfield asc' });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /nosuchfield is not a recognized name/);
  });

  it('refuses an orderBy direction other than asc or desc with 400', async () => {
    assert.equal((await get(sim, 'company/configurations', { orderBy: 'id up' })).status, 400);
  });
});
