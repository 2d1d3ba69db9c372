import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesFilters, planFilters } from '../../mapping/filters.js';
import type { Filter } from '../../mapping/spec.js';

const company = {
  id: 1,
  name: "O'Brien & Sons",
  state: 'TX',
  numberOfEmployees: 120,
  deletedFlag: false,
  status: { id: 1, name: 'Active' },
  types: [{ id: 1, name: 'Client' }],
  customFields: [{ caption: 'Region', value: 'South' }],
  _info: { lastUpdated: '2025-06-01T10:00:00Z', dateEntered: '2020-01-01T00:00:00Z' },
};

describe('filters', () => {
  it('pushes plain and nested fields into conditions, array children into childConditions, the rest after fetch', () => {
    const filters: Filter[] = [
      { field: 'state', op: '=', value: 'TX' },
      { field: 'status/name', op: '!=', value: 'Inactive' },
      { field: 'types/name', op: '=', value: 'Client' },
      { field: 'custom:Region', op: '=', value: 'South' },
      { field: 'types/0/name', op: '=', value: 'Client' },
      { field: '_info/lastUpdated', op: '>', value: '2025-01-01T00:00:00Z' },
      { field: '_info/dateEntered', op: '>', value: '2019-01-01T00:00:00Z' },
    ];
    const plan = planFilters(filters, (top) => top === 'types' || top === 'customFields');
    assert.deepEqual(
      plan.conditions.map((f) => f.field),
      ['state', 'status/name', 'lastUpdated'],
    );
    assert.deepEqual(
      plan.childConditions.map((f) => f.field),
      ['types/name'],
    );
    assert.deepEqual(
      plan.postFetch.map((f) => f.field),
      ['custom:Region', 'types/0/name', '_info/dateEntered'],
    );
  });

  it('evaluates like ConnectWise: case-insensitive text, % wildcards, numbers, dates, lists, nulls', () => {
    const yes: Filter[] = [
      { field: 'state', op: '=', value: 'tx' },
      { field: 'name', op: 'like', value: "o'brien%" },
      { field: 'name', op: 'contains', value: '& SONS' },
      { field: 'numberOfEmployees', op: '>=', value: 100 },
      { field: 'deletedFlag', op: '=', value: false },
      { field: 'state', op: 'in', value: ['CA', 'TX'] },
      { field: 'website', op: 'is-null' },
      { field: 'types/name', op: '=', value: 'client' },
      { field: 'custom:region', op: '=', value: 'SOUTH' },
      { field: '_info/lastUpdated', op: '>', value: '2025-05-31T23:59:59Z' },
    ];
    for (const filter of yes) assert.equal(matchesFilters(company, [filter]), true, JSON.stringify(filter));
    const no: Filter[] = [
      { field: 'state', op: '!=', value: 'TX' },
      { field: 'numberOfEmployees', op: '<', value: 100 },
      { field: 'state', op: 'not-in', value: ['TX'] },
      { field: 'name', op: 'not-like', value: '%sons' },
      { field: 'types/name', op: '!=', value: 'Client' },
      { field: 'website', op: 'not-null' },
    ];
    for (const filter of no) assert.equal(matchesFilters(company, [filter]), false, JSON.stringify(filter));
  });

  it('needs every filter to hold', () => {
    assert.equal(
      matchesFilters(company, [
        { field: 'state', op: '=', value: 'TX' },
        { field: 'numberOfEmployees', op: '>', value: 500 },
      ]),
      false,
    );
  });
});
