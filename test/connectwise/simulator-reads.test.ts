/**
 * The client against the ConnectWise simulator: authentication, codebase discovery and every kind of read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { createConnectWiseClient, type ConnectWiseClient } from '../../connectors/connectwise/index.js';
import { entityDefinition } from '../../connectors/connectwise/entities.js';
import { fieldSpecsFor } from '../../connectors/connectwise/field-specs.js';
import { fieldSchema } from '../../connectors/connectwise/schemas.js';
import { ids, simulatorSettings, startSimulator, type Simulator } from './support/simulator.js';

let sim: Simulator;
let client: ConnectWiseClient;

before(async () => {
  sim = await startSimulator({
    codebase: 'v2025_1/',
    isCloud: true,
    counts: { companies: 60, configurations: 95, catalog: 20, tickets: 30, agreements: 15 },
  });
  client = await createConnectWiseClient(simulatorSettings(sim));
});
after(async () => {
  await sim.close();
});

async function rejectsWith(promise: Promise<unknown>, kinds: string[]): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConnectorError, String(err));
    assert.ok(kinds.includes(err.kind), `${err.kind}: ${err.message}`);
    return err;
  }
  assert.fail(`expected ${kinds.join(' or ')}`);
}

describe('authentication against the simulator', () => {
  it('discovers the cloud codebase through companyinfo', () => {
    assert.equal(client.site.codebase, 'v2025_1/');
    assert.equal(client.site.isCloud, true);
    assert.equal(client.site.apiUrl, `${sim.url}/v2025_1/apis/3.0`);
  });

  it('wrong keys are unauthorized (401), not retryable', async () => {
    for (const bad of [{ privateKey: 'wrong' }, { publicKey: 'wrong' }]) {
      const wrong = await createConnectWiseClient(simulatorSettings(sim, bad));
      const err = await rejectsWith(wrong.count('companies'), ['unauthorized']);
      assert.equal(err.status, 401);
      assert.equal(err.retryable, false);
      assert.match(err.message, /public key and private key/);
    }
  });

  it('an unregistered clientId is refused, not retried', async () => {
    const wrong = await createConnectWiseClient(
      simulatorSettings(sim, { clientId: '00000000-0000-4000-8000-000000000000' }),
    );
    const err = await rejectsWith(wrong.count('companies'), ['forbidden', 'unauthorized']);
    assert.equal(err.retryable, false);
  });

  it('a pinned codebase that is not the site’s own is a 404, reported as not found', async () => {
    const pinned = await createConnectWiseClient(simulatorSettings(sim, { codebase: 'v4_6_release/' }));
    const err = await rejectsWith(pinned.list('companies'), ['not_found']);
    assert.match(err.message, /no Companies endpoint.*codebase/);
  });
});

describe('reads against the simulator', () => {
  it('list applies conditions, orderBy and fields', async () => {
    const all = sim.admin.all('companies');
    const status = (all[0]?.status as { name?: string } | undefined)?.name;
    assert.ok(status);
    const expected = all
      .filter((c) => (c.status as { name?: string }).name === status && c.deletedFlag === false)
      .map((c) => c.id as number)
      .sort((a, b) => b - a);
    const page = await client.list('companies', {
      conditions: {
        and: [
          { field: 'status/name', op: '=', value: status },
          { field: 'deletedFlag', op: '=', value: false },
        ],
      },
      orderBy: [{ field: 'id', direction: 'desc' }],
      fields: ['id', 'name', 'status/name'],
      pageSize: 1000,
    });
    assert.deepEqual(ids(page.records), expected);
    for (const record of page.records) {
      assert.deepEqual(
        Object.keys(record).sort(),
        ['id', 'name', 'status'].filter((k) => k in record).sort(),
      );
      assert.equal(record._info, undefined, '_info only when asked for');
    }
    assert.equal(page.hasMore, false);
  });

  it('pages through a collection with page / pageSize and the Link header', async () => {
    const seen: number[] = [];
    for (let page = 1; page < 20; page += 1) {
      const result = await client.list('configurations', {
        page,
        pageSize: 25,
        orderBy: 'id asc',
        fields: ['id'],
      });
      seen.push(...ids(result.records));
      if (!result.hasMore) break;
    }
    assert.deepEqual(
      seen,
      ids(sim.admin.all('configurations')).sort((a, b) => a - b),
    );
  });

  it('count honours conditions', async () => {
    assert.equal(await client.count('tickets'), sim.admin.all('tickets').length);
    const closed = sim.admin.all('tickets').filter((t) => t.closedFlag === true).length;
    assert.equal(await client.count('tickets', { field: 'closedFlag', op: '=', value: true }), closed);
  });

  it('get by id returns the record; a missing id is not_found', async () => {
    const first = sim.admin.all('agreements')[0];
    assert.ok(first);
    const record = await client.get('agreements', first.id as number);
    assert.equal(record.id, first.id);
    assert.equal(record.name, first.name);
    const err = await rejectsWith(client.get('agreements', 987654), ['not_found']);
    assert.equal(err.status, 404);
    assert.equal(err.retryable, false);
  });

  it('a forward-only full read sees every record once', async () => {
    const seen: number[] = [];
    let pageId: number | undefined;
    for (let i = 0; i < 50; i += 1) {
      const page = await client.listForwardOnly('configurations', {
        pageSize: 30,
        fields: ['id'],
        ...(pageId !== undefined && { pageId }),
      });
      seen.push(...ids(page.records));
      if (page.done) break;
      pageId = page.nextPageId ?? undefined;
    }
    const expected = ids(sim.admin.all('configurations')).sort((a, b) => a - b);
    assert.deepEqual(seen, expected);
  });

  it('every record of every entity passes its schema, every documented field with its declared type', async () => {
    for (const entity of ['companies', 'configurations', 'catalog', 'tickets', 'agreements'] as const) {
      const page = await client.list(entity, { pageSize: 1000 });
      assert.equal(page.records.length, sim.admin.all(entity).length, entity);
      // The record schema keeps an oddly typed field raw; the simulator should never send one.
      const specs = fieldSpecsFor(entityDefinition(entity).path);
      for (const record of page.records) {
        for (const spec of specs) {
          const ok = fieldSchema(spec).safeParse(record[spec.name]).success;
          assert.ok(ok, `${entity} ${String(record.id)}: ${spec.name}`);
        }
      }
    }
  });
});
