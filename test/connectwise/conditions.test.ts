import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import {
  compileConditions,
  conditionFilterSchema,
  conditionParts,
  type ConditionFilter,
} from '../../connectors/connectwise/conditions.js';

function refused(filter: unknown, pattern: RegExp): void {
  assert.throws(
    () => compileConditions(filter as ConditionFilter),
    (err: unknown) => {
      assert.ok(err instanceof ConnectorError);
      assert.equal(err.kind, 'bad_request');
      assert.equal(err.retryable, false);
      assert.match(err.message, pattern);
      return true;
    },
  );
}

/**
 * A minimal reader of the conditions grammar: splits a compiled string into tokens the way the server must,
 * so a test can check that a hostile value stays one string literal.
 */
function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === ' ') {
      i += 1;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      assert.ok(end !== -1, `unterminated string in ${text}`);
      out.push(text.slice(i, end + 1));
      i = end + 1;
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      out.push(text.slice(i, end + 1));
      i = end + 1;
    } else {
      const m = /^[^ ()"'[]+|^[()]/.exec(text.slice(i));
      out.push(m?.[0] ?? c);
      i += (m?.[0] ?? c).length;
    }
  }
  return out;
}

describe('conditions builder', () => {
  it('writes a comparison with a quoted string', () => {
    assert.equal(
      compileConditions({ field: 'status/name', op: '=', value: 'Active' }),
      'status/name = "Active"',
    );
  });

  it('writes bare integers and decimals, booleans and null', () => {
    assert.equal(compileConditions({ field: 'board/id', op: '=', value: 123 }), 'board/id = 123');
    assert.equal(compileConditions({ field: 'price', op: '>=', value: 12.5 }), 'price >= 12.5');
    assert.equal(compileConditions({ field: 'balance', op: '<', value: -3 }), 'balance < -3');
    assert.equal(compileConditions({ field: 'closedFlag', op: '=', value: false }), 'closedFlag = false');
    assert.equal(
      compileConditions({ field: 'parentTicketId', op: '=', value: null }),
      'parentTicketId = null',
    );
    assert.equal(compileConditions({ field: 'parentTicketId', op: 'is-null' }), 'parentTicketId = null');
    assert.equal(compileConditions({ field: 'site/id', op: 'not-null' }), 'site/id != null');
  });

  it('writes datetimes in brackets, from a Date or an ISO string marked as datetime', () => {
    assert.equal(
      compileConditions({ field: 'lastUpdated', op: '>', value: new Date('2016-08-20T18:04:26Z') }),
      'lastUpdated > [2016-08-20T18:04:26Z]',
    );
    assert.equal(
      compileConditions({
        field: 'dateEntered',
        op: '<=',
        value: '2016-08-20T18:04:26.123Z',
        type: 'datetime',
      }),
      'dateEntered <= [2016-08-20T18:04:26.123Z]',
    );
    // Offsets are read unreliably by the server (reference §4.2): converted to Z.
    assert.equal(
      compileConditions({
        field: 'dateEntered',
        op: '>',
        value: '2024-01-01T02:00:00+02:00',
        type: 'datetime',
      }),
      'dateEntered > [2024-01-01T00:00:00Z]',
    );
    assert.equal(
      compileConditions({ field: 'timeStart', op: '>=', value: '2026-04-01', type: 'datetime' }),
      'timeStart >= [2026-04-01]',
    );
  });

  it('writes the word operators and in-lists', () => {
    assert.equal(compileConditions({ field: 'name', op: 'like', value: 'Fred%' }), 'name like "Fred%"');
    assert.equal(compileConditions({ field: 'name', op: 'contains', value: 'x' }), 'name contains "x"');
    assert.equal(
      compileConditions({ field: 'summary', op: 'not-contains', value: 'Low Priority' }),
      'summary not contains "Low Priority"',
    );
    assert.equal(
      compileConditions({ field: 'name', op: 'not-like', value: '%test' }),
      'name not like "%test"',
    );
    assert.equal(
      compileConditions({ field: 'board/id', op: 'in', value: [3, 2, 4] }),
      'board/id in (3, 2, 4)',
    );
    assert.equal(
      compileConditions({ field: 'status/name', op: 'not-in', value: ['Closed', "Won't fix"] }),
      'status/name not in ("Closed", "Won\'t fix")',
    );
  });

  it('combines with and / or, parenthesising inner groups only', () => {
    const filter: ConditionFilter = {
      and: [
        {
          or: [
            { field: 'contact/name', op: 'like', value: 'Fred%' },
            { field: 'closedFlag', op: '=', value: false },
          ],
        },
        { field: 'dateEntered', op: '>', value: new Date('2015-12-23T05:53:27Z') },
      ],
    };
    assert.equal(
      compileConditions(filter),
      '(contact/name like "Fred%" or closedFlag = false) and dateEntered > [2015-12-23T05:53:27Z]',
    );
    assert.equal(compileConditions({ and: [] }), '');
    assert.equal(compileConditions({ and: [{ and: [] }, { field: 'id', op: '>', value: 5 }] }), 'id > 5');
    assert.equal(compileConditions(undefined), '');
  });

  it('writes a literal [ inside a string as [[] (vendor escaping)', () => {
    assert.equal(compileConditions({ field: 'name', op: '=', value: 'a[1]' }), 'name = "a[[]1]"');
  });

  it('delimits a string holding " with single quotes, and one holding \' with double quotes', () => {
    assert.equal(compileConditions({ field: 'name', op: '=', value: 'say "hi"' }), `name = 'say "hi"'`);
    assert.equal(compileConditions({ field: 'name', op: '=', value: "O'Brien" }), `name = "O'Brien"`);
  });

  describe('hostile values stay one string literal', () => {
    const hostile = [
      '" or 1=1 or "',
      "' or 1=1 or '",
      'x") or (id > 0',
      'a\\b',
      '\\" or id > 0 or \\"',
      '100% [sure]',
      '] or id > 0 or [',
      'line one\nline two\r\n\ttab',
      ') or (1=1',
      'a'.repeat(5000),
      '%27%22',
      'ünïcödé ✓ 😀',
    ];
    for (const value of hostile) {
      it(`${JSON.stringify(value.slice(0, 30))}`, () => {
        const compiled = compileConditions({
          and: [
            { field: 'name', op: '=', value },
            { field: 'id', op: '>', value: 1 },
          ],
        });
        const toks = tokens(compiled);
        // name = <one literal> and id > 1
        assert.equal(toks.length, 7, compiled.slice(0, 200));
        assert.deepEqual(
          [toks[0], toks[1], toks[3], toks[4], toks[5], toks[6]],
          ['name', '=', 'and', 'id', '>', '1'],
        );
        const literal = toks[2] ?? '';
        const quote = literal.charAt(0);
        assert.ok(quote === '"' || quote === "'");
        assert.equal(literal.slice(1, -1).replaceAll('[[]', '['), value);
      });
    }

    it('refuses a value with both quote kinds, or a trailing backslash', () => {
      refused({ field: 'name', op: '=', value: `it's "quoted"` }, /both " and '/);
      refused({ field: 'name', op: 'contains', value: 'ends with \\' }, /backslash/);
    });
  });

  describe('field paths cannot inject conditions', () => {
    for (const field of [
      'name = "x" or id',
      'name)',
      'status/name or 1=1',
      '',
      '/name',
      'name/',
      'a//b',
      'na-me',
      'name"',
      '1abc',
      'x'.repeat(201),
    ]) {
      it(`refuses ${JSON.stringify(field.slice(0, 30))}`, () => {
        refused({ field, op: '=', value: 1 }, /is not a field path/);
      });
    }
    it('accepts nested and underscore paths', () => {
      assert.equal(
        compileConditions({ field: '_info/lastUpdated', op: 'not-null' }),
        '_info/lastUpdated != null',
      );
      assert.equal(
        compileConditions({ field: 'company/identifier', op: '=', value: 'A1' }),
        'company/identifier = "A1"',
      );
    });
  });

  it('refuses values that do not fit the operator, naming where they are', () => {
    refused({ field: 'id', op: 'in', value: [] }, /conditions: in needs a non-empty list/);
    refused(
      { and: [{ field: 'id', op: 'in', value: 5 }] },
      /conditions\.and\[0\]: in needs a non-empty list/,
    );
    refused({ field: 'name', op: 'contains', value: 5 }, /contains needs a text value/);
    refused({ field: 'flag', op: '>', value: true }, /> needs a number, a text or a date/);
    refused({ field: 'id', op: '=', value: [1, 2] }, /use in \/ not-in/);
    refused({ field: 'id', op: 'is-null', value: 3 }, /takes no value/);
    refused({ field: 'id', op: '=', value: Number.NaN }, /cannot be written as a ConnectWise number/);
    refused({ field: 'id', op: '=', value: 1e21 }, /cannot be written/);
    refused({ field: 'id', op: '~', value: 1 }, /unknown operator "~"/);
    refused({ field: 'd', op: '>', value: 'yesterday', type: 'datetime' }, /not a date-time/);
    refused(
      { field: 'd', op: '>', value: '2024-01-01T00:00:00Z] or [x', type: 'datetime' },
      /not a date-time/,
    );
    refused({ field: 'd', op: '>', value: new Date('nope') }, /not valid/);
    refused({ or: [] }, /empty "or" matches nothing/);
    refused({ and: [{ or: [{ field: 'id', op: '=', value: 1 }] }], or: [] }, /either "and" or "or"/);
    refused({ field: 'id', op: '=', value: { toString: () => '1' } }, /a value must be text/);
    refused('id = 1', /expected a comparison/);
  });

  it('lists each compiled comparison with its position', () => {
    const parts = conditionParts(
      { and: [{ field: 'a', op: '=', value: 1 }, { or: [{ field: 'b', op: 'is-null' }] }] },
      'childConditions',
    );
    assert.deepEqual(parts, [
      { at: 'childConditions.and[0]', text: 'a = 1' },
      { at: 'childConditions.and[1].or[0]', text: 'b = null' },
    ]);
  });

  it('validates filters received as JSON', () => {
    assert.ok(conditionFilterSchema.safeParse({ and: [{ field: 'a', op: 'in', value: [1, 'x'] }] }).success);
    assert.equal(conditionFilterSchema.safeParse({ field: 'a', op: 'between', value: 1 }).success, false);
    assert.equal(conditionFilterSchema.safeParse({ field: 'a', op: '=', value: 1, sql: 'x' }).success, false);
  });
});
