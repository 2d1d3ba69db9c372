/**
 * Codebase discovery: `GET /login/companyinfo/{companyId}`, unauthenticated and outside apis/3.0 (§1.3).
 * Cloud sites answer with a version-specific codebase (`v2025_1/`) that moves when the site is upgraded;
 * on-premise servers answer `v4_6_release/`. A `null` body means the company ID is unknown.
 *
 * A host that is not one of the vendor's cloud hosts may not serve the lookup at all (an older or proxied
 * on-premise server): a 404 or a non-JSON answer there falls back to `v4_6_release/` (§1.3, §8). On a cloud
 * host the same answer means a wrong address, which stays a config error.
 */
import { z } from 'zod';
import { cwError } from './errors.js';
import { describeRequest, jsonBody, type HttpRequest, type Send } from './requester.js';
import {
  CODEBASE_PATTERN,
  SELF_HOSTED_CODEBASE,
  companyInfoUrl,
  normaliseCodebase,
  type SiteUrl,
} from './url.js';

export interface CompanyInfo {
  codebase: string;
  /** undefined when the server did not say or said something unreadable. */
  isCloud?: boolean;
  companyName?: string;
  versionCode?: string;
  /** The site did not answer the lookup (non-cloud hosts only), so the codebase is assumed: 'missing' for a
   * 404 (normal on some on-premise servers), 'not_json' for a page that is not JSON. */
  fallback?: 'missing' | 'not_json';
}

const companyInfoSchema = z.looseObject({
  Codebase: z.string().nullish(),
  IsCloud: z.unknown().optional(),
  CompanyName: z.string().nullish(),
  VersionCode: z.string().nullish(),
});

/** "True" (vendor example), true (other servers), "true"... */
export function parseIsCloud(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** Reads a companyinfo body; throws unknown_company for `null` and invalid_response for anything unreadable. */
export function parseCompanyInfo(body: unknown, companyId: string, host: string): CompanyInfo {
  if (body === null) {
    throw cwError(
      'unknown_company',
      `ConnectWise at ${host} does not know the company ID "${companyId}". Use the company ID typed at the ConnectWise login screen.`,
    );
  }
  const parsed = companyInfoSchema.safeParse(body);
  if (!parsed.success) {
    throw cwError(
      'config',
      `${host} answered the ConnectWise company lookup with something else than company information; check the site URL.`,
      { details: { problem: 'bad_url' } },
    );
  }
  const raw = parsed.data.Codebase?.trim();
  // A server that answers without a codebase behaves like an on-premise one (§1.3: fall back to v4_6_release/).
  const normalised = raw ? normaliseCodebase(raw) : undefined;
  const codebase = normalised && CODEBASE_PATTERN.test(normalised) ? normalised : SELF_HOSTED_CODEBASE;
  const isCloud = parseIsCloud(parsed.data.IsCloud);
  return {
    codebase,
    ...(isCloud !== undefined && { isCloud }),
    ...(parsed.data.CompanyName ? { companyName: parsed.data.CompanyName } : {}),
    ...(parsed.data.VersionCode ? { versionCode: parsed.data.VersionCode } : {}),
  };
}

/**
 * Asks the site for the company's codebase. Network trouble, throttling and 5xx keep their retryable errors.
 * A 404 or an HTML page: on a cloud host the URL is not a ConnectWise site, which retrying will not change;
 * on any other host, `v4_6_release/` is assumed (the first API call then tells whether the site is right).
 */
export async function discoverCompanyInfo(
  send: Send,
  site: SiteUrl,
  companyId: string,
): Promise<CompanyInfo> {
  const request: HttpRequest = {
    method: 'GET',
    url: companyInfoUrl(site, companyId),
    headers: { Accept: 'application/json' },
  };
  const response = await send(request);
  const described = describeRequest(request.method, request.url);
  if (
    response.status === 404 ||
    (response.status >= 200 && response.status < 300 && !looksLikeJson(response.text))
  ) {
    if (!site.cloudHost)
      return { codebase: SELF_HOSTED_CODEBASE, fallback: response.status === 404 ? 'missing' : 'not_json' };
    throw cwError(
      'config',
      `${site.origin} does not look like a ConnectWise site: ${described} answered ${response.status}${response.status === 404 ? '' : ' without JSON'}. Check the site URL (cloud: e.g. na.myconnectwise.net).`,
      { status: response.status, request: described, details: { problem: 'bad_url' } },
    );
  }
  return parseCompanyInfo(jsonBody(response, request), companyId, site.host);
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
