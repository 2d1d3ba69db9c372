import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import {
  assertUrlLength,
  checkPageSize,
  compileFields,
  compileOrderBy,
  encodeQueryValue,
  filterParams,
  queryString,
} from '../../connectors/connectwise/query.js';

describe('query parameters', () => {
  it('refuses a pageSize over 1000 or below 1', () => {
    assert.equal(checkPageSize(1000, 25), 1000);
    assert.equal(checkPageSize(undefined, 25), 25);
    for (const bad of [1001, 0, 2.5]) {
      assert.throws(
        () => checkPageSize(bad, 25),
        (err: unknown) =>
          err instanceof ConnectorError && err.kind === 'bad_request' && /1 to 1000/.test(err.message),
      );
    }
  });

  it('adds the fields a reader needs to a partial response', () => {
    assert.equal(compileFields(['name', 'status/name'], ['id', '_info']), 'name,status/name,id,_info');
    assert.equal(compileFields(['id', '_info/lastUpdated'], ['id', '_info']), 'id,_info/lastUpdated');
    assert.equal(compileFields(undefined, ['id']), undefined);
    assert.throws(() => compileFields(['name,id']), /not a field path/);
  });

  it('validates orderBy given as a string or as data', () => {
    assert.equal(compileOrderBy('name asc, id DESC'), 'name asc, id desc');
    assert.equal(
      compileOrderBy([{ field: 'contact/name' }, { field: 'id', direction: 'desc' }]),
      'contact/name asc, id desc',
    );
    assert.throws(() => compileOrderBy('name;drop asc'), /not a field path/);
    assert.throws(() => compileOrderBy('name sideways'), /field asc/);
  });

  it("encodes every character that could read as syntax, including ' * ( )", () => {
    assert.equal(
      encodeQueryValue(`name = "a b" & 'c'*(d)+%`),
      'name%20%3D%20%22a%20b%22%20%26%20%27c%27%2A%28d%29%2B%25',
    );
    assert.equal(
      queryString([
        ['conditions', 'id = 1'],
        ['pageSize', '5'],
      ]),
      'conditions=id%20%3D%201&pageSize=5',
    );
  });

  it('compiles the three filter parameters separately', () => {
    const params = filterParams({
      conditions: { field: 'name', op: '=', value: 'x' },
      childConditions: { field: 'communicationItems/value', op: 'like', value: '%@x.com' },
      customFieldConditions: {
        and: [
          { field: 'caption', op: '=', value: 'Tom' },
          { field: 'value', op: 'not-null' },
        ],
      },
    });
    assert.deepEqual(params, [
      ['conditions', 'name = "x"'],
      ['childConditions', 'communicationItems/value like "%@x.com"'],
      ['customFieldConditions', 'caption = "Tom" and value != null'],
    ]);
  });

  it('refuses a URL over 2000 characters, naming the filter that made it long', () => {
    const ids = Array.from({ length: 400 }, (_, i) => 100000 + i);
    const query = {
      conditions: {
        and: [
          { field: 'status/name', op: '=' as const, value: 'Active' },
          { field: 'id', op: 'in' as const, value: ids },
        ],
      },
    };
    const params = filterParams(query);
    const url = `https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?${queryString(params)}`;
    assert.throws(
      () => assertUrlLength(url, params, query),
      (err: unknown) => {
        assert.ok(err instanceof ConnectorError);
        assert.equal(err.kind, 'bad_request');
        assert.match(err.message, /at most 2000/);
        assert.match(err.message, /conditions takes \d+ of them/);
        assert.match(err.message, /longest filter is conditions\.and\[1\] \(id in \(100000, /);
        return true;
      },
    );
    assert.doesNotThrow(() => assertUrlLength('https://h/x?a=1', [['a', '1']], {}));
  });
});
