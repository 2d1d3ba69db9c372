/**
 * Splits a conditions string into tokens. Keywords (and, or, not, in, contains, like, true, false, null)
 * come out as words: only the parser knows whether a word is a field path or a keyword.
 */
import type { ComparisonOperator } from './ast.js';
import { ConditionError, LITERAL_HINT } from './errors.js';

export type Token =
  | { type: 'word'; text: string; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'number'; value: number; text: string; position: number }
  | { type: 'datetime'; value: number; text: string; position: number }
  | { type: 'operator'; text: ComparisonOperator; position: number }
  | { type: '(' | ')' | ','; position: number }
  | { type: 'end'; position: number };

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_/]/;
const DIGIT = /[0-9]/;

function fail(message: string, index: number): never {
  throw new ConditionError('InvalidObject', `${message} (at position ${index + 1})`, index + 1);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, position: i + 1 });
      i++;
    } else if (c === '=' || c === '<' || c === '>' || c === '!') {
      i = readOperator(text, i, tokens);
    } else if (c === '"' || c === "'") {
      i = readString(text, i, tokens);
    } else if (c === '[') {
      i = readDatetime(text, i, tokens);
    } else if (DIGIT.test(c) || (c === '-' && DIGIT.test(text[i + 1] ?? ''))) {
      i = readNumber(text, i, tokens);
    } else if (WORD_START.test(c)) {
      const start = i;
      while (i < text.length && WORD_PART.test(text[i] as string)) i++;
      tokens.push({ type: 'word', text: text.slice(start, i), position: start + 1 });
    } else {
      fail(`Unexpected character '${c}'`, i);
    }
  }
  tokens.push({ type: 'end', position: text.length + 1 });
  return tokens;
}

function readOperator(text: string, i: number, tokens: Token[]): number {
  const two = text.slice(i, i + 2);
  if (two === '<>') fail("Unknown operator '<>'; use !=", i);
  if (two === '!=' || two === '<=' || two === '>=') {
    tokens.push({ type: 'operator', text: two, position: i + 1 });
    return i + 2;
  }
  const one = text[i];
  if (one === '=' || one === '<' || one === '>') {
    tokens.push({ type: 'operator', text: one, position: i + 1 });
    return i + 1;
  }
  return fail("Unexpected '!'; the not-equal operator is !=", i);
}

/**
 * A quote inside a string is written with a backslash (`\"`) or doubled (`""`); `\\` is a backslash.
 * Any other backslash is kept as it is, so Windows paths need no escaping.
 */
function readString(text: string, start: number, tokens: Token[]): number {
  const quote = text[start] as string;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\' && (text[i + 1] === quote || text[i + 1] === '\\')) {
      value += text[i + 1];
      i += 2;
    } else if (c === quote && text[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      tokens.push({ type: 'string', value, position: start + 1 });
      return i + 1;
    } else {
      value += c;
      i++;
    }
  }
  return fail(`Unterminated string starting with ${quote}`, start);
}

function readNumber(text: string, start: number, tokens: Token[]): number {
  let i = start;
  if (text[i] === '-') i++;
  while (DIGIT.test(text[i] ?? '')) i++;
  if (text[i] === '.' && DIGIT.test(text[i + 1] ?? '')) {
    i++;
    while (DIGIT.test(text[i] ?? '')) i++;
  }
  const next = text[i] ?? '';
  if (WORD_START.test(next) || next === '.' || next === '-' || next === ':') {
    fail(`Invalid value '${text.slice(start, i + 1)}...'. ${LITERAL_HINT}`, start);
  }
  const raw = text.slice(start, i);
  tokens.push({ type: 'number', value: Number(raw), text: raw, position: start + 1 });
  return i;
}

function readDatetime(text: string, start: number, tokens: Token[]): number {
  const close = text.indexOf(']', start + 1);
  if (close < 0) fail('Unterminated datetime: missing ]', start);
  const raw = text.slice(start + 1, close).trim();
  const value = parseInstant(raw);
  if (value === undefined) {
    fail(`Invalid datetime [${raw}]; expected a form like [2016-08-20T18:04:26Z]`, start);
  }
  tokens.push({ type: 'datetime', value, text: raw, position: start + 1 });
  return close + 1;
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 date or date-time; without an offset it is read as UTC, like the server's own timestamps. */
export function parseInstant(raw: string): number | undefined {
  const m = INSTANT.exec(raw);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return undefined;
  }
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return utc - sign * offsetMinutes * 60_000;
}
