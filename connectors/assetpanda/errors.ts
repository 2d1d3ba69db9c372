/**
 * Turns what Asset Panda (or the network) answered into a ConnectorError that says whether Temporal should
 * try again. Nothing here retries: the client makes one attempt (plus the single re-auth after a 401).
 */
import {
  ConnectorError,
  parseRetryAfter,
  type ConnectorErrorKind,
  type ConnectorErrorOptions,
} from '../errors.js';

/**
 * Asset Panda documents no 429 and no Retry-After. When a 429 comes without the header we ask Temporal
 * to wait a third of the documented 3-minute window, long enough for a sliding window to free slots.
 */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

const MAX_MESSAGE_CHARS = 300;

export function apError(options: Omit<ConnectorErrorOptions, 'target'>): ConnectorError {
  return new ConnectorError({ target: 'assetpanda', ...options });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

/** The vendor's error bodies carry `message`; some clients also see `error`. */
export function bodyMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() === '' ? undefined : clip(body.trim());
  if (!isRecord(body)) return undefined;
  for (const key of ['message', 'error', 'error_description']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim() !== '') return clip(value.trim());
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// 422 bodies

export interface FieldProblem {
  /** A field key such as 'field_1'; absent for a message that names no field. */
  field?: string;
  messages: string[];
}

export interface RecordProblem {
  /** Position of the object in the batch that was sent (0-based). */
  index: number;
  fields: FieldProblem[];
}

export interface ValidationProblems {
  /** True when every problem could be tied to an object of the batch. */
  attributed: boolean;
  /** Per object, when attributed. */
  records: RecordProblem[];
  /** Problems the body did not tie to any object (empty when attributed). */
  unattributed: FieldProblem[];
  /** The body's own `message`, if any. */
  message?: string;
}

function messagesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (value === null || value === undefined) return [];
  if (isRecord(value)) return Object.values(value).flatMap(messagesOf);
  return [String(value)];
}

/** `{ field_1: ['is not unique'], field_2: 'blank' }` → one FieldProblem per key. */
function fieldProblemsOf(entry: Record<string, unknown>): FieldProblem[] {
  return Object.entries(entry)
    .map(([field, value]) => ({ field, messages: messagesOf(value) }))
    .filter((p) => p.messages.length > 0);
}

/** An aligned entry is a map of field → message(s); `{}` marks a valid object. */
function isFieldMap(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string' || Array.isArray(v));
}

/**
 * Reads a 422 body. The vendor shows only a single-object example (`{"errors":[{field: [msgs]}],"code":2}`),
 * so the batch shape is UNDOCUMENTED: we attribute problems to objects only when `errors` is an array
 * exactly as long as the batch whose entries are field maps (or when the batch holds one object). Any
 * other shape is kept whole as unattributed problems, never guessed onto objects.
 */
export function parseValidationBody(body: unknown, batchSize: number): ValidationProblems {
  const message = bodyMessage(body);
  const errors = isRecord(body) ? body.errors : undefined;
  const base = message === undefined ? {} : { message };

  if (Array.isArray(errors) && errors.length === batchSize && errors.every(isFieldMap)) {
    const records = errors
      .map((entry, index) => ({ index, fields: fieldProblemsOf(entry) }))
      .filter((r) => r.fields.length > 0);
    if (records.length > 0) return { attributed: true, records, unattributed: [], ...base };
  }

  const unattributed: FieldProblem[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isRecord(value)) unattributed.push(...fieldProblemsOf(value));
    else unattributed.push(...messagesOf(value).map((m) => ({ messages: [m] })));
  };
  if (errors !== undefined) collect(errors);
  else if (isRecord(body) && message === undefined) collect(body);

  if (batchSize === 1 && unattributed.length > 0) {
    // With one object there is no one else the problems could belong to.
    return { attributed: true, records: [{ index: 0, fields: unattributed }], unattributed: [], ...base };
  }
  return { attributed: false, records: [], unattributed, ...base };
}

function describeFields(fields: FieldProblem[]): string {
  return fields
    .map((f) => (f.field ? `${f.field}: ${f.messages.join(', ')}` : f.messages.join(', ')))
    .join('; ');
}

/**
 * A 422 (or a 400 with per-field errors). Whether the valid objects of a rejected batch were written is
 * UNDOCUMENTED: before resending, look the batch up by identifier (see indexObjectsByField).
 */
export class AssetPandaValidationError extends ConnectorError {
  readonly attributed: boolean;
  readonly records: RecordProblem[];
  readonly unattributed: FieldProblem[];
  readonly batchSize: number;

  constructor(problems: ValidationProblems, batchSize: number, status: number, request: string) {
    super({
      target: 'assetpanda',
      kind: 'validation',
      retryable: false,
      status,
      request,
      message: AssetPandaValidationError.describe(problems, batchSize),
      details: { ...problems, batchSize },
    });
    this.name = 'AssetPandaValidationError';
    this.attributed = problems.attributed;
    this.records = problems.records;
    this.unattributed = problems.unattributed;
    this.batchSize = batchSize;
  }

