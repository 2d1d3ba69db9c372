/**
 * What an integration stores to reach one Asset Panda account. Credentials are kept only in the parsed
 * settings object and the client's memory; nothing here is written anywhere.
 */
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { toDayjsFormat } from './dates.js';

function readableDateFormat(format: string): boolean {
  try {
    toDayjsFormat(format);
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_BASE_URL = 'https://api.assetpanda.com';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Accepts the host with or without a trailing `/v3` (people paste either from the vendor docs) and
 * returns the origin plus any path prefix, without a trailing slash, so that `/v3/...` can be appended.
 */
export function normaliseBaseUrl(raw: string): { ok: true; url: string } | { ok: false; problem: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: `not a URL: ${raw}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'the base URL must not carry credentials' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, problem: 'the base URL must not have a query string or fragment' };
  }
  if (url.protocol === 'http:') {
    // Credentials and bearer tokens travel on every call: clear text only where it never leaves the host.
    if (!isLoopback(url.hostname)) {
      return { ok: false, problem: `plain http is only allowed for loopback hosts, not ${url.hostname}` };
    }
  } else if (url.protocol !== 'https:') {
    return { ok: false, problem: `unsupported protocol ${url.protocol}` };
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v3$/i, '');
  return { ok: true, url: `${url.origin}${path}` };
}

const baseUrl = z
  .string()
  .default(DEFAULT_BASE_URL)
  .transform((value, ctx) => {
    const result = normaliseBaseUrl(value);
    if (result.ok) return result.url;
    ctx.addIssue({ code: 'custom', message: result.problem });
    return z.NEVER;
  });

/**
 * Flat on input (what a settings form posts), discriminated on output so the client cannot confuse the
 * two modes. Giving both a token and a password is refused rather than silently preferring one.
 */
export const assetPandaSettingsSchema = z
  .object({
    baseUrl,
    email: z.string().trim().min(1).optional(),
    password: z.string().min(1).optional(),
    token: z.string().trim().min(1).optional(),
    /**
     * The account's date format in dayjs-style tokens (e.g. 'DD/MM/YYYY'). When unset the client reads it
     * from GET /v3/settings and falls back to 'MM/DD/YYYY', the format of the vendor's own examples.
     */
    dateFormat: z
      .string()
      .trim()
      .min(1)
      .refine(readableDateFormat, {
        message: 'use a date format of year, month and day, e.g. MM/DD/YYYY, dd/mm/yyyy, %d.%m.%Y or m/d/Y',
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    const hasPassword = value.email !== undefined || value.password !== undefined;
    if (value.token !== undefined && hasPassword) {
      ctx.addIssue({ code: 'custom', message: 'give either a token or an email and password, not both' });
    } else if (value.token === undefined && !hasPassword) {
      ctx.addIssue({ code: 'custom', message: 'give either a token or an email and password' });
    } else if (hasPassword && (value.email === undefined || value.password === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.email === undefined ? 'email' : 'password'],
        message: 'a service account needs both an email and a password',
      });
    }
  })
  .transform((value): AssetPandaSettings => {
    const credentials: AssetPandaCredentials =
      value.token !== undefined
        ? { kind: 'token', token: value.token }
        : { kind: 'session', email: value.email ?? '', password: value.password ?? '' };
    return value.dateFormat === undefined
      ? { baseUrl: value.baseUrl, credentials }
      : { baseUrl: value.baseUrl, credentials, dateFormat: value.dateFormat };
  });

export type AssetPandaCredentials =
  { kind: 'session'; email: string; password: string } | { kind: 'token'; token: string };

export interface AssetPandaSettings {
  /** Without `/v3` and without a trailing slash. */
  baseUrl: string;
  credentials: AssetPandaCredentials;
  dateFormat?: string;
}

export type AssetPandaSettingsInput = z.input<typeof assetPandaSettingsSchema>;

function isParsed(input: unknown): input is AssetPandaSettings {
  return typeof input === 'object' && input !== null && 'credentials' in input;
}

/** Back to the flat form, so that settings built by hand go through the same checks. */
function flatten(settings: AssetPandaSettings): AssetPandaSettingsInput {
  const c = settings.credentials;
  return {
    baseUrl: settings.baseUrl,
    ...(c.kind === 'token' ? { token: c.token } : { email: c.email, password: c.password }),
    ...(settings.dateFormat === undefined ? {} : { dateFormat: settings.dateFormat }),
  };
}

/**
 * Parses settings (the flat form, or already parsed ones) or throws a non-retryable 'config' error that
 * names the problems, never the values.
 */
export function parseAssetPandaSettings(input: unknown): AssetPandaSettings {
  const result = assetPandaSettingsSchema.safeParse(isParsed(input) ? flatten(input) : input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  throw new ConnectorError({
    target: 'assetpanda',
    kind: 'config',
    retryable: false,
    message: `Asset Panda settings are unusable: ${problems.join('; ')}`,
    details: { problems },
  });
}
