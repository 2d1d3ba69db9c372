/**
 * The API's one error shape: `{ error: { code, message, details? } }`. Every failure, including bad JSON,
 * oversized bodies, unknown routes and validation problems, leaves through `errorHandler`.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError, type z } from 'zod';
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
export function zodProblems(error: ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
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
    else if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported')
      apiError = new ApiError(415, 'unsupported_media_type', 'Unsupported body encoding');
    else {
      log.error({ err, method: req.method, path: req.path }, 'unhandled API error');
      apiError = new ApiError(500, 'internal', 'Internal error; see the service log');
    }
    res.status(apiError.status).json({
      error: {
        code: apiError.code,
        message: apiError.message,
        ...(apiError.details === undefined ? {} : { details: apiError.details }),
      },
    });
  };
}
