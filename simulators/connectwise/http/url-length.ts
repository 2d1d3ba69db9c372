/**
 * Refuses URLs over 2000 characters with 414 URI Too Long. The vendor guide tells integrators to stay
 * under 2000 and peers (DJ, SP) enforce that limit client-side; what the server itself answers above it
 * depends on the IIS/proxy in front, so the simulator answers the HTTP status that names the problem,
 * non-JSON as a front server's page would be. The length counted is the absolute URL the client sent.
 */
import type { RequestHandler } from 'express';

export const MAX_URL_LENGTH = 2000;

export function rejectLongUrls(): RequestHandler {
  return (req, res, next) => {
    const length = `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`.length;
    if (length <= MAX_URL_LENGTH) return next();
    res
      .status(414)
      .type('text/html; charset=utf-8')
      .send(
        `<html><head><title>414 Request-URI Too Long</title></head><body><h1>Request-URI Too Long</h1>` +
          `<p>The URL is ${length} characters; the limit is ${MAX_URL_LENGTH}.</p></body></html>`,
      );
  };
}
