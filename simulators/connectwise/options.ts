/**
 * Checks and completes the start options. A bad option fails start-up with a message naming it,
 * rather than producing a simulator that behaves oddly.
 */
import { z } from 'zod';
import type { ConnectWiseSimulatorOptions, CwEntity } from './types.js';
import { CW_ENTITIES } from './types.js';
import type { SimulatorConfig } from './state/simulator-state.js';

export const SELF_HOSTED_CODEBASE = 'v4_6_release/';
/** The release a self-hosted simulator claims; a cloud-like codebase names its own (`v2025_1/` → 2025.1). */
export const DEFAULT_VERSION = '2025.1';

const rate = z.number().min(0).max(1);
export const faultRatesSchema = z.strictObject({
  status500: rate.optional(),
  status502: rate.optional(),
  timeout: rate.optional(),
  drop: rate.optional(),
  nonJson429: rate.optional(),
});
export const latencySchema = z.number().int().min(0).max(600_000);
export const requestsPerMinuteSchema = z.number().int().min(1).optional();

const entity = z.enum(CW_ENTITIES as [CwEntity, ...CwEntity[]]);
const optionsSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(0),
  seed: z.number().int().default(1),
  counts: z.partialRecord(entity, z.number().int().min(0).max(1_000_000)).default({}),
  companyId: z.string().min(1).default('demo'),
  publicKey: z.string().min(1).default('demo-public'),
  privateKey: z.string().min(1).default('demo-private'),
  clientId: z.string().min(1).default('3a5b2c1d-0000-4000-8000-00000000c0de'),
  codebase: z
    .string()
    .transform((c) => `${c.replace(/^\/+|\/+$/g, '')}/`)
    .pipe(z.string().regex(/^[A-Za-z0-9_.]+\/$/, 'a codebase is one path segment such as v4_6_release/'))
    .default(SELF_HOSTED_CODEBASE),
  isCloud: z.boolean().optional(),
  forbidden: z.array(entity).default([]),
  latencyMs: latencySchema.default(0),
  requestsPerMinute: requestsPerMinuteSchema,
  faults: faultRatesSchema.default({}),
});

export const DEFAULT_COUNTS: Record<CwEntity, number> = {
  companies: 25,
  configurations: 100,
  catalog: 40,
  tickets: 60,
  agreements: 20,
};

export type ResolvedOptions = z.output<typeof optionsSchema> & {
  counts: Record<CwEntity, number>;
  config: SimulatorConfig;
};

export function formatZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}

export function resolveOptions(options: ConnectWiseSimulatorOptions): ResolvedOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`ConnectWise simulator options: ${formatZodError(parsed.error)}`);
  const o = parsed.data;
  const cloudVersion = /^v(\d{4})_(\d+)\/$/.exec(o.codebase);
  return {
    ...o,
    counts: { ...DEFAULT_COUNTS, ...o.counts },
    config: {
      companyId: o.companyId,
      publicKey: o.publicKey,
      privateKey: o.privateKey,
      clientId: o.clientId,
      codebase: o.codebase,
      isCloud: o.isCloud ?? o.codebase !== SELF_HOSTED_CODEBASE,
      version: cloudVersion ? `${cloudVersion[1]}.${cloudVersion[2]}` : DEFAULT_VERSION,
      build: 12345,
      forbidden: new Set(o.forbidden),
    },
  };
}
