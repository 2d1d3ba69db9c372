import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at, expectedIds, get, getJson, ids, startSim } from './helpers.js';
import type { Row, Sim } from './helpers.js';

/** Each condition is checked against the same filter written in JavaScript over admin.all(). */
describe('ConnectWise simulator: conditions over HTTP', () => {
  let sim: Sim;
  const query = async (path: string, conditions: string) =>
    ids(await getJson(sim, path, { conditions, pageSize: 1000, fields: 'id' }));
  const lower = (v: unknown) => String(v).toLowerCase();

  before(async () => {
    sim = await startSim({ counts: { companies: 40, configurations: 400, catalog: 60 } });
  });
  after(() => sim.close());

  it('= compares text case-insensitively', async () => {
    const name = String(sim.admin.all('companies')[3]?.name);
    assert.deepEqual(
      await query('company/companies', `name = "${name.toUpperCase().replace(/"/g, '\\"')}"`),
      expectedIds(sim, 'companies', (r) => lower(r.name) === lower(name)),
    );
  });

  it('!= excludes the value and records where the field is absent', async () => {
    const expected = expectedIds(
      sim,
      'configurations',
      (r) => r.tagNumber !== undefined && lower(r.tagNumber) !== 'at-50000',
    );
    assert.deepEqual(await query('company/configurations', 'tagNumber != "AT-50000"'), expected);
  });

  it('< <= > >= compare numbers', async () => {
    const mid = (sim.admin.all('configurations')[200]?.id ?? 0) as number;
    assert.deepEqual(
      await query('company/configurations', `id < ${mid}`),
      expectedIds(sim, 'configurations', (r) => (r.id as number) < mid),
    );
    assert.deepEqual(
      await query('company/configurations', `id <= ${mid}`),
      expectedIds(sim, 'configurations', (r) => (r.id as number) <= mid),
    );
    assert.deepEqual(
      await query('company/configurations', `id > ${mid}`),
      expectedIds(sim, 'configurations', (r) => (r.id as number) > mid),
    );
    assert.deepEqual(
      await query('company/configurations', `id >= ${mid}`),
      expectedIds(sim, 'configurations', (r) => (r.id as number) >= mid),
    );
  });

  it('compares decimals', async () => {
    assert.deepEqual(
      await query('procurement/catalog', 'price > 250.5'),
      expectedIds(sim, 'catalog', (r) => (r.price as number) > 250.5),
    );
  });

  it('compares bracketed datetimes as instants, whatever the offset', async () => {
    const cut = Date.UTC(2023, 0, 1, 12);
    const expected = expectedIds(
      sim,
      'configurations',
      (r) => Date.parse(at(r, '_info/lastUpdated') as string) > cut,
    );
    assert.deepEqual(await query('company/configurations', 'lastUpdated > [2023-01-01T12:00:00Z]'), expected);
    assert.deepEqual(
      await query('company/configurations', 'lastUpdated > [2023-01-01T07:00:00-05:00]'),
      expected,
    );
    assert.deepEqual(
      await query('company/configurations', 'lastUpdated > [2023-01-01T12:00:00.000000]'),
      expected,
    );
  });

  it('accepts lastUpdated and _info/lastUpdated alike', async () => {
    assert.deepEqual(
      await query('company/configurations', '_info/lastUpdated >= [2023-06-01T00:00:00Z]'),
      await query('company/configurations', 'lastUpdated >= [2023-06-01T00:00:00Z]'),
    );
  });

  it('contains matches a substring in any case', async () => {
    assert.deepEqual(
      await query('company/companies', 'name contains "GROUP"'),
      expectedIds(sim, 'companies', (r) => lower(r.name).includes('group')),
    );
  });

  it('like matches % and * wildcards', async () => {
    const expected = expectedIds(sim, 'configurations', (r) => /-lt-/i.test(String(r.name)));
    assert.deepEqual(await query('company/configurations', 'name like "%-LT-%"'), expected);
    assert.deepEqual(await query('company/configurations', 'name like "*-lt-*"'), expected);
  });

  it('like reads [[] as a literal [', async () => {
    assert.deepEqual(
      await query('company/companies', 'name like "[[]Legacy]%"'),
      expectedIds(sim, 'companies', (r) => String(r.name).startsWith('[Legacy]')),
    );
  });

  it('matches a literal % with like "100[%]%"', async () => {
    assert.deepEqual(
      await query('company/companies', 'name like "100[%]%"'),
      expectedIds(sim, 'companies', (r) => String(r.name).startsWith('100%')),
    );
  });

  it('in and not in match lists', async () => {
    assert.deepEqual(
      await query('company/configurations', 'type/id in (1, 2)'),
      expectedIds(sim, 'configurations', (r) => [1, 2].includes(at(r, 'type/id') as number)),
    );
    assert.deepEqual(
      await query('company/configurations', 'type/id not in (1,2)'),
      expectedIds(sim, 'configurations', (r) => ![1, 2].includes(at(r, 'type/id') as number)),
    );
  });

  it('not contains and not like negate the match', async () => {
    assert.deepEqual(
      await query('company/configurations', 'name not contains "-WS-"'),
      expectedIds(sim, 'configurations', (r) => !String(r.name).includes('-WS-')),
    );
    assert.deepEqual(
      await query('company/configurations', 'name not like "%-WS-%"'),
      expectedIds(sim, 'configurations', (r) => !String(r.name).includes('-WS-')),
    );
  });

  it('= null and != null test for an absent field', async () => {
    assert.deepEqual(
      await query('company/configurations', 'tagNumber = null'),
      expectedIds(sim, 'configurations', (r) => r.tagNumber === undefined),
    );
    assert.deepEqual(
      await query('company/configurations', 'tagNumber != null'),
      expectedIds(sim, 'configurations', (r) => r.tagNumber !== undefined),
    );
  });

  it('reads true and false in any case', async () => {
    const expected = expectedIds(sim, 'configurations', (r) => r.activeFlag === false);
    assert.deepEqual(await query('company/configurations', 'activeFlag = FALSE'), expected);
    assert.deepEqual(await query('company/configurations', 'activeFlag = false'), expected);
  });

  it('accepts single-quoted strings with escaped quotes', async () => {
    assert.deepEqual(
      await query('company/companies', "name = 'O\\'Brien & Daughters, Inc.'"),
      expectedIds(sim, 'companies', (r) => r.name === "O'Brien & Daughters, Inc."),
    );
  });

  it('accepts a double quote escaped with a backslash', async () => {
    assert.deepEqual(
      await query('company/companies', 'name contains "\\"West\\""'),
      expectedIds(sim, 'companies', (r) => String(r.name).includes('"West"')),
    );
  });

  it('follows nested reference paths', async () => {
    const companyId = at(sim.admin.all('configurations')[0] as Row, 'company/id') as number;
    assert.deepEqual(
      await query('company/configurations', `company/id = ${companyId}`),
      expectedIds(sim, 'configurations', (r) => at(r, 'company/id') === companyId),
    );
  });

  it('binds and tighter than or', async () => {
    const expected = expectedIds(
      sim,
      'configurations',
      (r) => at(r, 'type/id') === 3 || (at(r, 'type/id') === 1 && r.activeFlag === false),
    );
    assert.deepEqual(
      await query('company/configurations', 'type/id = 3 or type/id = 1 and activeFlag = false'),
      expected,
    );
  });

  it('lets parentheses override precedence', async () => {
    const expected = expectedIds(
      sim,
      'configurations',
      (r) => (at(r, 'type/id') === 3 || at(r, 'type/id') === 1) && r.activeFlag === false,
    );
    assert.deepEqual(
      await query('company/configurations', '(type/id = 3 OR type/id = 1) AND activeFlag = false'),
      expected,
    );
  });

  it('reads keywords in any case', async () => {
    assert.deepEqual(
      await query('company/configurations', 'name NOT LIKE "%-WS-%" And type/id In (1,2,3)'),
      await query('company/configurations', 'name not like "%-WS-%" and type/id in (1,2,3)'),
    );
  });

  it('refuses a malformed condition with 400 InvalidObject naming the position', async () => {
    const res = await get(sim, 'company/configurations', { conditions: 'name = "x" and (id > 3' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { code: string; message: string; errors: Row[] };
    assert.equal(body.code, 'InvalidObject');
    assert.match(body.message, /position \d+/);
    assert.equal(body.errors[0]?.field, 'conditions');
  });

  it('refuses an unknown field with 400 ApiFindCondition', async () => {
    const res = await get(sim, 'company/configurations', { conditions: 'serial = "x"' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { code: string; message: string };
    assert.equal(body.code, 'ApiFindCondition');
    assert.equal(body.message, 'serial is not a recognized name.');
  });

  it('refuses a child collection in conditions: it belongs in childConditions', async () => {
    const res = await get(sim, 'company/companies', { conditions: 'types/name = "Client"' });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /childConditions/);
  });

  it('refuses a literal of the wrong type with 400', async () => {
    for (const conditions of [
      'activeFlag = "true"',
      'id = "5"',
      'name = 5',
      'lastUpdated > "2023-01-01"',
      'name = Bob',
    ]) {
      assert.equal((await get(sim, 'company/configurations', { conditions })).status, 400, conditions);
    }
  });

  it('refuses an enum value the field cannot hold', async () => {
    const res = await get(sim, 'finance/agreements', { conditions: 'agreementStatus = "Canceled"' });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /Enum value supplied was invalid/);
  });

  it('matches field names case-insensitively', async () => {
    assert.deepEqual(
      await query('company/configurations', 'ActiveFlag = true'),
      await query('company/configurations', 'activeFlag = true'),
    );
  });

  it('filters on array children with childConditions', async () => {
    const expected = expectedIds(sim, 'companies', (r) =>
      (r.types as Row[]).some((t) => t.name === 'Vendor'),
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(
      ids(
        await getJson(sim, 'company/companies', { childConditions: 'types/name = "Vendor"', fields: 'id' }),
      ),
      expected,
    );
  });

  it('requires one child to satisfy every clause of childConditions', async () => {
    const expected = expectedIds(sim, 'companies', (r) =>
      (r.types as Row[]).some((t) => t.id === 1 && t.name === 'Partner'),
    );
    assert.deepEqual(expected, []);
    assert.deepEqual(
      await getJson(sim, 'company/companies', { childConditions: 'types/id = 1 and types/name = "Partner"' }),
      [],
    );
  });

  it('filters on custom fields with customFieldConditions', async () => {
    const expected = expectedIds(sim, 'companies', (r) =>
      (r.customFields as Row[]).some((f) => f.caption === 'Contract Tier' && f.value === 'Gold'),
    );
    assert.ok(expected.length > 0);
    const rows = await getJson(sim, 'company/companies', {
      customFieldConditions: 'caption = "Contract Tier" AND value = "Gold"',
      fields: 'id',
    });
    assert.deepEqual(ids(rows), expected);
  });

  it('combines conditions, childConditions and customFieldConditions with and', async () => {
    const expected = expectedIds(
      sim,
      'companies',
      (r) =>
        r.deletedFlag === false &&
        (r.types as Row[]).some((t) => t.name === 'Client') &&
        (r.customFields as Row[]).some((f) => f.caption === 'Onboarded' && f.value === true),
    );
    const rows = await getJson(sim, 'company/companies', {
      conditions: 'deletedFlag = false',
      childConditions: 'types/name = "Client"',
      customFieldConditions: 'caption = "Onboarded" and value = true',
      fields: 'id',
      pageSize: 100,
    });
    assert.deepEqual(ids(rows), expected);
  });

  it('reads parameter names case-insensitively (childconditions)', async () => {
    const rows = await getJson(sim, 'company/companies', {
      childconditions: 'types/name = "Vendor"',
      fields: 'id',
    });
    assert.deepEqual(
      ids(rows),
      expectedIds(sim, 'companies', (r) => (r.types as Row[]).some((t) => t.name === 'Vendor')),
    );
  });

  it('count returns {count} and honours the conditions', async () => {
    const all = await getJson<{ count: number }>(sim, 'company/configurations/count');
    assert.deepEqual(all, { count: 400 });
    const active = await getJson<{ count: number }>(sim, 'company/configurations/count', {
      conditions: 'activeFlag = true',
    });
    assert.equal(active.count, expectedIds(sim, 'configurations', (r) => r.activeFlag === true).length);
  });

  it('count refuses a malformed condition with 400', async () => {
    assert.equal((await get(sim, 'company/configurations/count', { conditions: 'id >' })).status, 400);
  });
});
