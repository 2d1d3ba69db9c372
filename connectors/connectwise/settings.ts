/**
 * The connection settings, as on the vendor's integration screen (URL, company, public and private key,
 * self-hosted), plus the clientId every call must carry and two optional pins (codebase, model version).
 */
import { z } from 'zod';
import type { ConnectorError } from '../errors.js';
import { cwError } from './errors.js';
import { CODEBASE_PATTERN, normaliseCodebase } from './url.js';

/**
 * The response model version asked for when none is pinned: 2025.1, the version of the vendor OpenAPI spec
 * the reference describes (§6). Deprecated model versions are supported for only 12 months (§2.3), so the
 * 2022.1 model entity-fields.json was extracted from is not asked for; where a field's shape differs, the
 * tolerant record schemas keep the value as it came.
 */
export const DEFAULT_API_VERSION = '2025.1';

export const connectWiseSettingsSchema = z.object({
  /** api-na.myconnectwise.net, na.myconnectwise.net (mapped to its api- host) or https://cw.example.com */
  url: z.string().trim().min(1, 'enter the ConnectWise site, e.g. na.myconnectwise.net'),
  /** The company ID typed at the ConnectWise login screen. */
  companyId: z
    .string()
    .trim()
    .min(1, 'enter the company ID used at the ConnectWise login screen')
    .max(100)
    .regex(/^[^\s/+:?#]+$/, 'a company ID has no spaces or / + : ? #'),
  publicKey: z
    .string()
    .trim()
    .min(1, "enter the API member's public key")
    .regex(/^[^\s:]+$/, 'a public key has no spaces or colons'),
  privateKey: z.string().trim().min(1, "enter the API member's private key"),
  /** Registered at developer.connectwise.com/ClientID. */
  clientId: z.guid('clientId must be a GUID such as 3a5b2c1d-0000-4000-8000-00000000c0de'),
  selfHosted: z.boolean().default(false),
  /** Skips discovery, e.g. 'v2025_1/'. */
  codebase: z
    .string()
    .transform(normaliseCodebase)
    .pipe(z.string().regex(CODEBASE_PATTERN, 'a codebase looks like v4_6_release/ or v2025_1/'))
    .optional(),
  /** Pins the response model (Accept: application/vnd.connectwise.com+json; version=...). */
  apiVersion: z
    .string()
    .trim()
    .regex(/^\d{4}\.\d{1,2}$|^3\.0(\.\d+)?$/, 'an API version looks like 2025.1')
    .default(DEFAULT_API_VERSION),
});

export type ConnectWiseSettingsInput = z.input<typeof connectWiseSettingsSchema>;
export type ConnectWiseSettings = z.output<typeof connectWiseSettingsSchema>;

/**
 * Validates settings and names every bad field. Values are never echoed: a private key pasted into the
 * wrong field must not end up in an error message.
 */
export function parseConnectWiseSettings(input: unknown): ConnectWiseSettings {
  const parsed = connectWiseSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`,
  );
  const error: ConnectorError = cwError(
    'config',
    `ConnectWise settings are not usable: ${problems.join('; ')}`,
    {
      details: { problems },
    },
  );
  throw error;
}
