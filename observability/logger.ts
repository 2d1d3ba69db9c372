/**
 * One pino logger for the whole service. Secrets are redacted by key wherever they appear (two levels
 * deep and in headers), so a careless `log.info({ integration })` still cannot leak a key or password.
 */
import { pino, type Logger } from 'pino';

const SECRET_KEYS = [
  'privateKey',
  'publicKey',
  'password',
  'token',
  'accessToken',
  'access_token',
  'secret',
  'apiToken',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'headers.authorization',
  'headers.Authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'cw-ap-sync' },
    },
    destination,
  );
}

export type { Logger };
