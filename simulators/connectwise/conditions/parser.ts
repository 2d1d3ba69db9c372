/**
 * Recursive-descent parser for the conditions grammar (reference §4.1):
 *
 *   expression := and-term ( OR and-term )*
 *   and-term   := primary ( AND primary )*
 *   primary    := '(' expression ')' | predicate
 *   predicate  := path comparison literal
 *              |  path [NOT] (CONTAINS | LIKE) literal
 *              |  path [NOT] IN '(' literal ( ',' literal )* ')'
 *   literal    := string | number | [datetime] | TRUE | FALSE | NULL
 *
 * AND binds tighter than OR, as in SQL. Keywords are case-insensitive. Field names are not checked here:
 * that needs the entity's schema (see evaluator.ts).
 */
import type { Condition, FieldRef, Literal } from './ast.js';
import { ConditionError, LITERAL_HINT } from './errors.js';
import { tokenize } from './tokenizer.js';
import type { Token } from './tokenizer.js';

export function parseConditions(text: string): Condition | undefined {
  const tokens = tokenize(text);
  if (tokens.length === 1) return undefined;
  const parser = new Parser(tokens);
  const condition = parser.expression();
  parser.expectEnd();
  return condition;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'word':
      return `'${token.text}'`;
    case 'string':
      return `the string "${token.value}"`;
    case 'number':
      return `the number ${token.text}`;
    case 'datetime':
      return `the datetime [${token.text}]`;
    case 'operator':
      return `'${token.text}'`;
    case 'end':
      return 'the end of the conditions';
    default:
      return `'${token.type}'`;
  }
}

function fail(message: string, token: Token): never {
  throw new ConditionError('InvalidObject', `${message} (at position ${token.position})`, token.position);
}

function isKeyword(token: Token, keyword: string): boolean {
  return token.type === 'word' && token.text.toLowerCase() === keyword;
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'contains', 'like', 'true', 'false', 'null']);

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index++;
    return token;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type === ')') fail("Unexpected ')' without a matching '('", token);
    if (token.type !== 'end')
      fail(`Expected and, or or the end of the conditions, found ${describe(token)}`, token);
  }

  expression(): Condition {
    let left = this.andTerm();
    while (isKeyword(this.peek(), 'or')) {
      this.next();
      left = { type: 'or', left, right: this.andTerm() };
    }
    return left;
  }

  private andTerm(): Condition {
    let left = this.primary();
    while (isKeyword(this.peek(), 'and')) {
      this.next();
      left = { type: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Condition {
    const token = this.peek();
    if (token.type === '(') {
      this.next();
      const inner = this.expression();
      const close = this.next();
      if (close.type !== ')') {
        fail(`Missing ')' for the '(' at position ${token.position}; found ${describe(close)}`, close);
      }
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const field = this.fieldRef();
    const token = this.next();
    if (token.type === 'operator') {
      return { type: 'compare', field, operator: token.text, value: this.literal(token) };
    }
    if (token.type !== 'word')
      fail(`Expected an operator after ${field.path}, found ${describe(token)}`, token);
    let negated = false;
    let keyword = token.text.toLowerCase();
    if (keyword === 'not') {
      negated = true;
      const after = this.next();
      keyword = after.type === 'word' ? after.text.toLowerCase() : '';
      if (keyword !== 'contains' && keyword !== 'like' && keyword !== 'in') {
        fail(`Expected contains, like or in after not, found ${describe(after)}`, after);
      }
    }
    if (keyword === 'contains' || keyword === 'like') {
      return { type: 'match', field, operator: keyword, negated, value: this.literal(token) };
    }
    if (keyword === 'in') return { type: 'in', field, negated, values: this.list() };
    return fail(`Unknown operator ${describe(token)} after ${field.path}`, token);
  }

  private fieldRef(): FieldRef {
    const token = this.next();
    if (token.type !== 'word' || RESERVED.has(token.text.toLowerCase())) {
      fail(`Expected a field name, found ${describe(token)}`, token);
    }
    const segments = token.text.split('/');
    if (segments.some((s) => s.length === 0)) fail(`Invalid field path '${token.text}'`, token);
    return { path: token.text, segments, position: token.position };
  }

  private list(): Literal[] {
    const open = this.next();
    if (open.type !== '(') fail(`Expected '(' after in, found ${describe(open)}`, open);
    const values: Literal[] = [this.literal(open)];
    for (;;) {
      const token = this.next();
      if (token.type === ')') return values;
      if (token.type !== ',') fail(`Expected ',' or ')' in the in-list, found ${describe(token)}`, token);
      values.push(this.literal(token));
    }
  }

  private literal(after: Token): Literal {
    const token = this.next();
    switch (token.type) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'datetime':
        return { kind: 'datetime', value: token.value, text: token.text };
      case 'word': {
        const word = token.text.toLowerCase();
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
        if (word === 'null') return { kind: 'null' };
        return fail(`Invalid value '${token.text}'. ${LITERAL_HINT}`, token);
      }
      default:
        return fail(`Expected a value after ${describe(after)}, found ${describe(token)}`, token);
    }
  }
}
