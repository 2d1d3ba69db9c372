import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utcInstant } from '../../mapping/utc-instant.js';
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

describe('dates without a zone', () => {
  /** Runs fn with the process in another time zone (Node re-reads TZ when it is assigned). */
  function inTimeZone(tz: string, fn: () => void): void {
    const saved = process.env.TZ;
    process.env.TZ = tz;
    try {
      fn();
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  }

  const naive = { id: 1, _info: { lastUpdated: '2025-06-01T10:00:00', dateEntered: '2025-06-01' } };

  for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
    it(`reads a naive date or datetime as UTC, whatever the worker's zone (${tz})`, () => {
      inTimeZone(tz, () => {
        const hold: Filter[] = [
          { field: '_info/lastUpdated', op: '=', value: '2025-06-01T10:00:00Z' },
          { field: '_info/lastUpdated', op: '<', value: '2025-06-01T12:00:00Z' },
          { field: '_info/lastUpdated', op: '>', value: '2025-06-01T08:00:00Z' },
          { field: '_info/lastUpdated', op: '=', value: '2025-06-01T12:00:00+02:00' },
          { field: '_info/lastUpdated', op: '=', value: '2025-06-01T05:00:00-0500' },
          { field: '_info/lastUpdated', op: '>', value: '2025-06-01T09:59:59' },
          { field: '_info/dateEntered', op: '=', value: '2025-06-01T00:00:00Z' },
          { field: '_info/dateEntered', op: '<', value: '2025-06-01T00:30:00' },
        ];
        for (const filter of hold)
          assert.equal(matchesFilters(naive, [filter]), true, JSON.stringify(filter));
        const fail: Filter[] = [
          { field: '_info/lastUpdated', op: '!=', value: '2025-06-01T10:00:00Z' },
          { field: '_info/lastUpdated', op: '>', value: '2025-06-01T10:30:00Z' },
          { field: '_info/lastUpdated', op: '<', value: '2025-06-01T09:30:00Z' },
        ];
        for (const filter of fail)
          assert.equal(matchesFilters(naive, [filter]), false, JSON.stringify(filter));
        assert.equal(utcInstant('2025-06-01T10:00:00'), Date.UTC(2025, 5, 1, 10));
        assert.equal(utcInstant('2025-06-01'), Date.UTC(2025, 5, 1));
        assert.equal(utcInstant('2025-06-01T10:00:00.250+0130'), Date.UTC(2025, 5, 1, 8, 30, 0, 250));
      });
    });
  }
});
