/**
 * Resolved settings: the validated environment plus what the embedded default derives from it
 * (absolute data folder, store URL, a dev-only secrets key and API token kept in the data folder so a
 * restart does not lose access to what was saved).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseEnv, type Env } from './env.js';

export interface Settings {
  env: Env;
  dataDir: string;
  databaseUrl: string;
  secretsKey: Buffer;
  apiToken: string;
  /** Where the Temporal Web UI lives, for links in API responses and logs. */
  temporalUiUrl: string;
  /** true when `npm start` must run its own Temporal dev server. */
  embeddedTemporal: boolean;
  temporalAddress: string;
}

/** Loads `.env` (if present) without overriding variables already set by the caller. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

function readOrCreate(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = create();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export function resolveSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const env = parseEnv(source);
  const dataDir = isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  // Outside production a missing key is generated once and kept beside the data it protects.
  const secretsKey = env.SECRETS_KEY
    ? Buffer.from(env.SECRETS_KEY, 'base64')
    : Buffer.from(
        readOrCreate(join(dataDir, 'secrets.key'), () => randomBytes(32).toString('base64')),
        'base64',
      );
  const apiToken =
    env.API_TOKEN ?? readOrCreate(join(dataDir, 'api-token'), () => randomBytes(24).toString('base64url'));

  const embeddedTemporal = env.TEMPORAL_ADDRESS === undefined;
  return {
    env,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? `sqlite:${join(dataDir, 'store.sqlite')}`,
    secretsKey,
    apiToken,
    temporalUiUrl: (env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_UI_PORT}`).replace(/\/$/, ''),
    embeddedTemporal,
    temporalAddress: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_DEV_PORT}`,
  };
}
