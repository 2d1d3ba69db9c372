/**
 * Turns what ConnectWise (or the network, or its CDN edge) answered into a ConnectorError that says whether
 * Temporal should try again and what a person can do about it. Nothing here retries: it only classifies.
 */
import { ConnectorError, parseRetryAfter, type ConnectorErrorKind } from '../errors.js';

/** The vendor's sample client waits 30 s when a 429 carries no Retry-After (reference §5.1). */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

const RETRYABLE_BY_DEFAULT: Record<ConnectorErrorKind, boolean> = {
  config: false,
  unreachable: true,
  timeout: true,
  connection_reset: true,
  ssl_required: false,
  unauthorized: false,
  forbidden: false,
  not_found: false,
  unknown_company: false,
  bad_request: false,
  validation: false,
  rate_limited: true,
  server_error: true,
  invalid_response: false,
  budget_exhausted: true,
};

export interface CwErrorOptions {
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  request?: string;
  details?: unknown;
  cause?: unknown;
}

export function cwError(
  kind: ConnectorErrorKind,
  message: string,
  options: CwErrorOptions = {},
): ConnectorError {
  return new ConnectorError({
    target: 'connectwise',
    kind,
    message,
    retryable: options.retryable ?? RETRYABLE_BY_DEFAULT[kind],
    ...(options.status !== undefined && { status: options.status }),
    ...(options.retryAfterMs !== undefined && { retryAfterMs: options.retryAfterMs }),
    ...(options.request !== undefined && { request: options.request }),
    ...(options.details !== undefined && { details: options.details }),
    ...(options.cause !== undefined && { cause: options.cause }),
  });
}

/** The vendor's error body: `{code, message, errors: [{code, message, resource, field}] | null}` (§5.3). */
export interface CwErrorBody {
  code?: string;
  message?: string;
  errors: { code?: string; message?: string; resource?: string; field?: string }[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads an error body leniently: the 429 body uses `error` instead of `code`, and edges send HTML. */
export function parseErrorBody(body: string | undefined): CwErrorBody | undefined {
  if (body === undefined || body.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const errors = Array.isArray(record.errors)
    ? record.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .map((e) => ({
          ...(text(e.code) !== undefined && { code: text(e.code) }),
          ...(text(e.message) !== undefined && { message: text(e.message) }),
          ...(text(e.resource) !== undefined && { resource: text(e.resource) }),
          ...(text(e.field) !== undefined && { field: text(e.field) }),
        }))
    : [];
  const code = text(record.code) ?? text(record.error);
  const message = text(record.message);
  if (code === undefined && message === undefined && errors.length === 0) return undefined;
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }), errors };
}

/** `{"code":"Security","message":"SSL is required."}`: a login host or plain http where the API needs https. */
export function isSslRequired(body: CwErrorBody | undefined): boolean {
  return body?.code?.toLowerCase() === 'security' && /ssl/i.test(body.message ?? '');
}

/** Bad keys can arrive as `{"code":"ConnectWiseApi","message":"UserNotAuthenticated"}` (§2.4). */
function isNotAuthenticated(body: CwErrorBody | undefined): boolean {
  return body?.code === 'Unauthorized' || /UserNotAuthenticated/i.test(body?.message ?? '');
}

/**
 * How long a 429 asks us to wait: the Retry-After header (seconds or an HTTP date), else the "try again in N
 * seconds" of the vendor's body, else the vendor's 30 s default.
 */
export function retryAfterFrom(
  header: string | undefined,
  body: CwErrorBody | undefined,
  now = Date.now(),
): number {
  const fromHeader = parseRetryAfter(header, now);
  if (fromHeader !== undefined) return fromHeader;
  const inBody = /try again in (\d+(?:\.\d+)?) seconds?/i.exec(body?.message ?? '');
  if (inBody?.[1] !== undefined) return Math.round(Number(inBody[1]) * 1000);
  return DEFAULT_RETRY_AFTER_MS;
}

function vendorWords(body: CwErrorBody | undefined): string {
  if (body === undefined) return '';
  const parts = [
    body.message,
    ...body.errors.map((e) => (e.field ? `${e.field}: ${e.message ?? e.code}` : e.message)),
  ];
  const words = parts.filter((p): p is string => p !== undefined && p !== '');
  return words.length > 0 ? ` ConnectWise said: ${[...new Set(words)].join('; ')}` : '';
}

/** What the caller knows about the request, so that a 403 can name the entity and the permission to grant. */
export interface ResponseContext {
  status: number;
  /** Response body as text (may be HTML from the edge, or empty). */
  body: string | undefined;
  retryAfterHeader?: string | undefined;
  /** Method and path, never the query string or headers. */
  request: string;
  /** e.g. "Configurations" */
  entityLabel?: string;
  /** e.g. "Companies › Configurations" */
  permission?: string;
  now?: number;
}

