/**
 * Validates a mapping spec against the entity's fields and the target group's real fields, with one
 * problem per mistake (where, and why), and resolves it: fields without a transform get the one their
 * target type calls for, so the stored spec is complete and runs need no Asset Panda metadata.
 */
import { inferredTransform } from './defaults.js';
import type { CwEntityName } from './entity-names.js';
import {
  targetKind,
  type SourceField,
  type SourceType,
  type TargetField,
  type TargetKind,
} from './fields.js';
import { checkUniqueIdentifier } from './identifiers.js';
import { isCustomFieldPath } from './paths.js';
import type { MappingSpec, Transform } from './spec.js';

export interface MappingProblem {
  /** Where in the spec, as a dotted path: `fields.3.target`, `uniqueKey.source`, `filters.0.field`. */
  path: string;
  message: string;
}

export interface ValidationInput {
  entity: CwEntityName;
  groupName: string;
  sourceFields: readonly SourceField[];
  targetFields: readonly TargetField[];
}

/** Finds the source field a path reads: exact, its reference parent (`status/name` → `status`), or an array element path. */
export function sourceTypeOf(
  path: string,
  fields: readonly SourceField[],
): SourceType | 'custom' | undefined {
  if (isCustomFieldPath(path)) return 'custom';
  const exact = fields.find((f) => f.path === path);
  if (exact) return exact.type;
  const segments = path.split('/');
  const top = fields.find((f) => f.path === segments[0]);
  if (!top) return undefined;
  if (top.type === 'reference' || top.type === 'object' || top.type === 'array') {
    // Sub-fields of references and arrays are open-ended (`_info/dateEntered`, `types/0/name`).
    const leaf = segments[segments.length - 1] ?? '';
    if (/^id$/.test(leaf)) return 'number';
    if (/date|lastUpdated/i.test(leaf)) return 'datetime';
    return 'string';
  }
  return undefined;
}

const TRANSFORM_KIND: Record<Transform['type'], TargetKind | 'any'> = {
  string: 'text',
  template: 'text',
  lookup: 'any',
  number: 'number',
  date: 'date',
  boolean: 'boolean',
};

function compatible(
  transform: Transform | undefined,
  target: TargetKind,
  source: SourceType | 'custom' | undefined,
): string | undefined {
  if (transform) {
    const kind = TRANSFORM_KIND[transform.type];
    if (kind !== 'any' && kind !== 'text' && kind !== target)
      return `a ${transform.type} transform cannot fill a ${target} field`;
    if ((kind === 'text' || kind === 'any') && target !== 'text' && transform.type !== 'lookup')
      return `a ${transform.type} transform writes text, but the field is a ${target} field`;
    return undefined;
  }
  if (source === undefined || source === 'custom') return undefined;
  if (target === 'number' && !['number', 'string'].includes(source))
    return `the source is ${source}, the field is a number field`;
  if (target === 'date' && !['datetime', 'string'].includes(source))
    return `the source is ${source}, the field is a date field`;
  if (target === 'boolean' && !['boolean', 'string', 'number'].includes(source))
    return `the source is ${source}, the field is a yes/no field`;
  return undefined;
}

export function validateMapping(spec: MappingSpec, input: ValidationInput): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const targets = new Map(input.targetFields.map((t) => [t.key, t]));
  const describeGroup = `group ${spec.groupId} (${input.groupName})`;

  const checkSource = (path: string, where: string) => {
    if (sourceTypeOf(path, input.sourceFields) === undefined)
      problems.push({ path: where, message: `${path} is not a field of ConnectWise ${input.entity}` });
  };

  // The unique identifier.
  const unique = checkUniqueIdentifier(input.entity, spec.uniqueKey.source);
  if (!unique.ok) problems.push({ path: 'uniqueKey.source', message: unique.reason });
  const uniqueTarget = targets.get(spec.uniqueKey.target);
  if (!uniqueTarget)
    problems.push({
      path: 'uniqueKey.target',
      message: `${spec.uniqueKey.target} is not a field of ${describeGroup}`,
    });
  else if (targetKind(uniqueTarget.type) === 'date' || targetKind(uniqueTarget.type) === 'boolean')
    problems.push({
      path: 'uniqueKey.target',
      message: `${uniqueTarget.name} is a ${targetKind(uniqueTarget.type)} field and cannot hold an identifier`,
    });

  // Field mappings.
  const seen = new Map<string, number>();
  spec.fields.forEach((field, i) => {
    const where = `fields.${i}`;
    if (field.source !== undefined) checkSource(field.source, `${where}.source`);
    if (field.transform?.type === 'template')
      for (const [, path] of field.transform.template.matchAll(/\{([^{}]+)\}/g))
        checkSource((path ?? '').trim(), `${where}.transform.template`);
    const target = targets.get(field.target);
    if (!target) {
      problems.push({
        path: `${where}.target`,
        message: `${field.target} is not a field of ${describeGroup}`,
      });
      return;
    }
    const previous = seen.get(field.target);
    if (previous !== undefined)
      problems.push({
        path: `${where}.target`,
        message: `${target.name} (${field.target}) is already mapped by fields.${previous}`,
      });
    seen.set(field.target, i);
    if (field.target === spec.uniqueKey.target && field.source !== spec.uniqueKey.source)
      problems.push({
        path: `${where}.target`,
        message: `${target.name} holds the unique identifier (${spec.uniqueKey.source}); it cannot also take ${field.source ?? 'a template'}`,
      });
    const source = field.source === undefined ? undefined : sourceTypeOf(field.source, input.sourceFields);
    const mismatch = compatible(field.transform, targetKind(target.type), source);
    if (mismatch) problems.push({ path: `${where}.transform`, message: `${target.name}: ${mismatch}` });
  });

  // Required fields of the group must be filled.
  for (const target of input.targetFields) {
    if (!target.required || target.key === spec.uniqueKey.target) continue;
    if (!spec.fields.some((f) => f.target === target.key))
      problems.push({
        path: 'fields',
        message: `${target.name} (${target.key}) is required in ${describeGroup} but not mapped`,
      });
  }

  spec.filters.forEach((filter, i) => checkSource(filter.field, `filters.${i}.field`));
  return problems;
}

/** Fills in the transform each field's target type calls for (only where the spec names none). */
export function resolveTransforms(spec: MappingSpec, targetFields: readonly TargetField[]): MappingSpec {
  const targets = new Map(targetFields.map((t) => [t.key, t]));
  return {
    ...spec,
    fields: spec.fields.map((field) => {
      if (field.transform) return field;
      const target = targets.get(field.target);
      const transform = target ? inferredTransform(target) : undefined;
      return transform ? { ...field, transform } : field;
    }),
  };
}
