import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { entityFields } from '../../../simulators/connectwise/schema/catalogue.js';
import { CW_ENTITIES } from '../../../simulators/connectwise/index.js';
import { at, startSim } from './helpers.js';
import type { Row, Sim } from './helpers.js';

const counts = { companies: 30, configurations: 400, catalog: 40, tickets: 60, agreements: 20 };

/** Links carry the random port; everything else must be equal. */
function portless(sim: Sim, rows: Row[]): string {
  return JSON.stringify(rows).replaceAll(sim.url, 'http://host');
}

describe('ConnectWise simulator: seeded data', () => {
  let a: Sim;
  let b: Sim;
  let other: Sim;
  before(async () => {
    [a, b, other] = await Promise.all([
      startSim({ seed: 42, counts }),
      startSim({ seed: 42, counts }),
      startSim({ seed: 43, counts }),
    ]);
  });
  after(async () => {
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it('gives identical data for the same seed', () => {
    for (const entity of CW_ENTITIES) {
      assert.equal(portless(a, a.admin.all(entity)), portless(b, b.admin.all(entity)), entity);
    }
  });

  it('gives different data for another seed', () => {
    assert.notEqual(portless(a, a.admin.all('companies')), portless(other, other.admin.all('companies')));
  });

  it('makes the requested number of each entity', () => {
    for (const entity of CW_ENTITIES) assert.equal(a.admin.all(entity).length, counts[entity], entity);
  });

  it('refers only to existing companies', () => {
    const companyIds = new Set(a.admin.all('companies').map((c) => c.id));
    for (const entity of ['configurations', 'tickets', 'agreements'] as const) {
      for (const record of a.admin.all(entity)) assert.ok(companyIds.has(at(record, 'company/id')), entity);
    }
  });

  it('stamps lastUpdated in the past, second precision, with many records sharing a second', () => {
    const stamps = a.admin.all('configurations').map((r) => at(r, '_info/lastUpdated') as string);
    for (const s of stamps) {
      assert.match(s, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.ok(Date.parse(s) < Date.UTC(2024, 0, 1));
    }
    assert.ok(new Set(stamps).size < stamps.length * 0.5, 'at least half the records share a second');
  });

  it('enters every record no later than it was last updated', () => {
    for (const entity of CW_ENTITIES) {
      for (const r of a.admin.all(entity)) {
        assert.ok(
          Date.parse(at(r, '_info/dateEntered') as string) <=
            Date.parse(at(r, '_info/lastUpdated') as string),
        );
      }
    }
  });

  it('uses only fields of the entity catalogue', () => {
    for (const entity of CW_ENTITIES) {
      const known = new Set([...entityFields(entity).values()].map((f) => f.name));
      for (const record of a.admin.all(entity)) {
        for (const key of Object.keys(record)) assert.ok(known.has(key), `${entity}.${key}`);
      }
    }
  });

  it('gives every reference object an _info link', () => {
    for (const record of a.admin.all('configurations')) {
      for (const field of ['type', 'status', 'company', 'manufacturer']) {
        const info = at(record, `${field}/_info`) as Row;
        assert.match(String(Object.values(info)[0]), /^http:\/\/.+\/v4_6_release\/apis\/3\.0\//);
      }
    }
  });

  it('keeps company identifiers and catalog SKUs unique', () => {
    const unique = (values: unknown[]) =>
      new Set(values.map((v) => String(v).toLowerCase())).size === values.length;
    assert.ok(unique(a.admin.all('companies').map((c) => c.identifier)));
    assert.ok(unique(a.admin.all('catalog').map((c) => c.identifier)));
  });
});
