/**
 * Compiles a parsed condition into a predicate over records. Every field is resolved against the
 * entity's schema first and every literal is checked against the field's type, so a mistake costs a 400
 * (as on the real server) instead of an empty page.
 *
 * Comparisons follow SQL: a comparison with an absent (null) field is never true, except `= null` and
 * `!= null`; text compares case-insensitively.
 */
import type { CwRecord } from '../types.js';
import { PathError } from '../schema/paths.js';
import type { ScalarKind, ScalarPath } from '../schema/paths.js';
import type { ComparisonOperator, Condition, FieldRef, Literal } from './ast.js';
import { ConditionError, LITERAL_HINT } from './errors.js';
import { containsToRegExp, likeToRegExp } from './like.js';
import { compareText, toInstant } from './values.js';

export type Predicate = (record: CwRecord) => boolean;
export type LeafCondition = Exclude<Condition, { type: 'and' } | { type: 'or' }>;

/** Builds the and/or tree; `leaf` turns each predicate node into a function. */
export function buildTree(node: Condition, leaf: (node: LeafCondition) => Predicate): Predicate {
  if (node.type === 'and' || node.type === 'or') {
    const left = buildTree(node.left, leaf);
    const right = buildTree(node.right, leaf);
    return node.type === 'and' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  return leaf(node);
}

export function forEachField(node: Condition, visit: (field: FieldRef) => void): void {
  if (node.type === 'and' || node.type === 'or') {
    forEachField(node.left, visit);
    forEachField(node.right, visit);
  } else {
    visit(node.field);
  }
}

/** Runs a schema lookup, turning its complaint into the server's 400. */
export function resolveOrFail<T>(field: FieldRef, resolve: () => T): T {
  try {
    return resolve();
  } catch (err) {
    if (err instanceof PathError) throw new ConditionError('ApiFindCondition', err.message, field.position);
    throw err;
  }
}

const KIND_WORD: Record<Literal['kind'], string> = {
  string: 'string',
  number: 'numeric',
  datetime: 'datetime',
  boolean: 'boolean',
  null: 'null',
};

function typeError(field: FieldRef, expected: string, literal: Literal): ConditionError {
  return new ConditionError(
    'InvalidObject',
    `${field.path}: expected a ${expected} value, not a ${KIND_WORD[literal.kind]}. ${LITERAL_HINT}`,
    field.position,
  );
}

/** Returns a function giving `record value <=> literal`, or undefined when the value is null/not comparable. */
type Comparer = (record: CwRecord) => number | undefined;

function comparer(path: ScalarPath, field: FieldRef, literal: Literal): Comparer {
  const read = path.read;
  const kind = path.kind;
  switch (kind.type) {
    case 'string':
    case 'enum': {
      if (literal.kind !== 'string') throw typeError(field, 'string', literal);
      if (kind.type === 'enum') checkEnum(kind, field, literal.value);
      const text = literal.value;
      return (r) => {
        const v = read(r);
        return typeof v === 'string' ? compareText(v, text) : undefined;
      };
    }
    case 'number': {
      if (literal.kind !== 'number') throw typeError(field, 'numeric', literal);
      const n = literal.value;
      return (r) => {
        const v = read(r);
        return typeof v === 'number' ? Math.sign(v - n) : undefined;
      };
    }
    case 'boolean': {
      if (literal.kind !== 'boolean') throw typeError(field, 'boolean', literal);
      const b = literal.value;
      return (r) => {
        const v = read(r);
        return typeof v === 'boolean' ? (v === b ? 0 : 1) : undefined;
      };
    }
    case 'datetime': {
      if (literal.kind !== 'datetime') throw typeError(field, 'datetime', literal);
      const t = literal.value;
      return (r) => {
        const v = toInstant(read(r));
        return Number.isNaN(v) ? undefined : Math.sign(v - t);
      };
    }
    case 'any':
      return looseComparer(read, literal);
  }
}

/** Custom field values are typed per field; compare them as the literal's kind. */
function looseComparer(read: (r: CwRecord) => unknown, literal: Literal): Comparer {
  return (r) => {
    const v = read(r);
    if (v === null || v === undefined || typeof v === 'object') return undefined;
    switch (literal.kind) {
      case 'string':
        return compareText(String(v), literal.value);
      case 'number': {
        const n = Number(v);
        return Number.isFinite(n) ? Math.sign(n - literal.value) : undefined;
      }
      case 'boolean':
        return String(v).toLowerCase() === String(literal.value) ? 0 : 1;
      case 'datetime': {
        const t = toInstant(v);
        return Number.isNaN(t) ? undefined : Math.sign(t - literal.value);
      }
      default:
        return undefined;
    }
  };
}

function checkEnum(kind: { values: readonly string[] }, field: FieldRef, value: string): void {
  if (!kind.values.some((v) => v.toLowerCase() === value.toLowerCase())) {
    throw new ConditionError(
      'ApiFindCondition',
      `Enum value supplied was invalid: ${field.path} is one of ${kind.values.join(', ')}.`,
      field.position,
    );
  }
}

const TESTS: Record<ComparisonOperator, (c: number) => boolean> = {
  '=': (c) => c === 0,
  '!=': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

/** One predicate node against an already resolved field. */
export function compileLeaf(node: LeafCondition, path: ScalarPath): Predicate {
  const read = path.read;
  if (node.type === 'compare') {
    if (node.value.kind === 'null') {
      if (node.operator !== '=' && node.operator !== '!=') {
        throw new ConditionError(
          'InvalidObject',
          `${node.field.path}: null can only be compared with = or !=`,
          node.field.position,
        );
      }
      return node.operator === '=' ? (r) => read(r) == null : (r) => read(r) != null;
    }
    if (path.kind.type === 'boolean' && node.operator !== '=' && node.operator !== '!=') {
      throw new ConditionError(
        'InvalidObject',
        `${node.field.path}: a boolean can only be compared with = or !=`,
        node.field.position,
      );
    }
    const compare = comparer(path, node.field, node.value);
    const test = TESTS[node.operator];
    return (r) => {
      const c = compare(r);
      return c !== undefined && test(c);
    };
  }
  if (node.type === 'match') return compileMatch(node, path);
  const comparers = node.values.map((value) => {
    if (value.kind === 'null') return () => undefined;
    return comparer(path, node.field, value);
  });
  const negated = node.negated;
  return (r) => {
    if (read(r) == null) return false;
    const found = comparers.some((compare) => compare(r) === 0);
    return negated ? !found : found;
  };
}

function compileMatch(node: Extract<LeafCondition, { type: 'match' }>, path: ScalarPath): Predicate {
  const { field, value, operator, negated } = node;
  const kind: ScalarKind = path.kind;
  if (kind.type !== 'string' && kind.type !== 'enum' && kind.type !== 'any') {
    throw new ConditionError(
      'InvalidObject',
      `${field.path}: ${operator} can only be used with text fields`,
      field.position,
    );
  }
  if (value.kind !== 'string') throw typeError(field, 'string', value);
  if (kind.type === 'enum' && !/[%*_[]/.test(value.value)) checkEnum(kind, field, value.value);
  const pattern = operator === 'like' ? likeToRegExp(value.value) : containsToRegExp(value.value);
  const read = path.read;
  return (r) => {
    const v = read(r);
    if (v === null || v === undefined || typeof v === 'object') return false;
    return pattern.test(String(v)) !== negated;
  };
}
