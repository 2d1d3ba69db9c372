/**
 * The documented fields of each entity, read from the trimmed copy of the vendor field lists committed next to
 * this file (entity-fields.json). Validated once at load so the rest of the module works on typed data.
 */
import { z } from 'zod';
import raw from './entity-fields.json' with { type: 'json' };

const fieldSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  /** string | number | boolean | string[] | number[] | map | unknown | ref:<Reference> */
  type: z.string().regex(/^(string|number|boolean|string\[\]|number\[\]|map|unknown|ref:[A-Za-z]+)$/),
  array: z.boolean().optional(),
  format: z.string().optional(),
  maxLength: z.number().int().positive().optional(),
  enum: z.array(z.string()).optional(),
});

const fieldSpecsSchema = z.object({
  modelVersion: z.string(),
  entities: z.record(z.string(), z.object({ schema: z.string(), fields: z.array(fieldSpecSchema) })),
  references: z.record(z.string(), z.array(fieldSpecSchema)),
});

export type FieldSpec = z.infer<typeof fieldSpecSchema>;

export const FIELD_SPECS = fieldSpecsSchema.parse(raw);

/** The documented fields of the entity at `path` (e.g. /company/companies). */
export function fieldSpecsFor(path: string): readonly FieldSpec[] {
  const entity = FIELD_SPECS.entities[path];
  if (entity === undefined) throw new Error(`entity-fields.json has no entity at ${path}`);
  return entity.fields;
}

/** The fields of a reference type; an undocumented reference is treated as the usual {id, name}. */
export function referenceSpecs(type: string): readonly FieldSpec[] {
  return (
    FIELD_SPECS.references[type] ?? [
      { name: 'id', type: 'number', format: 'int32' },
      { name: 'name', type: 'string' },
      { name: '_info', type: 'map' },
    ]
  );
}

/** 'ref:CompanyReference' → 'CompanyReference' */
export function referenceName(spec: FieldSpec): string | undefined {
  return spec.type.startsWith('ref:') ? spec.type.slice(4) : undefined;
}
