/** Groups, fields, statuses, settings and test-connection against a scripted server. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createAssetPandaClient } from '../../connectors/assetpanda/index.js';
import { findDateFormat } from '../../connectors/assetpanda/groups.js';
import { ACCOUNT, startStub, type Stub, type StubHandler } from './support/stub.js';

const stubs: Stub[] = [];
after(async () => Promise.all(stubs.map((s) => s.close())));

async function clientFor(handler: StubHandler) {
  const s = await startStub(handler);
  stubs.push(s);
  return { stub: s, client: createAssetPandaClient({ baseUrl: s.url, token: 'T' }) };
}

describe('groups and fields', () => {
  it('lists groups from {groups} or a bare array, ignoring extra keys', async () => {
    const body = [
      { id: 139256, name: 'Assets', key: 'asset_items', icon: 'https://x' },
      { id: '7', name: 'People' },
    ];
    for (const json of [{ groups: body }, body]) {
      const { client } = await clientFor(() => ({ status: 200, json }));
      assert.deepEqual(await client.listGroups(), [
        { id: 139256, name: 'Assets', key: 'asset_items' },
        { id: 7, name: 'People' },
      ]);
    }
  });

  it('reads one group whether or not it is wrapped', async () => {
    for (const json of [{ group: { id: 3, name: 'Rooms' } }, { id: 3, name: 'Rooms', fields: [] }]) {
      const { client, stub } = await clientFor(() => ({ status: 200, json }));
      assert.deepEqual(await client.getGroup(3), { id: 3, name: 'Rooms' });
      assert.equal(stub.requests[0]?.path, '/v3/groups/3');
    }
  });

  it('normalises fields: key, name, type, required, and uniqueness only when the API says', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      json: {
        fields: [
          {
            id: 1,
            key: 'field_1',
            name: 'Serial',
            type: 'text',
            is_required: true,
            is_unique: 'unique_with_blank',
            entity_id: 9,
          },
          { key: 'field_2', label: 'Name', required: 'false' },
          { key: 'field_3', name: 'Tag', unique: false },
        ],
      },
    }));
    assert.deepEqual(await client.listFields(9), [
      {
        key: 'field_1',
        name: 'Serial',
        type: 'text',
        required: true,
        unique: true,
        uniqueRule: 'unique_with_blank',
      },
      { key: 'field_2', name: 'Name', required: false },
      { key: 'field_3', name: 'Tag', required: false, unique: false },
    ]);
  });

  it('leaves out fields it cannot write and reads flags of any spelling, instead of failing the list', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      json: {
        fields: [
          { key: 'status', name: 'Status' },
          { key: null, name: 'Broken' },
          { key: 'gps_coordinates', name: 'GPS' },
          { key: 'field_4', name: 7, type: 12, is_required: '1', is_unique: 0 },
          { key: 'field_5', name: 'Asset tag', is_required: 'yes', is_unique: 1 },
        ],
      },
    }));
    assert.deepEqual(await client.listFields(9), [
      { key: 'field_4', name: '7', type: '12', required: true, unique: false },
      { key: 'field_5', name: 'Asset tag', required: true, unique: true },
    ]);
  });

  it('keeps groups with odd names or keys, and refuses a list of which nothing can be read', async () => {
    const odd = await clientFor(() => ({
      status: 200,
      json: { groups: [{ id: 5, name: null, key: 12 }, { name: 'no id' }, { id: 6, name: 'Rooms' }] },
    }));
    assert.deepEqual(await odd.client.listGroups(), [
      { id: 5, name: 'Group 5', key: '12' },
      { id: 6, name: 'Rooms' },
    ]);
    const unknown = await clientFor(() => ({
      status: 200,
      json: { groups: [{ uuid: 'x' }, { uuid: 'y' }] },
    }));
    await assert.rejects(unknown.client.listGroups(), /unexpected shape/);
  });

  it('lists statuses with ids as text', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      json: { statuses: [{ id: 5, name: 'Available', is_default: true, key: 'available' }] },
    }));
    assert.deepEqual(await client.listStatuses(9), [
      { id: '5', name: 'Available', key: 'available', isDefault: true },
    ]);
  });

  it('refuses a group id that is not a positive integer without calling', async () => {
    const { client, stub } = await clientFor(() => ({ status: 200, json: {} }));
    await assert.rejects(client.listFields(1.5), /not an Asset Panda group id/);
    await assert.rejects(client.listFields(-1), /not an Asset Panda group id/);
    assert.equal(stub.requests.length, 0);
  });
});

describe('account settings', () => {
  it('finds the date format wherever the account puts it', () => {
    assert.equal(findDateFormat({ settings: { date_format: 'DD/MM/YYYY' } }), 'DD/MM/YYYY');
    assert.equal(findDateFormat({ dateFormat: 'YYYY-MM-DD' }), 'YYYY-MM-DD');
    assert.equal(
      findDateFormat({ settings: { account: { preferences: { date_format: '%d.%m.%Y' } } } }),
      '%d.%m.%Y',
    );
    assert.equal(findDateFormat({ settings: { token_expires_in: 3600 } }), undefined);
    assert.equal(findDateFormat(['x']), undefined);
  });

  it('reads the date format and token lifetime, tolerating any shape', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      json: { settings: { date_format: 'DD/MM/YYYY', token_expires_in: 86400, user_details: {} } },
    }));
    assert.deepEqual(await client.getSettings(), { dateFormat: 'DD/MM/YYYY', tokenExpiresIn: 86400 });
    const odd = await clientFor(() => ({ status: 200, json: 'fine' }));
    assert.deepEqual(await odd.client.getSettings(), {});
  });
});

describe('testing the connection', () => {
  const groups = { groups: [{ id: 1001, name: 'Companies' }] };

  it('returns the group name and field count when the group exists', async () => {
    const { client } = await clientFor((r) =>
      r.path === '/v3/groups'
        ? { status: 200, json: groups }
        : {
            status: 200,
            json: {
              fields: [
                { key: 'field_1', name: 'A' },
                { key: 'field_2', name: 'B' },
              ],
            },
          },
    );
    assert.deepEqual(await client.testConnection(1001), {
      ok: true,
      groupCount: 1,
      group: { id: 1001, name: 'Companies', fieldCount: 2 },
    });
    assert.deepEqual(await client.testConnection(), { ok: true, groupCount: 1 });
  });

  it('names a group that does not exist', async () => {
    const { client } = await clientFor(() => ({ status: 200, json: groups }));
    const result = await client.testConnection(42);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.problem, 'group_not_found');
  });

  it('names bad credentials', async () => {
    const s = await startStub(() => ({ status: 422, json: { message: 'Invalid email or password' } }));
    stubs.push(s);
    const result = await createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }).testConnection(1001);
    assert.deepEqual(result.ok ? undefined : [result.problem, result.retryable], ['bad_credentials', false]);
  });

  it('names an unreachable host', async () => {
    const s = await startStub(() => 'drop');
    await s.close();
    const result = await createAssetPandaClient({ baseUrl: s.url, token: 'T' }).testConnection(1001);
    assert.equal(result.ok ? undefined : result.problem, 'unreachable');
  });
});
