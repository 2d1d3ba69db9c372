import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Condition } from '../../../simulators/connectwise/conditions/ast.js';
import { ConditionError } from '../../../simulators/connectwise/conditions/errors.js';
import { parseConditions } from '../../../simulators/connectwise/conditions/parser.js';
import { parseInstant, tokenize } from '../../../simulators/connectwise/conditions/tokenizer.js';

/** A compact rendering of a tree: `(a = 1 and (b = 2 or c = 3))`. */
function show(node: Condition | undefined): string {
  if (!node) return '';
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${show(node.left)} ${node.type} ${show(node.right)})`;
    case 'compare':
      return `${node.field.path} ${node.operator} ${JSON.stringify(node.value)}`;
    case 'match':
      return `${node.field.path} ${node.negated ? 'not ' : ''}${node.operator} ${JSON.stringify(node.value)}`;
    case 'in':
      return `${node.field.path} ${node.negated ? 'not ' : ''}in ${JSON.stringify(node.values)}`;
  }
}

function rejects(text: string, message: RegExp): void {
  assert.throws(
    () => parseConditions(text),
    (err: unknown) => {
      assert.ok(err instanceof ConditionError, String(err));
      assert.equal(err.code, 'InvalidObject');
      assert.match(err.message, message);
      assert.match(err.message, /at position \d+/);
      return true;
    },
  );
}

describe('conditions tokenizer', () => {
  it('reads paths with slashes as one word', () => {
    assert.deepEqual(tokenize('company/name'), [
      { type: 'word', text: 'company/name', position: 1 },
      { type: 'end', position: 13 },
    ]);
  });

  it('reads the six comparison operators', () => {
    const ops = tokenize('= != < <= > >=')
      .filter((t) => t.type === 'operator')
      .map((t) => ('text' in t ? t.text : ''));
    assert.deepEqual(ops, ['=', '!=', '<', '<=', '>', '>=']);
  });

  it('reads double- and single-quoted strings with backslash and doubled-quote escapes', () => {
    const values = tokenize(`"a\\"b" 'it''s' "c:\\temp"`).flatMap((t) =>
      t.type === 'string' ? [t.value] : [],
    );
    assert.deepEqual(values, ['a"b', "it's", 'c:\\temp']);
  });

  it('reads integers, decimals and negative numbers', () => {
    const values = tokenize('12 3.5 -7').flatMap((t) => (t.type === 'number' ? [t.value] : []));
    assert.deepEqual(values, [12, 3.5, -7]);
  });

  it('reads a bracketed datetime as an instant', () => {
    const [token] = tokenize('[2016-08-20T18:04:26Z]');
    assert.equal(token?.type, 'datetime');
    assert.equal(token?.type === 'datetime' ? token.value : 0, Date.UTC(2016, 7, 20, 18, 4, 26));
  });

  it('reads naive, offset, fractional and date-only instants', () => {
    assert.equal(parseInstant('2024-01-01T12:00:00.000000'), Date.UTC(2024, 0, 1, 12));
    assert.equal(parseInstant('2024-01-01T12:00:00+02:00'), Date.UTC(2024, 0, 1, 10));
    assert.equal(parseInstant('2024-01-01'), Date.UTC(2024, 0, 1));
    assert.equal(parseInstant('2024-02-30T00:00:00Z'), undefined);
  });

  it('refuses an unterminated string', () => {
    assert.throws(() => tokenize('name = "abc'), /Unterminated string/);
  });

  it('refuses a number run into letters', () => {
    assert.throws(() => tokenize('id = 12abc'), /Invalid value/);
  });

  it('refuses <>, pointing at !=', () => {
    assert.throws(() => tokenize('id <> 1'), /use !=/);
  });
});

describe('conditions parser', () => {
  it('parses a comparison', () => {
    assert.equal(show(parseConditions('board/id = 123')), 'board/id = {"kind":"number","value":123}');
  });

  it('returns nothing for an empty string', () => {
    assert.equal(parseConditions('   '), undefined);
  });

  it('binds and tighter than or', () => {
    assert.equal(
      show(parseConditions('a = 1 or b = 2 and c = 3')),
      '(a = {"kind":"number","value":1} or (b = {"kind":"number","value":2} and c = {"kind":"number","value":3}))',
    );
  });

  it('groups with parentheses', () => {
    assert.equal(
      show(parseConditions('(a = 1 or b = 2) and c = 3')),
      '((a = {"kind":"number","value":1} or b = {"kind":"number","value":2}) and c = {"kind":"number","value":3})',
    );
  });

  it('reads keywords in any case', () => {
    assert.equal(
      show(parseConditions('a = TRUE AND b NOT LIKE "x%" Or c = Null')),
      show(parseConditions('a = true and b not like "x%" or c = null')),
    );
  });

  it('parses in and not in lists', () => {
    assert.equal(
      show(parseConditions('status/id not in (1, 2)')),
      'status/id not in [{"kind":"number","value":1},{"kind":"number","value":2}]',
    );
  });

  it('parses contains, not contains, like and not like', () => {
    assert.match(show(parseConditions('summary not contains "Low"')), /^summary not contains/);
    assert.match(show(parseConditions('name like "Fred%"')), /^name like/);
  });

  it('parses the reference example', () => {
    const text =
      '(contact/name like "Fred%" and closedFlag = false) and dateEntered > [2015-12-23T05:53:27Z]';
    assert.match(
      show(parseConditions(text)),
      /^\(\(contact\/name like .* and closedFlag = .*\) and dateEntered > /,
    );
  });

  it('refuses a missing value', () => {
    rejects('name =', /Expected a value/);
  });

  it('refuses an unquoted string', () => {
    rejects('name = Bob', /Invalid value 'Bob'.*double or single quotes/);
  });

  it('refuses a missing operator', () => {
    rejects('name "x"', /Expected an operator/);
  });

  it('refuses an unknown word operator', () => {
    rejects('name equals "x"', /Unknown operator 'equals'/);
  });

  it('refuses not without contains, like or in', () => {
    rejects('name not = "x"', /Expected contains, like or in after not/);
  });

  it('refuses an unclosed parenthesis', () => {
    rejects('(a = 1 and b = 2', /Missing '\)'/);
  });

  it('refuses a stray closing parenthesis', () => {
    rejects('a = 1)', /without a matching/);
  });

  it('refuses two conditions without and/or', () => {
    rejects('a = 1 b = 2', /Expected and, or/);
  });

  it('refuses an empty in-list', () => {
    rejects('id in ()', /Expected a value/);
  });

  it('refuses an invalid bracketed datetime', () => {
    rejects('lastUpdated > [yesterday]', /Invalid datetime/);
  });

  it('refuses a keyword where a field belongs', () => {
    rejects('and = 1', /Expected a field name/);
  });

  it('refuses an empty path segment', () => {
    rejects('company//name = "x"', /Invalid field path/);
  });
});
