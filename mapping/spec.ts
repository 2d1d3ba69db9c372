/**
 * A mapping spec: how records of one ConnectWise entity become objects of one Asset Panda group.
 * It is data (stored per integration and entity, edited through the API) and is validated against the
 * real group and entity before it is saved (mapping/validate.ts).
 */
import { z } from 'zod';
import { CONDITION_OPERATORS } from '../connectors/connectwise/conditions.js';

/**
 * A ConnectWise field path: `name`, `status/name`, `types/0/name`, `_info/lastUpdated`, or a custom field
 * by its caption: `custom:Warranty Tier`.
 */
export const sourcePathSchema = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (p) =>
      /^custom:[^\n\r]{1,100}$/.test(p) ||
      /^[A-Za-z_][A-Za-z0-9_]*(\/([A-Za-z_][A-Za-z0-9_]*|\d+))*$/.test(p),
    'expected a field path such as name, status/name, types/0/name or custom:<caption>',
  );

export const targetKeySchema = z
  .string()
  .regex(/^field_\d+$/, 'expected an Asset Panda field key such as field_12');

export const transformSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('string'), maxLength: z.number().int().positive().optional() }).strict(),
  z.object({ type: z.literal('number'), decimals: z.number().int().min(0).max(10).optional() }).strict(),
  z
    .object({
      type: z.literal('boolean'),
      trueValue: z.string().max(50).default('true'),
      falseValue: z.string().max(50).default('false'),
    })
    .strict(),
  z
    .object({
      type: z.literal('date'),
      /** dayjs tokens; default: the Asset Panda account's date format. */
      format: z.string().max(40).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('lookup'),
      table: z.record(z.string(), z.string()),
      /** What to write when the value is not in the table: a fixed string, or the value itself. */
      otherwise: z
        .union([z.object({ value: z.string() }).strict(), z.literal('keep'), z.literal('fail')])
        .default('keep'),
    })
    .strict(),
  z
    .object({
      type: z.literal('template'),
      /** Placeholders are source paths in braces: "{name} ({company/identifier})". */
      template: z.string().min(1).max(500),
    })
    .strict(),
]);
export type Transform = z.infer<typeof transformSchema>;

export const fieldMappingSchema = z
  .object({
    /** Optional only for template transforms and constant defaults. */
    source: sourcePathSchema.optional(),
    target: targetKeySchema,
    transform: transformSchema.optional(),
    /** Written when the source value is missing or blank. */
    default: z.string().max(500).optional(),
  })
  .strict()
  .refine((m) => m.source !== undefined || m.transform?.type === 'template' || m.default !== undefined, {
    message: 'a field mapping needs a source, a template transform or a default',
  });
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

/** The operators of ConnectWise conditions; filters that cannot be pushed down evaluate the same ones. */
export const FILTER_OPERATORS = CONDITION_OPERATORS;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const filterValue = z.union([z.string().max(500), z.number(), z.boolean()]);

export const filterSchema = z
  .object({
    field: sourcePathSchema,
    op: z.enum(FILTER_OPERATORS),
    value: z.union([filterValue, z.array(filterValue).min(1).max(200)]).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const isList = Array.isArray(f.value);
    if (f.op === 'is-null' || f.op === 'not-null') {
      if (f.value !== undefined)
        ctx.addIssue({ code: 'custom', message: `${f.op} takes no value`, path: ['value'] });
    } else if (f.op === 'in' || f.op === 'not-in') {
      if (!isList)
        ctx.addIssue({ code: 'custom', message: `${f.op} needs a list of values`, path: ['value'] });
    } else if (f.value === undefined || isList) {
      ctx.addIssue({ code: 'custom', message: `${f.op} needs one value`, path: ['value'] });
    }
  });
export type Filter = z.infer<typeof filterSchema>;

export const mappingOptionsSchema = z
  .object({
    /** Full runs archive Asset Panda objects whose ConnectWise record is gone or out of scope. */
    archiveMissing: z.boolean().default(true),
    /** Safety valve: a full run that would archive more than this share of the mapped objects stops instead. */
    maxArchiveShare: z.number().min(0).max(1).default(0.5),
    /** Incremental runs re-read this many seconds before the cursor, so same-second updates are never lost. */
    overlapSeconds: z.number().int().min(0).max(86_400).default(60),
    /** Records per ConnectWise page (the API's maximum is 1000). */
    pageSize: z.number().int().min(1).max(1000).default(1000),
    /**
     * Full runs first read the group (one call per 100 objects) and repair objects people changed,
     * archived or deleted in Asset Panda. Off by default: a full run then costs no Asset Panda call for
     * records that did not change in ConnectWise.
     */
    verifyTarget: z.boolean().default(false),
  })
  .strict();

export const mappingSpecSchema = z
  .object({
    groupId: z.number().int().positive(),
    uniqueKey: z.object({ source: sourcePathSchema, target: targetKeySchema }).strict(),
    fields: z.array(fieldMappingSchema).max(200).default([]),
    filters: z.array(filterSchema).max(50).default([]),
    options: mappingOptionsSchema.default({
      archiveMissing: true,
      maxArchiveShare: 0.5,
      overlapSeconds: 60,
      pageSize: 1000,
      verifyTarget: false,
    }),
  })
  .strict();
export type MappingSpec = z.infer<typeof mappingSpecSchema>;
export type MappingSpecInput = z.input<typeof mappingSpecSchema>;
