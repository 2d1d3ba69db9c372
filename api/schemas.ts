/**
 * The API's shapes, in zod: request bodies, query strings and responses. The same schemas validate input
 * and generate the OpenAPI document (api/openapi.ts), so the document cannot drift from the code.
 */
import { z } from 'zod';
import { connectWiseSettingsSchema } from '../connectors/connectwise/index.js';
import { assetPandaSettingsSchema } from '../connectors/assetpanda/index.js';
import { CW_ENTITY_NAMES } from '../mapping/entity-names.js';
import {
  filterSchema,
  fieldMappingSchema,
  mappingOptionsSchema,
  sourcePathSchema,
  targetKeySchema,
} from '../mapping/spec.js';
import { RUN_STATUSES } from '../store/runs.js';

export const entitySchema = z
  .enum(CW_ENTITY_NAMES)
  .meta({ id: 'Entity', description: 'A ConnectWise entity' });
export const modeSchema = z.enum(['incremental', 'full']).meta({ id: 'SyncMode' });

export const MASK = '********';

// ---- integrations -----------------------------------------------------------------------------

export const connectWiseInputSchema = z
  .object({
    url: z.string().meta({ example: 'na.myconnectwise.net' }),
    companyId: z.string(),
    publicKey: z.string(),
    privateKey: z.string(),
    clientId: z.string().meta({ description: 'GUID registered at developer.connectwise.com/ClientID' }),
    selfHosted: z.boolean().default(false),
    codebase: z.string().optional(),
    apiVersion: z.string().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    // The connector's own rules (URL forms, GUID, key characters) decide; their messages name the field.
    const parsed = connectWiseSettingsSchema.safeParse(value);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .meta({ id: 'ConnectWiseSettings' });

export const assetPandaInputSchema = z
  .object({
    url: z.string().default('https://api.assetpanda.com'),
    email: z.string().optional(),
    password: z.string().optional(),
    token: z.string().optional(),
    dateFormat: z
      .string()
      .optional()
      .meta({ description: 'The account date format, e.g. MM/DD/YYYY; read from the account when omitted' }),
  })
  .strict()
  .superRefine((value, ctx) => {
    const parsed = assetPandaSettingsSchema.safeParse({ ...value, baseUrl: value.url, url: undefined });
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({
          code: 'custom',
          path: issue.path.map((p) => (p === 'baseUrl' ? 'url' : p)),
          message: issue.message,
        });
  })
  .meta({
    id: 'AssetPandaSettings',
    description: 'Either email and password of a service account, or a ready bearer token',
  });

export const createIntegrationSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    connectwise: connectWiseInputSchema,
    assetPanda: assetPandaInputSchema,
  })
  .strict()
  .meta({ id: 'CreateIntegration' });

export const patchIntegrationSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    connectwise: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'Fields to change; omitted keys keep their value' }),
    assetPanda: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .meta({ id: 'PatchIntegration' });

export const testQuerySchema = z.object({
  test: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .meta({ description: 'false saves without testing the connections first' }),
});

const connectionCheckSchema = z
  .object({
    ok: z.boolean(),
    problem: z.string().optional(),
    message: z.string().optional(),
    details: z.unknown().optional(),
  })
  .meta({ id: 'ConnectionCheck' });

export const connectionTestSchema = z
  .object({ ok: z.boolean(), connectwise: connectionCheckSchema, assetPanda: connectionCheckSchema })
  .meta({ id: 'ConnectionTest' });

export const integrationViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    connectwise: z.object({
      url: z.string(),
      companyId: z.string(),
      clientId: z.string(),
      selfHosted: z.boolean(),
      codebase: z.string().optional(),
      apiVersion: z.string().optional(),
      publicKey: z.literal(MASK),
      privateKey: z.literal(MASK),
    }),
    assetPanda: z.object({
      url: z.string(),
      authMode: z.enum(['password', 'token']),
      email: z.string().optional(),
      password: z.literal(MASK).optional(),
      token: z.literal(MASK).optional(),
      dateFormat: z.string().optional(),
    }),
    mappings: z.array(entitySchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    test: connectionTestSchema.optional(),
  })
  .meta({ id: 'Integration' });

// ---- catalog -----------------------------------------------------------------------------------

export const catalogSchema = z
  .object({
    connectwise: z.object({
      entities: z.array(
        z.object({
          name: entitySchema,
          label: z.string(),
          permission: z.string(),
          fields: z.array(z.object({ path: z.string(), type: z.string(), array: z.boolean() })),
          identifiers: z.array(z.object({ path: z.string(), label: z.string(), recommended: z.boolean() })),
        }),
      ),
    }),
    assetPanda: z.object({
      groups: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          fields: z.array(
            z.object({ key: z.string(), name: z.string(), type: z.string(), required: z.boolean() }),
          ),
        }),
      ),
    }),
  })
  .meta({ id: 'Catalog' });

// ---- mappings ----------------------------------------------------------------------------------

export const mappingBodySchema = z
  .object({
    groupId: z.number().int().positive(),
    uniqueKey: z.object({ source: sourcePathSchema, target: targetKeySchema }).strict(),
    fields: z.array(fieldMappingSchema).max(200).default([]),
    filters: z.array(filterSchema).max(50).default([]),
    options: mappingOptionsSchema.partial().optional(),
  })
  .strict()
  .meta({ id: 'MappingInput' });

