import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashValues, mapRecord } from '../../mapping/apply.js';
import { readPath } from '../../mapping/paths.js';
import { mappingSpecSchema, type MappingSpecInput } from '../../mapping/spec.js';

const device = {
  id: 42,
  name: 'LAPTOP-42',
  status: { id: 2, name: 'Active', _info: { status_href: 'x' } },
  company: { id: 7, identifier: 'ACME', name: 'Acme Inc' },
  types: [
    { id: 1, name: 'Client' },
    { id: 3, name: 'Partner' },
  ],
  purchaseDate: '2024-03-05T00:00:00Z',
  activeFlag: true,
  ram: '16',
  customFields: [{ id: 9, caption: 'Warranty Tier', value: 'Gold' }],
  _info: { lastUpdated: '2025-01-02T03:04:05Z' },
};

const spec = (input: Partial<MappingSpecInput>) =>
  mappingSpecSchema.parse({
    groupId: 1002,
    uniqueKey: { source: 'id', target: 'field_1' },
    fields: [],
    ...input,
  });

describe('reading ConnectWise paths', () => {
  it('reads nested references, array indexes, _info and custom fields by caption', () => {
    assert.equal(readPath(device, 'status/name'), 'Active');
    assert.equal(readPath(device, 'company/identifier'), 'ACME');
    assert.equal(readPath(device, 'types/1/name'), 'Partner');
    assert.equal(readPath(device, '_info/lastUpdated'), '2025-01-02T03:04:05Z');
    assert.equal(readPath(device, 'custom:warranty tier'), 'Gold');
    assert.equal(readPath(device, 'missing/deeper'), undefined);
  });
});

describe('mapping one record', () => {
  it('writes every value as a string and the unique identifier into its field', () => {
    const result = mapRecord(
      spec({
        fields: [
          { source: 'name', target: 'field_2' },
          { source: 'status', target: 'field_4' },
          { source: 'types', target: 'field_3' },
          { source: 'ram', target: 'field_5', transform: { type: 'number' } },
        ],
      }),
      device,
      { dateFormat: 'MM/DD/YYYY' },
    );
    assert.ok(result.ok);
    assert.deepEqual(result.record.values, {
      field_1: '42',
      field_2: 'LAPTOP-42',
      field_4: 'Active',
      field_3: 'Client, Partner',
      field_5: '16',
    });
    assert.equal(result.record.uniqueValue, '42');
  });

  it('formats dates in the account format and booleans as configured', () => {
    const result = mapRecord(
      spec({
        fields: [
          { source: 'purchaseDate', target: 'field_10', transform: { type: 'date' } },
          {
            source: 'activeFlag',
            target: 'field_15',
            transform: { type: 'boolean', trueValue: 'Yes', falseValue: 'No' },
          },
          {
            source: '_info/lastUpdated',
            target: 'field_16',
            transform: { type: 'date', format: 'YYYY-MM-DD HH:mm' },
          },
        ],
      }),
      device,
      { dateFormat: 'DD/MM/YYYY' },
    );
    assert.ok(result.ok);
    assert.equal(result.record.values.field_10, '05/03/2024');
    assert.equal(result.record.values.field_15, 'Yes');
    assert.equal(result.record.values.field_16, '2025-01-02 03:04');
  });

  it('fails a record with a date, with the reason, when the account date format could not be read', () => {
    const dated = spec({
      fields: [{ source: 'purchaseDate', target: 'field_10', transform: { type: 'date' } }],
    });
    const result = mapRecord(dated, device, { dateFormat: '' });
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.match(result.failure.reason, /date format could not be read; set assetPanda.dateFormat/);
    const explicit = spec({
      fields: [{ source: 'purchaseDate', target: 'field_10', transform: { type: 'date', format: 'YYYY' } }],
    });
    assert.equal(mapRecord(explicit, device, { dateFormat: '' }).ok, true, 'a format of its own needs none');
  });

  it('applies lookups, templates and defaults', () => {
    const result = mapRecord(
      spec({
        fields: [
          {
            source: 'status/name',
            target: 'field_4',
            transform: { type: 'lookup', table: { active: 'In Service' } },
          },
          { target: 'field_2', transform: { type: 'template', template: '{name} ({company/identifier})' } },
          { source: 'serialNumber', target: 'field_6', default: 'unknown' },
          { target: 'field_7', default: 'ConnectWise' },
        ],
      }),
      device,
      { dateFormat: 'MM/DD/YYYY' },
    );
    assert.ok(result.ok);
    assert.equal(result.record.values.field_4, 'In Service');
    assert.equal(result.record.values.field_2, 'LAPTOP-42 (ACME)');
    assert.equal(result.record.values.field_6, 'unknown');
    assert.equal(result.record.values.field_7, 'ConnectWise');
  });

  it('quarantines a record whose value cannot be converted, naming the field', () => {
    const result = mapRecord(
      spec({ fields: [{ source: 'name', target: 'field_5', transform: { type: 'number' } }] }),
      device,
      { dateFormat: 'MM/DD/YYYY' },
    );
    assert.ok(!result.ok);
    assert.equal(result.failure.cwId, 42);
    assert.match(result.failure.reason, /name → field_5: "LAPTOP-42" is not a number/);
  });

  it('quarantines a record whose unique identifier is blank', () => {
    const result = mapRecord(spec({ uniqueKey: { source: 'serialNumber', target: 'field_6' } }), device, {
      dateFormat: 'MM/DD/YYYY',
    });
    assert.ok(!result.ok);
    assert.match(result.failure.reason, /unique identifier serialNumber is blank/);
  });

  it('gives equal values the same hash whatever the key order, and different values different hashes', () => {
    assert.equal(hashValues({ a: '1', b: '2' }), hashValues({ b: '2', a: '1' }));
    assert.notEqual(hashValues({ a: '1', b: '2' }), hashValues({ a: '1', b: '3' }));
  });
});
