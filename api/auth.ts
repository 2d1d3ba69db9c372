import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <API_TOKEN>` on every route it guards; constant-time comparison. */
export function requireBearerToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), expected)) {
      next(
        new ApiError(
          401,
          'unauthorized',
          'Missing or wrong bearer token (Authorization: Bearer <API_TOKEN>)',
        ),
      );
      return;
    }
    next();
  };
}
