/**
 * The service's configuration: environment variables (and an optional `.env` file), validated once at
 * start-up. A bad or missing variable stops the process with a message naming each variable and why.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('data'),

  // Temporal. Without TEMPORAL_ADDRESS `npm start` runs its own dev server (embedded default).
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d+$/, 'expected host:port, e.g. temporal:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('cw-ap-sync'),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: z.url({ message: 'expected a URL such as http://localhost:8233' }).optional(),

  // The operator API.
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  API_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 100kb')
    .default('100kb'),

  // The store: SQLite file by default, PostgreSQL when a postgres:// URL is given.
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'expected sqlite:<file> or postgres://user@host:port/db')
    .optional(),
  SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64-encoded')
    .optional(),

  // Call budgets. Asset Panda documents ~400 calls per 3 minutes per IP; ConnectWise throttles near 1000/min.
  ASSETPANDA_CALLS_PER_WINDOW: positiveInt.default(400),
  ASSETPANDA_WINDOW_SECONDS: positiveInt.default(180),
  CONNECTWISE_REQUESTS_PER_MINUTE: positiveInt.default(600),

  // Worker.
  WORKER_METRICS_PORT: port.optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt.default(20),

  // The demo (simulators + demo integration) runs when no integration exists, unless DEMO=false.
  DEMO: booleanish.optional(),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws ConfigError listing every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Treat empty strings as unset, as shells and compose files often export `FOO=`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const env = result.data;
  const problems: string[] = [];
  if (env.NODE_ENV === 'production') {
    if (!env.SECRETS_KEY) problems.push('SECRETS_KEY: required in production (32 random bytes, base64)');
    if (!env.API_TOKEN) problems.push('API_TOKEN: required in production (at least 16 characters)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}