export const mappingViewSchema = z
  .object({
    integrationId: z.string(),
    entity: entitySchema,
    spec: z.unknown().meta({
      description: 'The mapping as stored: fields with their resolved transforms, filters, options',
    }),
    updatedAt: z.string(),
  })
  .meta({ id: 'Mapping' });

export const mappingProblemSchema = z
  .object({ path: z.string(), message: z.string() })
  .meta({ id: 'MappingProblem' });

export const previewBodySchema = z
  .object({ limit: z.number().int().min(1).max(50).default(10) })
  .strict()
  .meta({ id: 'PreviewRequest' });

export const previewSchema = z
  .object({
    records: z.array(
      z.object({
        cwId: z.number(),
        ok: z.boolean(),
        uniqueValue: z.string().optional(),
        values: z.record(z.string(), z.object({ field: z.string(), value: z.string() })).optional(),
        reason: z.string().optional(),
      }),
    ),
    fetched: z.number(),
    filteredOut: z.number(),
  })
  .meta({ id: 'MappingPreview' });

export const proposalQuerySchema = z.object({ groupId: z.coerce.number().int().positive() });

// ---- runs --------------------------------------------------------------------------------------

export const startRunSchema = z
  .object({ entity: entitySchema, mode: modeSchema.default('incremental') })
  .strict()
  .meta({ id: 'StartRun' });

export const runStartedSchema = z
  .object({ runId: z.string(), workflowId: z.string(), webUiUrl: z.string() })
  .meta({ id: 'RunStarted' });

export const statsSchema = z
  .object({
    fetched: z.number(),
    filteredOut: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    archived: z.number(),
    failed: z.number(),
  })
  .meta({ id: 'RunStats' });

export const runViewSchema = z
  .object({
    runId: z.string(),
    workflowId: z.string(),
    integrationId: z.string(),
    entity: z.string(),
    mode: modeSchema,
    trigger: z.string(),
    status: z.enum(RUN_STATUSES),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: z
      .object({
        phase: z.string(),
        pages: z.number(),
        paused: z.boolean(),
        cursor: z.object({ lastUpdated: z.string(), lastId: z.number() }).nullable(),
        lastError: z.string().nullable(),
      })
      .nullable(),
    stats: statsSchema,
    error: z.string().nullable(),
    errors: z.array(
      z.object({
        cwId: z.number().nullable(),
        uniqueValue: z.string().nullable().optional(),
        stage: z.string(),
        reason: z.string(),
        at: z.string(),
      }),
    ),
    errorsTotal: z.number(),
    webUiUrl: z.string(),
  })
  .meta({ id: 'Run' });

export const runListQuerySchema = z.object({
  integrationId: z.string().optional(),
  entity: entitySchema.optional(),
  status: z.enum(RUN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const runListSchema = z
  .object({ runs: z.array(runViewSchema), total: z.number(), limit: z.number(), offset: z.number() })
  .meta({ id: 'RunList' });

// ---- schedules ---------------------------------------------------------------------------------

const every = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'expected a duration such as 15m, 1h or 1d')
  .refine((v) => {
    const n = Number(v.slice(0, -1));
    const unit = v.slice(-1);
    const seconds = n * ({ s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[unit]!;
    return seconds >= 60;
  }, 'the shortest interval is 1m');

export const scheduleBodySchema = z
  .object({
    every: every.optional(),
    cron: z
      .string()
      .regex(/^(\S+\s+){4}\S+$/, 'expected a 5-field cron expression such as "0 * * * *"')
      .optional(),
    mode: modeSchema.default('incremental'),
    timezone: z.string().optional(),
    paused: z.boolean().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.every === undefined) === (value.cron === undefined))
      ctx.addIssue({ code: 'custom', path: ['every'], message: 'give exactly one of every or cron' });
    if (value.timezone !== undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: value.timezone });
      } catch {
        ctx.addIssue({ code: 'custom', path: ['timezone'], message: `unknown time zone ${value.timezone}` });
      }
    }
  })
  .meta({ id: 'ScheduleInput' });

export const scheduleViewSchema = z
  .object({
    scheduleId: z.string(),
    integrationId: z.string(),
    entity: z.string(),
    every: z.string().optional(),
    cron: z.string().optional(),
    timezone: z.string().optional(),
    mode: modeSchema,
    paused: z.boolean(),
    note: z.string().optional(),
    nextRunTimes: z.array(z.string()),
    recentRuns: z.array(z.object({ scheduledAt: z.string(), startedAt: z.string(), runId: z.string() })),
    lastRun: z
      .object({
        runId: z.string(),
        status: z.string(),
        finishedAt: z.string().nullable(),
        stats: statsSchema.nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Schedule' });

export const scheduleListQuerySchema = z.object({ integrationId: z.string().optional() });

// ---- common ------------------------------------------------------------------------------------

export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error' });

export const idParams = z.object({ id: z.string() });
export const entityParams = z.object({ id: z.string(), entity: entitySchema });
export const runParams = z.object({ runId: z.string() });
