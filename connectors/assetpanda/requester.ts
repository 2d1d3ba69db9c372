/**
 * An authenticated, validated API call: adds the bearer token, re-authenticates once after a 401 (the
 * only second attempt the client ever makes; tokens expire and the vendor has no refresh flow), and checks
 * the answer against a zod schema before anyone reads it.
 */
import type { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { apError, unexpectedShapeError } from './errors.js';
import type { TokenSource } from './token.js';
import { describeRequest, type Exchange, type Transport } from './transport.js';

export type ApiCall = Omit<Exchange, 'token'>;

export interface Requester {
  call<S extends z.ZodType>(call: ApiCall, schema: S): Promise<z.output<S>>;
}

function isUnauthorized(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError && err.status === 401;
}

export function validate<S extends z.ZodType>(schema: S, body: unknown, request: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  // Paths and messages only: values may be customer data.
  const problems = result.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`);
  throw unexpectedShapeError(request, problems);
}

/**
 * The vendor lists a missing or invalid API key under 400 as well as 401, and does not say which an
 * expired session token gets. A plain 400 (not one with per-field errors, which is about the data) is
 * therefore treated like a 401 once, when it may be about the token: always for reads (a retry of a read
 * cannot write anything), and for writes when the answer speaks of a token, key or authentication, or says
 * nothing at all, so that a write refused for its data is not sent again on a guess.
 */
const AUTH_WORDS =
  /\b(token|api.?key|auth(entication|orization|orisation)?|session|credentials?|unauthori[sz]ed)\b/i;

function mayBeExpiredToken(err: unknown, call: ApiCall): err is ConnectorError {
  if (!(err instanceof ConnectorError) || err.status !== 400 || err.kind !== 'bad_request') return false;
  const read = call.method === 'GET' || /\/search(\/|$)/.test(call.path);
  // A bare 400, with no message at all, says nothing about the data either: worth one fresh token.
  const said = (err.details as { message?: unknown } | undefined)?.message;
  return read || typeof said !== 'string' || AUTH_WORDS.test(said);
}

export function createRequester(transport: Transport, tokens: TokenSource): Requester {
  async function sendAuthenticated(call: ApiCall): Promise<unknown> {
    const token = await tokens.current();
    try {
      return await transport.send({ ...call, token });
    } catch (err) {
      const unauthorized = isUnauthorized(err);
      if (!unauthorized && !mayBeExpiredToken(err, call)) throw err;
      const request = describeRequest(call.method, call.path);
      const fresh = await tokens.renew(token);
      if (fresh === undefined) {
        if (!unauthorized) throw err;
        throw apError({
          kind: 'unauthorized',
          retryable: false,
          status: 401,
          request,
          message: 'Asset Panda rejected the configured API token (401): issue a new token',
        });
      }
      try {
        return await transport.send({ ...call, token: fresh });
      } catch (again) {
        if (!isUnauthorized(again)) throw again;
        throw apError({
          kind: 'unauthorized',
          retryable: false,
          status: 401,
          request,
          message:
            'Asset Panda rejected a freshly issued session token (401): the service account may lack API access',
        });
      }
    }
  }

  return {
    async call(call, schema) {
      const body = await sendAuthenticated(call);
      return validate(schema, body, describeRequest(call.method, call.path));
    },
  };
}
