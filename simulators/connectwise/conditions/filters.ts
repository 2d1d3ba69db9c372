/**
 * The three filter parameters of a collection GET, compiled into one predicate:
 *  - conditions: fields of the record itself (nested references allowed, arrays not);
 *  - childConditions: fields of array children (`types/name = "Client"`); when every clause names the same
 *    collection, one child must satisfy the whole expression, so `a/x = 1 and a/y = 2` means the same child;
 *  - customFieldConditions: fields of one entry of `customFields` (`caption = "X" and value != null`).
 */
import type { CwEntity, CwRecord } from '../types.js';
import { entityFields, shapeFields } from '../schema/catalogue.js';
import { resolveList, resolveScalar } from '../schema/paths.js';
import type { ListPath } from '../schema/paths.js';
import type { Condition, FieldRef } from './ast.js';
import { buildTree, compileLeaf, forEachField, resolveOrFail } from './evaluator.js';
import type { Predicate } from './evaluator.js';
import { parseConditions } from './parser.js';

export interface FilterParams {
  conditions?: string;
  childConditions?: string;
  customFieldConditions?: string;
}

/** Which parameter a problem came from, for the error message. */
export class FilterParamError extends Error {
  constructor(
    readonly param: keyof FilterParams,
    readonly problem: unknown,
  ) {
    super(problem instanceof Error ? problem.message : String(problem));
    this.name = 'FilterParamError';
  }
}

function compileConditions(entity: CwEntity, tree: Condition): Predicate {
  const fields = entityFields(entity);
  return buildTree(tree, (node) =>
    compileLeaf(
      node,
      resolveOrFail(node.field, () => resolveScalar(fields, node.field.segments, node.field.path)),
    ),
  );
}

function someElement(read: (r: CwRecord) => unknown, test: Predicate): Predicate {
  return (r) => {
    const items = read(r);
    if (!Array.isArray(items)) return false;
    return items.some((item) => item !== null && typeof item === 'object' && test(item as CwRecord));
  };
}

function compileChildConditions(entity: CwEntity, tree: Condition): Predicate {
  const fields = entityFields(entity);
  const resolved = new Map<FieldRef, ListPath>();
  forEachField(tree, (field) => {
    resolved.set(
      field,
      resolveOrFail(field, () => resolveList(fields, field.segments, field.path)),
    );
  });
  const lists = new Set([...resolved.values()].map((p) => p.list));
  const pathOf = (field: FieldRef): ListPath => resolved.get(field) as ListPath;
  if (lists.size === 1) {
    const first = pathOf([...resolved.keys()][0] as FieldRef);
    const perChild = buildTree(tree, (node) => compileLeaf(node, pathOf(node.field).element));
    return someElement(first.read, perChild);
  }
  return buildTree(tree, (node) => {
    const path = pathOf(node.field);
    return someElement(path.read, compileLeaf(node, path.element));
  });
}

function compileCustomFieldConditions(tree: Condition): Predicate {
  const fields = shapeFields('CustomFieldValue');
  const perField = buildTree(tree, (node) =>
    compileLeaf(
      node,
      resolveOrFail(node.field, () => resolveScalar(fields, node.field.segments, node.field.path)),
    ),
  );
  return someElement((r) => r.customFields, perField);
}

function compileOne(
  param: keyof FilterParams,
  text: string | undefined,
  compile: (tree: Condition) => Predicate,
): Predicate | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    const tree = parseConditions(text);
    return tree ? compile(tree) : undefined;
  } catch (err) {
    throw new FilterParamError(param, err);
  }
}

/** Undefined when nothing filters; throws FilterParamError for a condition the server would refuse. */
export function compileFilters(entity: CwEntity, params: FilterParams): Predicate | undefined {
  const parts = [
    compileOne('conditions', params.conditions, (t) => compileConditions(entity, t)),
    compileOne('childConditions', params.childConditions, (t) => compileChildConditions(entity, t)),
    compileOne('customFieldConditions', params.customFieldConditions, compileCustomFieldConditions),
  ].filter((p): p is Predicate => p !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return (r) => parts.every((p) => p(r));
}
