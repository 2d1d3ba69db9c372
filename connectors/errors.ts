/**
 * The error every connector throws. Activities turn it into a Temporal ApplicationFailure: retryable ones
 * are retried by Temporal (with `nextRetryDelay` = retryAfterMs when the API said how long to wait), the
 * others fail the activity at once. Connectors never retry by themselves.
 */
export type ConnectorTarget = 'connectwise' | 'assetpanda';

export type ConnectorErrorKind =
  | 'config' // our settings are unusable (bad URL, plain http to a remote host...)
  | 'unreachable' // DNS, connection refused, TLS failure
  | 'timeout'
  | 'connection_reset'
  | 'ssl_required'
  | 'unauthorized' // 401 / bad credentials
  | 'forbidden' // 403 / missing permission
  | 'not_found'
  | 'unknown_company'
  | 'bad_request' // 400 and other non-retryable 4xx
  | 'validation' // 422 or a 400 with per-field errors
  | 'rate_limited' // 429
  | 'server_error' // 5xx
  | 'invalid_response' // a body we could not parse or validate
  | 'budget_exhausted'; // our own call budget would make us wait too long inside one activity

export interface ConnectorErrorOptions {
  target: ConnectorTarget;
  kind: ConnectorErrorKind;
  message: string;
  retryable: boolean;
  status?: number;
  /** How long the API (Retry-After) or our budget asks us to wait before the next attempt. */
  retryAfterMs?: number;
  /** Method and path (never the query string with credentials, never headers). */
  request?: string;
  details?: unknown;
  cause?: unknown;
}

export class ConnectorError extends Error {
  readonly target: ConnectorTarget;
  readonly kind: ConnectorErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly request?: string;
  readonly details?: unknown;

  constructor(options: ConnectorErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.target = options.target;
    this.kind = options.kind;
    this.retryable = options.retryable;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.request !== undefined) this.request = options.request;
    if (options.details !== undefined) this.details = options.details;
  }
}

/** Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
