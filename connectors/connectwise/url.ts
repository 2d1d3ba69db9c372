/**
 * From what a person types into "ConnectWise URL" to the site the API lives on. Cloud login hosts become their
 * `api-` hosts (calling the login host answers "SSL is required."), a URL without a scheme means https, and
 * plain http is refused unless the host is this machine (tests, the demo).
 */
import { cwError } from './errors.js';

/** A URL problem: test connection reports it as a bad URL rather than a generic settings problem. */
const badUrl = (message: string) =>
  cwError('config', message, { details: { problem: 'bad_url', field: 'url' } });

/** Login host → API host (reference §1.2; both Australian hosts exist). */
export const CLOUD_API_HOSTS: Readonly<Record<string, string>> = {
  'na.myconnectwise.net': 'api-na.myconnectwise.net',
  'eu.myconnectwise.net': 'api-eu.myconnectwise.net',
  'au.myconnectwise.net': 'api-au.myconnectwise.net',
  'aus.myconnectwise.net': 'api-aus.myconnectwise.net',
  'za.myconnectwise.net': 'api-za.myconnectwise.net',
  'staging.connectwisedev.com': 'api-staging.connectwisedev.com',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export const SELF_HOSTED_CODEBASE = 'v4_6_release/';

export interface SiteUrl {
  /** scheme://host[:port] */
  origin: string;
  /** A path prefix in front of the codebase (a self-hosted server behind a reverse proxy); '' or '/x'. */
  basePath: string;
  host: string;
  /** The host is one of the vendor's cloud hosts. */
  cloudHost: boolean;
  /** The URL typed was a cloud login host that we replaced with its API host. */
  mappedFrom?: string;
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

function isCloudApiHost(host: string): boolean {
  return Object.values(CLOUD_API_HOSTS).includes(host);
}

/**
 * A codebase segment or the API root pasted along with the site (`/v4_6_release/apis/3.0/...`) is cut off:
 * the codebase comes from discovery or the codebase setting, never from a copied address.
 */
function trimApiPath(pathname: string): string {
  const segments = pathname.split('/').filter((s) => s !== '');
  const cut = segments.findIndex((s) => /^v\d+_\d+(_release)?$/i.test(s) || s.toLowerCase() === 'apis');
  const kept = cut === -1 ? segments : segments.slice(0, cut);
  return kept.length === 0 ? '' : `/${kept.join('/')}`;
}

/** Parses the site URL setting. Throws ConnectorError(kind 'config') with a message a person can act on. */
export function resolveSiteUrl(input: string): SiteUrl {
  const typed = input.trim();
  if (typed === '') throw badUrl('url: enter the ConnectWise site, e.g. na.myconnectwise.net.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw badUrl(
      'url: this is not a web address; enter e.g. na.myconnectwise.net or https://cw.example.com.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badUrl(`url: use an https:// address, not ${url.protocol}//.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw badUrl('url: remove the user name and password from the address; keys go in their own fields.');
  }
  if (url.search !== '' || url.hash !== '') {
    throw badUrl('url: remove the query string (?…) or fragment (#…) from the site address.');
  }
  const hostname = url.hostname.toLowerCase();
  if (url.protocol === 'http:' && !isLoopbackHost(hostname)) {
    throw badUrl(
      `url: plain http:// is refused for ${hostname}: API keys would cross the network unencrypted, and ConnectWise answers "SSL is required.". Use https://${url.host}.`,
    );
  }
  const apiHost = CLOUD_API_HOSTS[hostname];
  const host = apiHost ?? url.host.toLowerCase();
  const cloudHost = apiHost !== undefined || isCloudApiHost(hostname);
  return {
    origin: `${url.protocol}//${host}`,
    // A cloud site has nothing in front of the codebase; whatever path was pasted is browser navigation.
    basePath: cloudHost ? '' : trimApiPath(url.pathname),
    host,
    cloudHost,
    ...(apiHost !== undefined && { mappedFrom: hostname }),
  };
}

/** Codebases end with a slash (`v2025_1/`); people type them with or without it. */
export function normaliseCodebase(codebase: string): string {
  const trimmed = codebase.trim().replace(/^\/+|\/+$/g, '');
  return `${trimmed}/`;
}

/** After normalising: `v4_6_release/`, `v2025_1/`; never `..` or a nested path. */
export const CODEBASE_PATTERN = /^[A-Za-z0-9_]+([.-][A-Za-z0-9_]+)*\/$/;

/** https://host[/prefix]/{codebase}apis/3.0 */
export function apiRoot(site: SiteUrl, codebase: string): string {
  return `${site.origin}${site.basePath}/${normaliseCodebase(codebase)}apis/3.0`;
}

/** The unauthenticated discovery address, outside apis/3.0 (§1.3). */
export function companyInfoUrl(site: SiteUrl, companyId: string): string {
  return `${site.origin}${site.basePath}/login/companyinfo/${encodeURIComponent(companyId)}`;
}
