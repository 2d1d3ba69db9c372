/**
 * Error answers. Every error body carries a `message`, as the vendor promises; validation errors also
 * carry the v2-style `errors` array and `code: 2`.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { FieldErrors } from './validation.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra };
  }
}

export const badRequest = (message: string) => new ApiError(400, message);
export const notFound = (message: string) => new ApiError(404, message);

export function invalid(message: string, errors: FieldErrors[]): ApiError {
  return new ApiError(422, message, { errors, code: 2 });
}

export const unknownRoute: RequestHandler = (req, res) => {
  res.status(404).json({ message: `No route for ${req.method} ${req.path}` });
};

export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof ApiError) {
    res.status(err.status).json(err.body());
    return;
  }
  // body-parser marks its own failures with `type` and `status`.
  const parserError = err as { type?: string; status?: number; message?: string };
  if (parserError.type === 'entity.parse.failed') {
    res.status(400).json({ message: 'The request body is not valid JSON' });
  } else if (
    typeof parserError.status === 'number' &&
    parserError.status >= 400 &&
    parserError.status < 500
  ) {
    res.status(parserError.status).json({ message: parserError.message ?? 'Bad request' });
  } else {
    console.error('assetpanda simulator: unexpected error', err);
    res.status(500).json({ message: 'Internal server error' });
  }
};
