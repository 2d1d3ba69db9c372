/** Writing responses the way the API does: JSON with ConnectWise's headers, errors with its body shape. */
import type { ErrorRequestHandler, Response } from 'express';
import { ApiError } from '../api-error.js';
import { AdminInputError } from '../state/records.js';

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export function sendError(res: Response, error: ApiError): void {
  sendJson(res, error.status, error.body());
}

/** The last handler: ApiError as the API's body, bad admin input as 400, anything else as a 500. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof ApiError) return sendError(res, err);
  if (err instanceof AdminInputError) return sendJson(res, 400, { error: err.message });
  if (err instanceof SyntaxError && req.path.startsWith('/__admin')) {
    return sendJson(res, 400, { error: `Body is not valid JSON: ${err.message}` });
  }
  console.error('connectwise simulator: unexpected error', err);
  sendError(res, new ApiError(500, 'UnexpectedError', 'An unexpected error occurred on the server.'));
};
