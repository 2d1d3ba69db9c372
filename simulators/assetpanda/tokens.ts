/**
 * Session tokens. `POST /v3/session/token` and/or `/v3/session-token` trade a web-app user's e-mail and
 * password for a JWT-looking bearer token; every other /v3 call must carry one. Tokens are looked up, not
 * verified cryptographically, so the admin API can expire them on demand.
 */
import { createHmac, randomBytes } from 'node:crypto';
import express, { type RequestHandler, type Router } from 'express';
import { ApiError, badRequest, notFound } from './errors.js';
import type { ResolvedOptions } from './context.js';

interface Session {
  email: string;
  expiresAt: number;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export class TokenRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly staticTokens: Set<string>;
  private readonly secret = randomBytes(32);

  constructor(private readonly options: ResolvedOptions) {
    this.staticTokens = new Set(options.staticTokens);
  }

  issue(email: string): string {
    const issuedAt = Date.now();
    const ttlMs = this.options.tokenTtlSeconds * 1000;
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        sub: email,
        iat: Math.floor(issuedAt / 1000),
        exp: Math.floor((issuedAt + ttlMs) / 1000),
        jti: randomBytes(8).toString('hex'),
      }),
    );
    const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    this.sessions.set(token, { email, expiresAt: issuedAt + ttlMs });
    return token;
  }

  /** The user's e-mail, or why the token is refused. */
  check(token: string): { ok: true; email: string | undefined } | { ok: false; message: string } {
    if (this.staticTokens.has(token)) return { ok: true, email: undefined };
    const session = this.sessions.get(token);
    if (!session) return { ok: false, message: 'Invalid access token' };
    if (Date.now() >= session.expiresAt) return { ok: false, message: 'Access token has expired' };
    return { ok: true, email: session.email };
  }

  /** Session tokens only: static tokens stand for pre-issued API tokens that do not expire. */
  expireAll(): void {
    for (const session of this.sessions.values()) session.expiresAt = 0;
  }
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, message);
}

export function tokenRoutes(options: ResolvedOptions, tokens: TokenRegistry): Router {
  const router = express.Router();
  const issueToken: RequestHandler = (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { email, password } = body;
    if (typeof email !== 'string' || typeof password !== 'string' || email === '' || password === '') {
      throw badRequest('email and password are required');
    }
    const user = options.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user || user.password !== password) throw unauthorized('Invalid email or password');
    res.json({
      access_token: tokens.issue(user.email),
      token_type: 'bearer',
      expires_in: options.tokenTtlSeconds,
    });
  };
  const disabled: RequestHandler = (req) => {
    throw notFound(`No route for ${req.method} ${req.baseUrl}${req.path}`);
  };
  const serves = (path: 'session/token' | 'session-token') =>
    options.tokenPath === 'both' || options.tokenPath === path;
  router.post('/session/token', serves('session/token') ? issueToken : disabled);
  router.post('/session-token', serves('session-token') ? issueToken : disabled);
  return router;
}

/** Puts the caller's e-mail (undefined for a static token) in res.locals.email. */
export function requireBearer(tokens: TokenRegistry): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      res.set('WWW-Authenticate', 'Bearer');
      throw unauthorized('Missing bearer token: send Authorization: Bearer <token>');
    }
    const checked = tokens.check(match[1]);
    if (!checked.ok) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw unauthorized(checked.message);
    }
    res.locals.email = checked.email;
    next();
  };
}
