/**
 * Where the bearer token comes from. Either a ready token from the settings (it cannot be renewed), or a
 * v3 session token fetched with a service account's email and password, kept in memory only and fetched
 * again when a call gets a 401.
 */
import { ConnectorError } from '../errors.js';
import { apError } from './errors.js';
import { PathChoice } from './path-choice.js';
import type { Transport } from './transport.js';

export interface TokenSource {
  /** The token to send now (fetched on first use). */
  current(): Promise<string>;
  /**
   * A fresh token after `rejected` got a 401, or undefined when this source cannot renew. Concurrent
   * callers that saw the same rejected token share one token call.
   */
  renew(rejected: string): Promise<string | undefined>;
}

export type TokenPath = 'session/token' | 'session-token';

/**
 * The v3 docs do not show the response; v2 answered `access_token`. We accept the three spellings seen in
 * public clients, at the top level or under `data`, and strip a "Bearer " prefix if the server adds one.
 */
export function readToken(body: unknown): string | undefined {
  const holders: unknown[] = [body];
  if (typeof body === 'object' && body !== null && 'data' in body) holders.push(body.data);
  for (const holder of holders) {
    if (typeof holder !== 'object' || holder === null) continue;
    const record = holder as Record<string, unknown>;
    for (const key of ['token', 'access_token', 'accessToken']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') return value.trim().replace(/^Bearer\s+/i, '');
    }
  }
  return undefined;
}

export function staticTokenSource(token: string): TokenSource {
  return {
    current: async () => token,
    renew: async () => undefined,
  };
}

export interface SessionTokenSource extends TokenSource {
  /** Which token path answered, once known. */
  readonly path: TokenPath | undefined;
}

export function sessionTokenSource(
  transport: Transport,
  credentials: { email: string; password: string },
): SessionTokenSource {
  // The docs' operation sits under "Session › token", mirroring v2's /session/token; one public client
  // uses /session-token. We prefer the documented-looking form.
  const paths = new PathChoice<TokenPath>('session/token', 'session-token');
  let token: string | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let body: unknown;
    try {
      body = await paths.run((path) =>
        transport.send({
          method: 'POST',
          path: `/v3/${path}`,
          body: { email: credentials.email, password: credentials.password },
        }),
      );
    } catch (err) {
      if (err instanceof ConnectorError && (err.status === 401 || err.status === 422)) {
        throw apError({
          kind: 'unauthorized',
          retryable: false,
          status: err.status,
          ...(err.request === undefined ? {} : { request: err.request }),
          message: `Asset Panda rejected the service account's email or password (${err.status})`,
        });
      }
      if (err instanceof ConnectorError && err.status === 404) {
        throw apError({
          kind: 'not_found',
          retryable: false,
          status: 404,
          request: 'POST /v3/session/token',
          message:
            'no Asset Panda session token endpoint at /v3/session/token or /v3/session-token: check the base URL',
        });
      }
      throw err;
    }
    const found = readToken(body);
    if (found === undefined) {
      throw apError({
        kind: 'invalid_response',
        retryable: false,
        request: `POST /v3/${paths.remembered ?? 'session/token'}`,
        message:
          'Asset Panda answered the token request without a token (looked for token, access_token, accessToken)',
      });
    }
    return found;
  }

  function fetchShared(): Promise<string> {
    if (inFlight === undefined) {
      inFlight = fetchToken()
        .then((fresh) => {
          token = fresh;
          return fresh;
        })
        .finally(() => {
          inFlight = undefined;
        });
    }
    return inFlight;
  }

  return {
    get path() {
      return paths.remembered;
    },
    async current() {
      return token ?? fetchShared();
    },
    async renew(rejected: string) {
      if (token !== undefined && token !== rejected) return token;
      token = undefined;
      return fetchShared();
    },
  };
}
