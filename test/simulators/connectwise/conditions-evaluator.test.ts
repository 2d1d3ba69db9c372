import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConditionError } from '../../../simulators/connectwise/conditions/errors.js';
import { compileFilters } from '../../../simulators/connectwise/conditions/filters.js';
import type { FilterParams } from '../../../simulators/connectwise/conditions/filters.js';
import { likeToRegExp } from '../../../simulators/connectwise/conditions/like.js';
import type { CwEntity } from '../../../simulators/connectwise/index.js';

type Row = Record<string, unknown>;

function matches(entity: CwEntity, params: FilterParams | string, records: Row[]): number[] {
  const predicate = compileFilters(entity, typeof params === 'string' ? { conditions: params } : params);
  return records.filter((r) => !predicate || predicate(r)).map((r) => r.id as number);
}

const devices: Row[] = [
  {
    id: 1,
    name: 'Alpha ',
    tagNumber: 'AT-1',
    activeFlag: true,
    _info: { lastUpdated: '2024-01-01T00:00:00Z' },
  },
  { id: 2, name: 'beta', activeFlag: false, _info: { lastUpdated: '2024-01-01T00:00:01Z' } },
  {
    id: 3,
    name: 'Gämma [x]',
    tagNumber: 'AT-3',
    activeFlag: true,
    _info: { lastUpdated: '2023-12-31T23:59:59Z' },
  },
];

describe('LIKE patterns', () => {
  it('% and * match any run of characters', () => {
    assert.ok(likeToRegExp('a%c').test('abbbc'));
    assert.ok(likeToRegExp('a*c').test('ac'));
  });

  it('_ matches exactly one character', () => {
    assert.ok(likeToRegExp('a_c').test('abc'));
    assert.equal(likeToRegExp('a_c').test('ac'), false);
  });

  it('[...] matches a set or range, [^...] its complement', () => {
    assert.ok(likeToRegExp('[a-c]1').test('b1'));
    assert.equal(likeToRegExp('[^a-c]1').test('b1'), false);
  });

  it('[[] matches a literal [', () => {
    assert.ok(likeToRegExp('[[]x]').test('[x]'));
  });

  it('ignores case and escapes regular-expression characters', () => {
    assert.ok(likeToRegExp('A.B(c)').test('a.b(C)'));
    assert.equal(likeToRegExp('A.B').test('axb'), false);
  });
});

describe('conditions evaluation', () => {
  it('compares text ignoring case and trailing spaces, like SQL Server', () => {
    assert.deepEqual(matches('configurations', 'name = "ALPHA"', devices), [1]);
  });

  it('keeps accents significant', () => {
    assert.deepEqual(matches('configurations', 'name like "gamma%"', devices), []);
    assert.deepEqual(matches('configurations', 'name like "gämma%"', devices), [3]);
  });

  it('never matches an absent field with !=, not in or not like', () => {
    assert.deepEqual(matches('configurations', 'tagNumber != "AT-1"', devices), [3]);
    assert.deepEqual(matches('configurations', 'tagNumber not in ("AT-1")', devices), [3]);
    assert.deepEqual(matches('configurations', 'tagNumber not like "AT-1"', devices), [3]);
  });

  it('compares datetimes as instants', () => {
    assert.deepEqual(
      matches('configurations', 'lastUpdated >= [2024-01-01T01:00:00+01:00]', devices),
      [1, 2],
    );
  });

  it('treats contains as a LIKE with wildcards around it', () => {
    assert.deepEqual(matches('configurations', 'name contains "[[]x"', devices), [3]);
  });

  it('refuses < on a boolean', () => {
    assert.throws(
      () => compileFilters('configurations', { conditions: 'activeFlag < true' }),
      /boolean can only be compared/,
    );
  });

  it('refuses null with an ordering operator', () => {
    assert.throws(
      () => compileFilters('configurations', { conditions: 'tagNumber > null' }),
      /null can only be compared/,
    );
  });

  it('refuses contains on a number field', () => {
    assert.throws(() => compileFilters('configurations', { conditions: 'id contains "1"' }), /text fields/);
  });

  it('reports an unknown name as ApiFindCondition for the parameter it came from', () => {
    assert.throws(
      () => compileFilters('configurations', { childConditions: 'nope/name = "x"' }),
      (err: Error & { param?: string; problem?: unknown }) =>
        err.param === 'childConditions' &&
        err.problem instanceof ConditionError &&
        err.problem.code === 'ApiFindCondition',
    );
  });

  it('refuses a path that stops at a reference object', () => {
    assert.throws(
      () => compileFilters('configurations', { conditions: 'company = 5' }),
      /company is an object/,
    );
  });

  it('evaluates childConditions on one child at a time', () => {
    const companies: Row[] = [
      {
        id: 1,
        types: [
          { id: 1, name: 'Client' },
          { id: 4, name: 'Partner' },
        ],
      },
      { id: 2, types: [{ id: 3, name: 'Vendor' }] },
    ];
    assert.deepEqual(matches('companies', { childConditions: 'types/name = "Partner"' }, companies), [1]);
    assert.deepEqual(
      matches('companies', { childConditions: 'types/id = 1 and types/name = "Partner"' }, companies),
      [],
    );
    assert.deepEqual(
      matches('companies', { childConditions: 'types/id = 1 or types/name = "Vendor"' }, companies),
      [1, 2],
    );
  });

  it('compares custom field values by the literal given', () => {
    const records: Row[] = [
      { id: 1, customFields: [{ caption: 'Seats', value: '12' }] },
      { id: 2, customFields: [{ caption: 'Seats', value: 5 }] },
      { id: 3, customFields: [{ caption: 'Seats' }] },
    ];
    assert.deepEqual(
      matches('companies', { customFieldConditions: 'caption = "Seats" and value > 6' }, records),
      [1],
    );
    assert.deepEqual(
      matches('companies', { customFieldConditions: 'caption = "Seats" and value = null' }, records),
      [3],
    );
  });
});
