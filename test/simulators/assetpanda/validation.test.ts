import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApGroupSpec } from '../../../simulators/assetpanda/index.js';
import { company, COMPANIES, PRODUCTS, startApi, type ApiObject, type ValidationReply } from './helpers.js';

const objects = (gid: number) => `/v3/groups/${gid}/objects`;

const KINDS: ApGroupSpec = {
  id: 50,
  name: 'Kinds',
  statuses: ['Available', 'Retired'],
  fields: [
    { key: 'field_1', name: 'Tag', type: 'text', unique: 'unique_with_blank' },
    { key: 'field_2', name: 'Owner Email', type: 'email' },
    { key: 'field_3', name: 'Homepage', type: 'url' },
    { key: 'field_4', name: 'Phone', type: 'phone' },
    { key: 'field_5', name: 'Size', type: 'list', options: ['Small', 'Large'] },
    { key: 'field_6', name: 'State', type: 'status' },
    { key: 'field_7', name: 'Notes', type: 'textarea' },
  ],
};

describe('asset panda simulator: validation', () => {
  it('rejects a whole batch when one object is invalid, with errors aligned to the input', async (t) => {
    const api = await startApi(t);
    await api.post(objects(COMPANIES), company(2));
    const reply = await api.post<ValidationReply>(objects(COMPANIES), {
      objects: [company(1), company(2), company(3)],
    });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.code, 2);
    assert.deepEqual(reply.body.errors, [{}, { field_1: ['Company ID is not unique'] }, {}]);
    assert.match(reply.body.message, /1 of 3 objects are invalid; nothing was saved/);
    assert.deepEqual(
      api.sim.admin.objects(COMPANIES).map((o) => o.fields.field_1),
      ['2'],
    );
  });

  it('rejects a batch entry that is not an object, at its position', async (t) => {
    const api = await startApi(t);
    const reply = await api.post<ValidationReply>(objects(COMPANIES), { objects: ['Acme', company(1)] });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.body.errors, [{ object: ['must be a JSON object of field keys and values'] }, {}]);
  });

  it('rejects field keys the group does not have', async (t) => {
    const api = await startApi(t);
    const reply = await api.post<ValidationReply>(objects(COMPANIES), {
      ...company(1),
      field_99: 'x',
      data: {},
    });
    assert.equal(reply.status, 422);
    assert.deepEqual(Object.keys(reply.body.errors[0]!).sort(), ['data', 'field_99']);
  });

  it('requires required fields on create, missing or blank', async (t) => {
    const api = await startApi(t);
    const reply = await api.post<ValidationReply>(objects(COMPANIES), {
      objects: [{ field_1: '1' }, { field_1: '2', field_3: '   ' }],
    });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.body.errors, [
      { field_3: ["Company can't be blank"] },
      { field_3: ["Company can't be blank"] },
    ]);
  });

  it('requires dates in the account date format', async (t) => {
    const api = await startApi(t);
    for (const bad of ['2024-01-31', '1/31/2024', '02/30/2024', '31/01/2024']) {
      const reply = await api.post<ValidationReply>(objects(COMPANIES), { ...company(1), field_15: bad });
      assert.equal(reply.status, 422, bad);
      assert.match(reply.body.errors[0]!.field_15![0]!, /MM\/DD\/YYYY/);
    }
    assert.equal((await api.post(objects(COMPANIES), { ...company(1), field_15: '01/31/2024' })).status, 201);
  });

  it('follows a configured account date format', async (t) => {
    const api = await startApi(t, { dateFormat: 'YYYY-MM-DD' });
    assert.equal((await api.post(objects(COMPANIES), { ...company(1), field_15: '01/31/2024' })).status, 422);
    assert.equal((await api.post(objects(COMPANIES), { ...company(1), field_15: '2024-01-31' })).status, 201);
  });

  it('accepts numbers and amounts with thousands separators, refuses other text', async (t) => {
    const api = await startApi(t);
    const ok = await api.post<ApiObject>(objects(PRODUCTS), {
      field_1: 'SKU-1',
      field_2: 'Widget',
      field_6: '55,444.33',
      field_7: '-12.5',
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.data.field_6, '55,444.33', 'stored as sent');
    const bad = await api.post<ValidationReply>(objects(PRODUCTS), {
      field_1: 'SKU-2',
      field_2: 'Widget',
      field_6: '$5',
      field_7: '1,2',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.errors[0]!).sort(), ['field_6', 'field_7']);
    const notNumber = await api.post<ValidationReply>(objects(COMPANIES), { field_1: 'abc', field_3: 'X' });
    assert.match(notNumber.body.errors[0]!.field_1![0]!, /must be a number/);
  });

  it('accepts true/false, yes/no and 1/0 for booleans, nothing else', async (t) => {
    const api = await startApi(t);
    for (const [i, value] of ['true', 'False', 'yes', 'NO', '1', '0'].entries()) {
      const reply = await api.post(objects(PRODUCTS), { field_1: `S${i}`, field_2: 'x', field_9: value });
      assert.equal(reply.status, 201, value);
    }
    const bad = await api.post(objects(PRODUCTS), { field_1: 'S9', field_2: 'x', field_9: 'maybe' });
    assert.equal(bad.status, 422);
  });

  it('checks e-mail, URL and phone fields; a URL may omit the scheme', async (t) => {
    const api = await startApi(t, { groups: [KINDS] });
    const good = await api.post(objects(50), {
      field_2: 'it@example.com',
      field_3: 'www.example.com',
      field_4: '+1 (555) 123-4567 x12',
    });
    assert.equal(good.status, 201);
    const bad = await api.post<ValidationReply>(objects(50), {
      field_2: 'not-an-email',
      field_3: 'not a url',
      field_4: 'call me',
    });
    assert.deepEqual(Object.keys(bad.body.errors[0]!).sort(), ['field_2', 'field_3', 'field_4']);
  });

  it('accepts list options and statuses (by name or id) in the account spelling', async (t) => {
    const api = await startApi(t, { groups: [KINDS] });
    const byName = await api.post<ApiObject>(objects(50), { field_5: 'large', field_6: 'available' });
    assert.equal(byName.status, 201);
    assert.equal(byName.body.data.field_5, 'Large');
    assert.equal(byName.body.data.field_6, 'Available');
    const byId = await api.post<ApiObject>(objects(50), { field_6: '5002' });
    assert.equal(byId.body.data.field_6, 'Retired');
    const bad = await api.post<ValidationReply>(objects(50), { field_5: 'Medium', field_6: 'Lost' });
    assert.deepEqual(Object.keys(bad.body.errors[0]!).sort(), ['field_5', 'field_6']);
  });

  it('refuses objects and arrays as field values', async (t) => {
    const api = await startApi(t, { groups: [KINDS] });
    const reply = await api.post<ValidationReply>(objects(50), { field_7: { id: 1 }, field_5: ['Small'] });
    assert.equal(reply.status, 422);
    assert.match(reply.body.errors[0]!.field_7![0]!, /must be a string/);
  });

  it('unique: refuses a value another object already has', async (t) => {
    const api = await startApi(t);
    await api.post(objects(COMPANIES), company(1));
    const reply = await api.post<ValidationReply>(objects(COMPANIES), company(1, 'Other'));
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.body.errors, [{ field_1: ['Company ID is not unique'] }]);
  });

  it('unique: refuses the same value twice in one batch, flagging the later object', async (t) => {
    const api = await startApi(t);
    const reply = await api.post<ValidationReply>(objects(COMPANIES), { objects: [company(1), company(1)] });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.body.errors, [{}, { field_1: ['Company ID is not unique'] }]);
  });

  it('unique: an archived object still holds its value', async (t) => {
    const api = await startApi(t);
    const created = await api.post<ApiObject>(objects(COMPANIES), company(1));
    await api.post(`/v3/groups/${COMPANIES}/objects/archive`, {
      object_ids: [created.body.id],
      stop_date: '01/01/2024',
    });
    const reply = await api.post(objects(COMPANIES), company(1));
    assert.equal(reply.status, 422);
  });

  it("unique: a 'unique' field may not be blank", async (t) => {
    const api = await startApi(t, {
      groups: [
        { id: 9, name: 'Tags', fields: [{ key: 'field_1', name: 'Tag', type: 'text', unique: 'unique' }] },
      ],
    });
    const reply = await api.post<ValidationReply>(objects(9), { field_1: '' });
    assert.deepEqual(reply.body.errors, [{ field_1: ["Tag can't be blank"] }]);
  });

  it('unique_with_blank: blanks repeat freely, other values may not', async (t) => {
    const api = await startApi(t, { groups: [KINDS] });
    const blanks = await api.post(objects(50), { objects: [{ field_1: '' }, {}, { field_1: 'A' }] });
    assert.equal(blanks.status, 201);
    assert.equal((await api.post(objects(50), { field_1: 'A' })).status, 422);
  });

  it('unique: numbers compare by value, text compares case-sensitively after trimming', async (t) => {
    const api = await startApi(t);
    await api.post(objects(COMPANIES), company(1000));
    assert.equal((await api.post(objects(COMPANIES), { field_1: '1,000', field_3: 'X' })).status, 422);
    await api.post(objects(PRODUCTS), { field_1: 'ABC-1', field_2: 'x' });
    assert.equal((await api.post(objects(PRODUCTS), { field_1: ' ABC-1 ', field_2: 'x' })).status, 422);
    assert.equal((await api.post(objects(PRODUCTS), { field_1: 'abc-1', field_2: 'x' })).status, 201);
  });
});
