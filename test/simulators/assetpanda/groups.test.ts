import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_GROUPS } from '../../../simulators/assetpanda/index.js';
import { COMPANIES, startApi } from './helpers.js';

interface FieldJson {
  key: string;
  name: string;
  type: string;
  is_required: boolean;
  [key: string]: unknown;
}

describe('asset panda simulator: groups, fields, statuses, settings', () => {
  it('lists the demo groups with id, name, key and icon', async (t) => {
    const api = await startApi(t);
    const reply = await api.get<{ groups: Array<Record<string, unknown>> }>('/v3/groups');
    assert.equal(reply.status, 200);
    assert.deepEqual(
      reply.body.groups.map((g) => [g.id, g.name, g.key]),
      [
        [1001, 'Companies', 'companies'],
        [1002, 'Devices', 'devices'],
        [1003, 'Products', 'products'],
        [1004, 'Service Tickets', 'service_tickets'],
        [1005, 'Agreements', 'agreements'],
      ],
    );
    assert.ok(reply.body.groups.every((g) => typeof g.icon === 'string'));
  });

  it('returns one group with its fields', async (t) => {
    const api = await startApi(t);
    const reply = await api.get<{ id: number; name: string; fields: FieldJson[] }>('/v3/groups/1002');
    assert.equal(reply.status, 200);
    assert.equal(reply.body.name, 'Devices');
    assert.equal(reply.body.fields.length, 16);
  });

  it('returns the fields of a group with key, name, type and is_required, not uniqueness', async (t) => {
    const api = await startApi(t);
    const reply = await api.get<{ fields: FieldJson[] }>(`/v3/groups/${COMPANIES}/fields`);
    assert.equal(reply.status, 200);
    const companyId = reply.body.fields.find((f) => f.key === 'field_1')!;
    assert.equal(companyId.name, 'Company ID');
    assert.equal(companyId.type, 'number');
    assert.equal(companyId.is_required, true);
    assert.equal(reply.body.fields.find((f) => f.key === 'field_15')?.type, 'date');
    assert.ok(reply.body.fields.every((f) => !Object.keys(f).some((k) => /unique/i.test(k))));
    assert.deepEqual(
      reply.body.fields.map((f) => f.name),
      DEMO_GROUPS[0]!.fields.map((f) => f.name),
    );
  });

  it('returns the statuses of a group', async (t) => {
    const api = await startApi(t, {
      groups: [
        {
          id: 7,
          name: 'Assets',
          fields: [{ key: 'field_1', name: 'Name', type: 'text' }],
          statuses: ['Available', 'In Use'],
        },
      ],
    });
    const reply = await api.get<{ statuses: Array<Record<string, unknown>> }>('/v3/groups/7/statuses');
    assert.equal(reply.status, 200);
    assert.deepEqual(
      reply.body.statuses.map((s) => [s.name, s.key, s.entity_id, s.is_default]),
      [
        ['Available', 'available', 7, true],
        ['In Use', 'in_use', 7, false],
      ],
    );
  });

  it('returns account settings: date format, token lifetime and the user', async (t) => {
    const api = await startApi(t, { dateFormat: 'DD.MM.YYYY', tokenTtlSeconds: 1200 });
    const reply = await api.get<{ settings: Record<string, unknown> }>('/v3/settings');
    assert.equal(reply.status, 200);
    assert.equal(reply.body.settings.date_format, 'DD.MM.YYYY');
    assert.equal(reply.body.settings.token_expires_in, 1200);
    const user = reply.body.settings.user_details as Record<string, unknown>;
    assert.equal(user.email, 'demo@example.com');
    assert.equal(typeof user.account_id, 'number');
  });

  it('answers 404 with a message for an unknown group', async (t) => {
    const api = await startApi(t);
    for (const path of ['/v3/groups/999', '/v3/groups/999/fields', '/v3/groups/abc/statuses']) {
      const reply = await api.get(path);
      assert.equal(reply.status, 404, path);
      assert.match(String(reply.body.message), /not found/i);
    }
  });

  it('serves the groups given in options instead of the demo groups', async (t) => {
    const api = await startApi(t, { groups: [{ name: 'Rooms', fields: [] }] });
    const reply = await api.get<{ groups: Array<Record<string, unknown>> }>('/v3/groups');
    assert.deepEqual(
      reply.body.groups.map((g) => [g.name, g.key]),
      [['Rooms', 'rooms']],
    );
  });
});
