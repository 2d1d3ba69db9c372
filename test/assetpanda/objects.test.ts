/**
 * Writing objects against a scripted server: batch limits, what is sent, and reading the answers the
 * vendor does not document.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import {
  AssetPandaValidationError,
  createAssetPandaClient,
  MAX_BATCH,
  splitIntoBatches,
  type AssetPandaClientOptions,
  type AssetPandaSettingsInput,
} from '../../connectors/assetpanda/index.js';
import { countingBudget, startStub, type Stub, type StubHandler } from './support/stub.js';

const stubs: Stub[] = [];
after(async () => Promise.all(stubs.map((s) => s.close())));

async function clientFor(
  handler: StubHandler,
  settings: AssetPandaSettingsInput = {},
  options: AssetPandaClientOptions = {},
) {
  const s = await startStub(handler);
  stubs.push(s);
  return { stub: s, client: createAssetPandaClient({ baseUrl: s.url, token: 'T', ...settings }, options) };
}

async function rejects(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ConnectorError, String(err));
    return err;
  }
  assert.fail('expected a ConnectorError');
}

const echoCreated = (body: unknown) => {
  const objects = (body as { objects: Array<Record<string, string>> }).objects;
  return { status: 200, json: { objects: objects.map((o, i) => ({ id: `id${i}`, data: o })) } };
};

describe('splitting work into batches', () => {
  it('cuts at the 200-object limit', () => {
    assert.equal(MAX_BATCH, 200);
    const items = Array.from({ length: 401 }, (_, i) => i);
    assert.deepEqual(
      splitIntoBatches(items).map((b) => b.length),
      [200, 200, 1],
    );
    assert.deepEqual(splitIntoBatches([], 3), []);
    assert.deepEqual(splitIntoBatches([1, 2, 3], 2), [[1, 2], [3]]);
    assert.throws(() => splitIntoBatches([1], 0), RangeError);
  });

  it('refuses more than 200 objects in one call before making any call', async () => {
    const budget = countingBudget();
    const { client, stub } = await clientFor(() => ({ status: 200, json: {} }), {}, { budget });
    const objects = Array.from({ length: 201 }, (_, i) => ({ field_1: String(i) }));
    for (const call of [
      client.createObjects(1, objects),
      client.updateObjects(
        1,
        objects.map((fields, i) => ({ id: `o${i}`, fields })),
      ),
      client.archiveObjects(
        1,
        objects.map((_, i) => `o${i}`),
        '2024-01-01',
      ),
      client.unarchiveObjects(
        1,
        objects.map((_, i) => `o${i}`),
      ),
    ]) {
      const err = await rejects(call);
      assert.equal(err.kind, 'bad_request');
      assert.match(err.message, /splitIntoBatches/);
    }
    assert.equal(stub.requests.length, 0);
    assert.equal(budget.takes, 0);
  });
});

describe('creating objects', () => {
  it('sends {objects} with every value as a string and returns the created objects in order', async () => {
    const { client, stub } = await clientFor((r) => echoCreated(r.body));
    const result = await client.createObjects(5, [
      { field_1: 1, field_2: 'a', field_3: true },
      { field_1: 2, field_2: 'b', field_3: false, field_4: undefined },
    ]);
    assert.deepEqual(stub.requests[0]?.body, {
      objects: [
        { field_1: '1', field_2: 'a', field_3: 'true' },
        { field_1: '2', field_2: 'b', field_3: 'false' },
      ],
    });
    assert.equal(stub.requests[0]?.path, '/v3/groups/5/objects');
    assert.equal(result.idsReturned, true);
    assert.deepEqual(
      result.objects.map((o) => [o.id, o.fields.field_1]),
      [
        ['id0', '1'],
        ['id1', '2'],
      ],
    );
  });

  it('says when the answer carries no ids, so the caller can look the objects up', async () => {
    for (const json of [
      {},
      { message: 'Created' },
      { objects: [{ data: { field_1: '1' } }, { id: 'x' }] },
      [{ id: 'only one' }],
    ]) {
      const { client } = await clientFor(() => ({ status: 201, json }));
      const result = await client.createObjects(5, [{ field_1: '1' }, { field_1: '2' }]);
      assert.equal(result.idsReturned, false, JSON.stringify(json));
      if (!result.idsReturned) assert.match(result.reason, /look the objects up/);
    }
    const { client } = await clientFor(() => ({ status: 204 }));
    assert.equal((await client.createObjects(5, [{ field_1: '1' }])).idsReturned, false);
  });

  it('accepts exactly 200 objects in one call', async () => {
    const { client, stub } = await clientFor((r) => echoCreated(r.body));
    const result = await client.createObjects(
      5,
      Array.from({ length: 200 }, (_, i) => ({ field_1: String(i) })),
    );
    assert.equal(stub.requests.length, 1);
    assert.equal(result.objects.length, 200);
  });

  it('refuses keys that are not field keys, so a misspelt mapping fails loudly', async () => {
    const { client, stub } = await clientFor(() => ({ status: 200, json: {} }));
    const err = await rejects(client.createObjects(5, [{ field_1: 'a' }, { Company: 'x' }]));
    assert.match(err.message, /#1: field keys must look like field_N, not Company/);
    assert.equal(stub.requests.length, 0);
  });

  it('reports a 422 whose errors it cannot tie to objects as unattributed', async () => {
    const { client } = await clientFor(() => ({
      status: 422,
      json: { errors: { field_1: ['is not unique'] }, code: 2 },
    }));
    const err = await rejects(client.createObjects(5, [{ field_1: '1' }, { field_1: '1' }]));
    assert.ok(err instanceof AssetPandaValidationError);
    assert.equal(err.attributed, false);
    assert.equal(err.batchSize, 2);
    assert.deepEqual(err.unattributed, [{ field: 'field_1', messages: ['is not unique'] }]);
  });

  it('writes Date values in the account date format, asking the account once', async () => {
    const { client, stub } = await clientFor((r) =>
      r.path === '/v3/settings'
        ? { status: 200, json: { settings: { date_format: 'DD/MM/YYYY' } } }
        : echoCreated(r.body),
    );
    await client.createObjects(5, [{ field_10: new Date(Date.UTC(2024, 0, 31)) }]);
    await client.createObjects(5, [{ field_10: new Date(Date.UTC(2024, 1, 1)) }]);
    await client.createObjects(5, [{ field_1: 'no dates, no settings call' }]);
    assert.deepEqual(
      stub.requests.map((r) => r.path),
      ['/v3/settings', '/v3/groups/5/objects', '/v3/groups/5/objects', '/v3/groups/5/objects'],
    );
    assert.deepEqual(stub.requests[1]?.body, { objects: [{ field_10: '31/01/2024' }] });
  });

  it('uses the date format from the settings without asking the account', async () => {
    const { client, stub } = await clientFor((r) => echoCreated(r.body), { dateFormat: 'YYYY.MM.DD' });
    await client.createObjects(5, [{ field_10: new Date(Date.UTC(2024, 0, 31)) }]);
    assert.deepEqual(
      stub.requests.map((r) => r.path),
      ['/v3/groups/5/objects'],
    );
    assert.deepEqual(stub.requests[0]?.body, { objects: [{ field_10: '2024.01.31' }] });
  });

  it('falls back to MM/DD/YYYY when the account does not say or has no settings, but not when the call fails', async () => {
    const { client } = await clientFor((r) =>
      r.path === '/v3/settings' ? { status: 200, json: { settings: {} } } : { status: 200, json: {} },
    );
    assert.equal(await client.dateFormat(), 'MM/DD/YYYY');
    const flaky = await clientFor(() => ({ status: 503, json: {} }));
    assert.equal((await rejects(flaky.client.dateFormat())).kind, 'server_error');
    const missing = await clientFor(() => ({ status: 404, json: {} }));
    assert.equal(await missing.client.dateFormat(), 'MM/DD/YYYY');
    const rejected = await clientFor(() => ({ status: 401, json: {} }));
    assert.equal((await rejects(rejected.client.dateFormat())).kind, 'unauthorized');
  });
});

describe('updating and patching objects', () => {
  it('sends {objects:[{id, field_N}]} with PUT', async () => {
    const { client, stub } = await clientFor(() => ({
      status: 200,
      json: { objects: [{ id: 'a', data: { field_2: 'x' } }] },
    }));
    const result = await client.updateObjects(5, [{ id: 'a', fields: { field_2: 'x', field_3: null } }]);
    assert.equal(stub.requests[0]?.method, 'PUT');
    assert.deepEqual(stub.requests[0]?.body, { objects: [{ field_2: 'x', field_3: '', id: 'a' }] });
    assert.deepEqual(
      result.objects.map((o) => o.id),
      ['a'],
    );
  });

  it('refuses two updates of the same object in one call', async () => {
    const { client } = await clientFor(() => ({ status: 200, json: {} }));
    const err = await rejects(
      client.updateObjects(5, [
        { id: 'a', fields: {} },
        { id: 'a', fields: {} },
      ]),
    );
    assert.match(err.message, /appears twice/);
  });

  it('patches one object with a flat field map and returns the echo if any', async () => {
    const { client, stub } = await clientFor(() => ({
      status: 200,
      json: { id: 'a/b', field_1: 'z', is_archived: false },
    }));
    const patched = await client.patchObject(5, 'a/b', { field_1: 'z' });
    assert.equal(stub.requests[0]?.method, 'PATCH');
    assert.equal(stub.requests[0]?.path, '/v3/groups/5/objects/a%2Fb');
    assert.deepEqual(stub.requests[0]?.body, { field_1: 'z' });
    assert.deepEqual(patched?.fields, { field_1: 'z' });
  });

  it('ties every problem of a one-object patch to that object', async () => {
    const { client } = await clientFor(() => ({
      status: 422,
      json: { errors: [{ field_2: ['Name is required'] }] },
    }));
    const err = await rejects(client.patchObject(5, 'a', { field_2: '' }));
    assert.ok(err instanceof AssetPandaValidationError);
    assert.deepEqual(err.records, [
      { index: 0, fields: [{ field: 'field_2', messages: ['Name is required'] }] },
    ]);
  });
});

describe('archiving objects', () => {
  it('sends object ids and the stop date in the account format; unarchive sends the ids', async () => {
    const { client, stub } = await clientFor(() => ({ status: 200, json: { message: 'ok' } }), {
      dateFormat: 'MM/DD/YYYY',
    });
    await client.archiveObjects(5, ['a', 'b'], '2022-11-24');
    await client.unarchiveObjects(5, ['a']);
    await client.archiveObjects(5, [], '2022-11-24');
    assert.deepEqual(
      stub.requests.map((r) => [r.method, r.path, r.body]),
      [
        ['POST', '/v3/groups/5/objects/archive', { object_ids: ['a', 'b'], stop_date: '11/24/2022' }],
        ['POST', '/v3/groups/5/objects/unarchive', { object_ids: ['a'] }],
      ],
    );
  });
});
