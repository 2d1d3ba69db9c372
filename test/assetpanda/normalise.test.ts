import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldText, normaliseObject } from '../../connectors/assetpanda/normalise.js';

describe('normalising Asset Panda objects', () => {
  it('reads field values under data (v3)', () => {
    const o = normaliseObject({
      id: '629a0431ce890d002b55ebc3',
      display_name: 'Laptop 1',
      is_archived: false,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-02T00:00:00Z',
      data: { field_1: '1001', field_11: { id: '77', value: 'Available' } },
      share_url: 'https://x',
    });
    assert.deepEqual(o, {
      id: '629a0431ce890d002b55ebc3',
      archived: false,
      fields: { field_1: '1001', field_11: { id: '77', value: 'Available' } },
      displayName: 'Laptop 1',
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-02T00:00:00Z',
    });
  });

  it('reads field values at the top level (v2) with display_name lists', () => {
    const o = normaliseObject({
      id: 'a1',
      is_archived: true,
      field_1: 7,
      field_2: { id: 3, display_name: 'Dell' },
      gps_coordinates: [1, 2],
    });
    assert.deepEqual(o?.fields, { field_1: '7', field_2: { id: '3', value: 'Dell' } });
    assert.equal(o?.archived, true);
  });

  it('prefers data when a value is in both places', () => {
    const o = normaliseObject({ id: 'a1', field_1: 'old', field_2: 'top only', data: { field_1: 'new' } });
    assert.deepEqual(o?.fields, { field_1: 'new', field_2: 'top only' });
  });

  it('reads field_values as a map or a list of {key, value}, and survives a data it cannot use', () => {
    assert.deepEqual(normaliseObject({ id: 'a', field_values: { field_1: 'X1' } })?.fields, {
      field_1: 'X1',
    });
    assert.deepEqual(
      normaliseObject({
        id: 'b',
        field_values: [{ key: 'field_1', value: 'X2' }, { key: 'status', value: 'ignored' }, 'junk'],
      })?.fields,
      { field_1: 'X2' },
    );
    assert.deepEqual(
      normaliseObject({ id: 'c', data: 'not an object', field_values: { field_2: 'Y' } })?.fields,
      { field_2: 'Y' },
    );
    assert.deepEqual(
      normaliseObject({ id: 'd', field_values: { field_1: 'old' }, data: { field_1: 'new' } })?.fields,
      { field_1: 'new' },
      'data wins',
    );
  });

  it('keeps blanks, booleans, multi-values and unknown structures without dropping them', () => {
    const o = normaliseObject({
      id: 1,
      archived: 'true',
      data: {
        field_1: null,
        field_2: true,
        field_3: ['a', { id: 'x', value: 'b' }],
        field_4: { weird: 1 },
        field_5: { value: 'plain' },
      },
    });
    assert.equal(o?.id, '1');
    assert.equal(o?.archived, true);
    assert.deepEqual(o?.fields, {
      field_1: null,
      field_2: 'true',
      field_3: ['a', { id: 'x', value: 'b' }],
      field_4: '{"weird":1}',
      field_5: 'plain',
    });
  });

  it('treats an object without an archive flag as live', () => {
    assert.equal(normaliseObject({ id: 'z' })?.archived, false);
  });

  it('rejects things without an id', () => {
    assert.equal(normaliseObject({ data: { field_1: 'x' } }), undefined);
    assert.equal(normaliseObject({ id: '' }), undefined);
    assert.equal(normaliseObject('nope'), undefined);
  });

  it('gives the text a person sees for any value', () => {
    assert.equal(fieldText('a'), 'a');
    assert.equal(fieldText({ id: '1', value: 'Available' }), 'Available');
    assert.equal(fieldText(['a', { id: '1', value: 'b' }]), 'a, b');
    assert.equal(fieldText(null), undefined);
  });
});
