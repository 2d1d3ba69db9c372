/**
 * The API's one error shape: `{ error: { code, message, details? } }`. Every failure, including bad JSON,
 * oversized bodies, unknown routes and validation problems, leaves through `errorHandler`.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError, type z } from 'zod';
import { ConnectorError } from '../connectors/errors.js';
import type { Logger } from '../observability/logger.js';

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/** One entry per problem: where (a dotted path into the body) and why. */
export function zodProblems(error: ZodError, prefix?: string): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => {
    const path = issue.path.join('.');
    return { path: [prefix, path].filter(Boolean).join('.') || '(body)', message: issue.message };
  });
}

/** Parses with a schema or throws a 400 naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError(400, 'invalid_request', `Invalid ${where}`, zodProblems(result.error));
  }
  return result.data;
}

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

const SETTINGS_KINDS = new Set(['unauthorized', 'forbidden', 'unknown_company', 'ssl_required', 'config']);

/**
 * What a route answers when ConnectWise or Asset Panda refused or failed a call it needed: the saved
 * settings are wrong (422, fix the integration), the vendor throttles us (503 with Retry-After), or the
 * vendor failed (502). The message is the connector's, which names the system and what to change.
 */
function fromConnector(err: ConnectorError): ApiError {
  const system = err.target === 'connectwise' ? 'ConnectWise' : 'Asset Panda';
  const message = `${system}: ${err.message}`;
  const details = { target: err.target, kind: err.kind, ...(err.status ? { status: err.status } : {}) };
  if (SETTINGS_KINDS.has(err.kind)) return new ApiError(422, 'connection_failed', message, details);
  if (err.kind === 'rate_limited' || err.kind === 'budget_exhausted')
    return new ApiError(503, 'upstream_throttled', message, { ...details, retryAfterMs: err.retryAfterMs });
  if (!err.retryable) return new ApiError(422, 'upstream_refused', message, details);
  return new ApiError(502, 'upstream_error', message, details);
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let apiError: ApiError;
    const bodyParserType = (err as { type?: string }).type;
    if (err instanceof ApiError) apiError = err;
    else if (err instanceof ZodError)
      apiError = new ApiError(400, 'invalid_request', 'Invalid request', zodProblems(err));
    else if (bodyParserType === 'entity.too.large')
      apiError = new ApiError(413, 'payload_too_large', 'Request body is too large');
    else if (bodyParserType === 'entity.parse.failed')
      apiError = new ApiError(400, 'invalid_json', 'Request body is not valid JSON');
    else if (err instanceof ConnectorError) apiError = fromConnector(err);
    else if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported')
      apiError = new ApiError(415, 'unsupported_media_type', 'Unsupported body encoding');
    else {
      log.error({ err, method: req.method, path: req.path }, 'unhandled API error');
      apiError = new ApiError(500, 'internal', 'Internal error; see the service log');
    }
    const retryAfter = (apiError.details as { retryAfterMs?: number } | undefined)?.retryAfterMs;
    if (apiError.status === 503 && retryAfter)
      res.setHeader('Retry-After', String(Math.ceil(retryAfter / 1000)));
    res.status(apiError.status).json({
      error: {
        code: apiError.code,
        message: apiError.message,
        ...(apiError.details === undefined ? {} : { details: apiError.details }),
      },
    });
  };
}