  private static describe(problems: ValidationProblems, batchSize: number): string {
    const what = batchSize === 1 ? 'the object' : `the batch of ${batchSize} objects`;
    if (problems.attributed) {
      const shown = problems.records
        .slice(0, 5)
        .map((r) => `#${r.index} ${describeFields(r.fields)}`)
        .join(' | ');
      const more = problems.records.length > 5 ? ` | and ${problems.records.length - 5} more` : '';
      return clip(`Asset Panda rejected ${what}: ${problems.records.length} invalid: ${shown}${more}`);
    }
    const detail = describeFields(problems.unattributed) || problems.message || 'no details given';
    return clip(
      `Asset Panda rejected ${what} and its answer does not say which objects failed (cannot attribute): ${detail}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP status and network failures

export interface HttpFailure {
  status: number;
  body: unknown;
  retryAfter?: string;
  request: string;
  /** Objects in the request, for attributing 422s; 0 when the call carried no objects. */
  batchSize: number;
  defaultRetryAfterMs: number;
}

export function errorFromStatus(f: HttpFailure): ConnectorError {
  const said = bodyMessage(f.body);
  const suffix = said === undefined ? '' : `: ${said}`;
  const common = { status: f.status, request: f.request };
  if (f.status === 422 || (f.status === 400 && isRecord(f.body) && f.body.errors !== undefined)) {
    const problems = parseValidationBody(f.body, f.batchSize);
    return new AssetPandaValidationError(problems, f.batchSize, f.status, f.request);
  }
  if (f.status === 429) {
    const retryAfterMs = parseRetryAfter(f.retryAfter) ?? f.defaultRetryAfterMs;
    return apError({
      ...common,
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs,
      message: `Asset Panda is throttling calls (429); wait ${Math.ceil(retryAfterMs / 1000)}s${suffix}`,
    });
  }
  if (f.status >= 500) {
    const retryAfterMs = parseRetryAfter(f.retryAfter);
    return apError({
      ...common,
      kind: 'server_error',
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      message: `Asset Panda failed with ${f.status}${suffix}`,
    });
  }
  if (f.status === 408) {
    return apError({
      ...common,
      kind: 'timeout',
      retryable: true,
      message: `Asset Panda timed out (408)${suffix}`,
    });
  }
  const fixed: Record<number, [ConnectorErrorKind, string]> = {
    401: ['unauthorized', 'Asset Panda rejected the credentials (401)'],
    403: ['forbidden', 'the Asset Panda user lacks permission for this call (403)'],
    404: ['not_found', 'Asset Panda has no such resource (404)'],
  };
  const [kind, text] = fixed[f.status] ?? ['bad_request', `Asset Panda refused the request (${f.status})`];
  return apError({
    ...common,
    kind,
    retryable: false,
    message: `${text}${suffix}`,
    ...(said === undefined ? {} : { details: { message: said } }),
  });
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_CODE = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/i;

/**
 * A call that got no HTTP answer. Everything transient is retryable; TLS/certificate failures are not,
 * because waiting does not fix a certificate and retries would only hide the misconfiguration.
 */
export function errorFromNetwork(code: string | undefined, message: string, request: string): ConnectorError {
  const c = code ?? 'UNKNOWN';
  const common = { request, details: { code: c } };
  if (TIMEOUT_CODES.has(c)) {
    return apError({
      ...common,
      kind: 'timeout',
      retryable: true,
      message: `Asset Panda did not answer in time`,
    });
  }
  if (RESET_CODES.has(c) || /socket hang up/i.test(message)) {
    return apError({
      ...common,
      kind: 'connection_reset',
      retryable: true,
      message: `the connection to Asset Panda was dropped (${c})`,
    });
  }
  if (TLS_CODE.test(c)) {
    return apError({
      ...common,
      kind: 'unreachable',
      retryable: false,
      message: `TLS to Asset Panda failed (${c}): check the base URL and certificates`,
    });
  }
  return apError({
    ...common,
    kind: 'unreachable',
    retryable: true,
    message: `cannot reach Asset Panda (${c})`,
  });
}

/** A 2xx whose body is not JSON: usually a proxy or maintenance page, so worth another try later. */
export function notJsonError(
  status: number,
  request: string,
  contentType: string | undefined,
): ConnectorError {
  return apError({
    kind: 'invalid_response',
    retryable: true,
    status,
    request,
    message: `Asset Panda answered ${status} with a body that is not JSON (${contentType ?? 'no content type'})`,
  });
}

/** JSON of the wrong shape will not change on a retry; the client (or our reading of the API) must change. */
export function unexpectedShapeError(request: string, problems: string[]): ConnectorError {
  return apError({
    kind: 'invalid_response',
    retryable: false,
    request,
    message: `Asset Panda's answer has an unexpected shape: ${clip(problems.join('; '))}`,
    details: { problems },
  });
}