/** Classifies a non-2xx response. Every status maps to exactly one kind; nothing is left "unknown". */
export function errorFromResponse(ctx: ResponseContext): ConnectorError {
  const body = parseErrorBody(ctx.body);
  const said = vendorWords(body);
  const base = { status: ctx.status, request: ctx.request };
  const what = ctx.entityLabel ?? 'this resource';

  if (isSslRequired(body)) {
    return cwError(
      'ssl_required',
      'ConnectWise refused the call: "SSL is required." Use https:// and, on ConnectWise cloud, the API host (api-na.myconnectwise.net rather than na.myconnectwise.net).',
      { ...base, details: body },
    );
  }
  if (ctx.status === 429) {
    const retryAfterMs = retryAfterFrom(ctx.retryAfterHeader, body, ctx.now);
    return cwError(
      'rate_limited',
      `ConnectWise is throttling requests (429); try again in ${Math.ceil(retryAfterMs / 1000)} s.${said}`,
      { ...base, retryAfterMs },
    );
  }
  if (ctx.status === 401 || (ctx.status < 500 && isNotAuthenticated(body))) {
    return cwError(
      'unauthorized',
      `ConnectWise rejected the credentials (${ctx.status}). Check the company ID, public key and private key of the API member.${said}`,
      { ...base, details: body },
    );
  }
  if (ctx.status === 403) {
    const grant = ctx.permission
      ? ` Grant "${ctx.permission}" (Inquire level All) to the API member's security role in ConnectWise (System › Security Roles).`
      : " Check the API member's security role, and that the clientId is registered.";
    return cwError(
      'forbidden',
      `ConnectWise does not allow the API member to read ${what} (403).${grant}${said}`,
      {
        ...base,
        details: { ...body, ...(ctx.permission !== undefined && { permission: ctx.permission }) },
      },
    );
  }
  if (ctx.status === 404) {
    return cwError('not_found', `ConnectWise found no ${what} at ${ctx.request} (404).${said}`, {
      ...base,
      details: body,
    });
  }
  if (ctx.status === 408) {
    return cwError('timeout', `ConnectWise timed out the request (408).${said}`, base);
  }
  if (ctx.status >= 500) {
    return cwError('server_error', `ConnectWise failed with ${ctx.status}.${said || ' (no error details)'}`, {
      ...base,
      details: body,
    });
  }
  if (ctx.status === 422 || (ctx.status === 400 && body?.errors.some((e) => e.field !== undefined))) {
    return cwError('validation', `ConnectWise refused the request as invalid (${ctx.status}).${said}`, {
      ...base,
      details: body,
    });
  }
  if (ctx.status >= 300 && ctx.status < 400) {
    return cwError(
      'config',
      `ConnectWise answered with a redirect (${ctx.status}); credentials are never sent after a redirect. Use the final site URL in the settings.`,
      base,
    );
  }
  return cwError(
    'bad_request',
    `ConnectWise refused the request (${ctx.status}); it will fail the same way if repeated.${said}`,
    { ...base, details: body },
  );
}

const NETWORK_CODES_UNREACHABLE_FOR_GOOD = new Set(['ENOTFOUND']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i;
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED_BY_PEER', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
]);

/**
 * Classifies a failure without an HTTP status. `code` is the Node/axios error code; `timedOut` is true when
 * our own deadline fired. The origin (scheme + host) is safe to show: it never holds credentials.
 */
export function errorFromNetwork(
  code: string | undefined,
  timedOut: boolean,
  request: string,
  origin: string,
): ConnectorError {
  const cause = new Error(code ?? 'network error');
  if (timedOut || code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
    return cwError('timeout', `ConnectWise at ${origin} did not answer in time (${request}).`, {
      request,
      cause,
    });
  }
  if (code !== undefined && RESET_CODES.has(code)) {
    return cwError('connection_reset', `The connection to ConnectWise at ${origin} was cut (${code}).`, {
      request,
      cause,
    });
  }
  if (code !== undefined && TLS_CODE.test(code)) {
    return cwError(
      'unreachable',
      `The TLS certificate of ${origin} was not accepted (${code}). For a self-hosted server with its own certificate authority, give the worker that CA (NODE_EXTRA_CA_CERTS).`,
      { request, cause, retryable: false },
    );
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return cwError(
      'unreachable',
      `Cannot reach ConnectWise at ${origin} (${code}). Check the site URL and that this server can reach it.`,
      { request, cause, retryable: !NETWORK_CODES_UNREACHABLE_FOR_GOOD.has(code) },
    );
  }
  // An unknown low-level failure mid-exchange behaves like a reset: the next attempt may well work.
  return cwError(
    'connection_reset',
    `The request to ConnectWise at ${origin} failed (${code ?? 'no code'}).`,
    {
      request,
      cause,
    },
  );
}
