import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MappedRecord } from '../../mapping/apply.js';
import type { Identity } from '../../store/identity-map.js';
import { planUpsert, type PlanInput } from '../../sync/plan-upsert.js';

const rec = (cwId: number, hash = `h${cwId}`, uniqueValue = String(cwId)): MappedRecord => ({
  cwId,
  uniqueValue,
  values: { field_1: uniqueValue },
  hash,
});
const identity = (cwId: number, hash: string | null, extra: Partial<Identity> = {}): Identity => ({
  cwId,
  groupId: 7,
  apObjectId: `obj${cwId}`,
  uniqueValue: String(cwId),
  hash,
  seenRun: null,
  archived: false,
  ...extra,
});
const input = (over: Partial<PlanInput>): PlanInput => ({
  groupId: 7,
  records: [],
  mappingFailures: [],
  done: new Map(),
  identities: new Map(),
  adopted: new Map(),
  owners: new Map(),
  ...over,
});

describe('planning the writes of a page', () => {
  it('costs nothing for a record whose values are unchanged', () => {
    const plan = planUpsert(input({ records: [rec(1)], identities: new Map([[1, identity(1, 'h1')]]) }));
    assert.equal(plan.unchanged.length, 1);
    assert.deepEqual([plan.updates.length, plan.creates.length], [0, 0]);
  });

  it('updates a changed record, unarchiving it first when its object was archived', () => {
    const plan = planUpsert(
      input({
        records: [rec(1), rec(2)],
        identities: new Map([
          [1, identity(1, 'old')],
          [2, identity(2, 'h2', { archived: true })],
        ]),
      }),
    );
    assert.deepEqual(
      plan.updates.map((u) => [u.record.cwId, u.unarchive]),
      [
        [1, false],
        [2, true],
      ],
    );
  });

  it('adopts an existing object by its unique value instead of creating one', () => {
    const plan = planUpsert(
      input({
        records: [rec(3)],
        adopted: new Map([['3', { uniqueValue: '3', apObjectId: 'a3', archived: false, hash: 'x' }]]),
      }),
    );
    assert.equal(plan.updates[0]?.apObjectId, 'a3');
    assert.equal(plan.creates.length, 0);
  });

  it('creates a record nobody has seen', () => {
    assert.deepEqual(
      planUpsert(input({ records: [rec(4)] })).creates.map((r) => r.cwId),
      [4],
    );
  });

  it('skips what an earlier attempt already wrote', () => {
    const done = new Map([
      [
        5,
        {
          cwId: 5,
          groupId: 7,
          apObjectId: 'o5',
          uniqueValue: '5',
          hash: 'h5',
          outcome: 'created' as const,
          archived: false,
        },
      ],
    ]);
    const plan = planUpsert(input({ records: [rec(5)], done }));
    assert.deepEqual([plan.unchanged.length, plan.updates.length, plan.creates.length], [0, 0, 0]);
  });

  it('refuses two records that share a unique value instead of merging them into one object', () => {
    const plan = planUpsert(input({ records: [rec(6, 'h6', 'SKU-1'), rec(7, 'h7', 'SKU-1')] }));
    assert.equal(plan.creates.length, 1);
    assert.match(plan.failures[0]?.reason ?? '', /also used by ConnectWise record 6/);
    const owned = planUpsert(input({ records: [rec(8, 'h8', 'SKU-2')], owners: new Map([['SKU-2', 99]]) }));
    assert.match(owned.failures[0]?.reason ?? '', /already belongs to ConnectWise record 99/);
  });

  it('keeps the object of a record that failed to map, so a full run does not archive it', () => {
    const plan = planUpsert(
      input({
        mappingFailures: [{ cwId: 9, reason: 'bad date' }],
        identities: new Map([[9, identity(9, 'h9')]]),
      }),
    );
    assert.equal(plan.failures[0]?.result.apObjectId, 'obj9');
    assert.equal(plan.failures[0]?.quarantine, false);
  });

  it('treats an identity from another group as unknown', () => {
    const plan = planUpsert(
      input({ records: [rec(10)], identities: new Map([[10, identity(10, 'h10', { groupId: 8 })]]) }),
    );
    assert.equal(plan.creates.length, 1);
  });
});
