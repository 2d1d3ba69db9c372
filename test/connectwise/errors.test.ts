import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_RETRY_AFTER_MS,
  errorFromNetwork,
  errorFromResponse,
  parseErrorBody,
  retryAfterFrom,
} from '../../connectors/connectwise/errors.js';

const request = 'GET /v4_6_release/apis/3.0/company/configurations';
const classify = (status: number, body?: unknown, extra: { retryAfterHeader?: string; now?: number } = {}) =>
  errorFromResponse({
    status,
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
    request,
    entityLabel: 'Configurations',
    permission: 'Companies › Configurations',
    ...extra,
  });

describe('error classification', () => {
  it('429 is retryable, with Retry-After in seconds', () => {
    const err = classify(
      429,
      { error: 'ConnectWiseAPI', message: 'Too many requests.' },
      { retryAfterHeader: '12' },
    );
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 12_000);
    assert.equal(err.status, 429);
    assert.equal(err.target, 'connectwise');
  });

  it('429 with Retry-After as an HTTP date', () => {
    const now = Date.parse('2024-06-01T12:00:00Z');
    const err = classify(429, undefined, { retryAfterHeader: 'Sat, 01 Jun 2024 12:00:45 GMT', now });
    assert.equal(err.retryAfterMs, 45_000);
  });

  it('429 without Retry-After waits as the body says, else the vendor default of 30 s', () => {
    const said = classify(429, {
      error: 'ConnectWiseAPI',
      message: 'Too many requests. Please try again in 20 seconds.',
    });
    assert.equal(said.retryAfterMs, 20_000);
    assert.equal(classify(429, { code: 'x' }).retryAfterMs, DEFAULT_RETRY_AFTER_MS);
    assert.equal(DEFAULT_RETRY_AFTER_MS, 30_000);
    assert.equal(classify(429, undefined, { retryAfterHeader: 'soon' }).retryAfterMs, 30_000);
  });

  it('a non-JSON 429 from the CDN edge is still a retryable rate limit', () => {
    const err = classify(429, '<html><body>Error 1015: You are being rate limited</body></html>');
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 30_000);
  });

  it('5xx is retryable, with or without a JSON body', () => {
    for (const status of [500, 502, 503, 504]) {
      const err = classify(
        status,
        status === 500 ? { code: 'UnexpectedError', message: 'timeout' } : '<html>bad gateway</html>',
      );
      assert.equal(err.kind, 'server_error');
      assert.equal(err.retryable, true);
    }
  });

  it('400 is not retryable and carries the vendor messages', () => {
    const err = classify(400, {
      code: 'InvalidObject',
      message: 'conditions is invalid',
      errors: [{ code: 'InvalidCondition', message: 'Unknown field foo' }],
    });
    assert.equal(err.kind, 'bad_request');
    assert.equal(err.retryable, false);
    assert.match(err.message, /conditions is invalid; Unknown field foo/);
  });

  it('400 with per-field errors is a validation error naming the field', () => {
    const err = classify(400, {
      code: 'InvalidObject',
      message: 'company object is invalid',
      errors: [
        {
          code: 'OutOfRange',
          message: 'must be between 1900 and 9999',
          resource: 'company',
          field: 'yearEstablished',
        },
      ],
    });
    assert.equal(err.kind, 'validation');
    assert.match(err.message, /yearEstablished: must be between 1900 and 9999/);
  });

  it('401 asks to check the keys', () => {
    const err = classify(401, { code: 'Unauthorized', message: 'Authentication failed' });
    assert.equal(err.kind, 'unauthorized');
    assert.equal(err.retryable, false);
    assert.match(err.message, /company ID, public key and private key/);
  });

  it('UserNotAuthenticated is unauthorized whatever the status', () => {
    assert.equal(
      classify(400, { code: 'ConnectWiseApi', message: 'UserNotAuthenticated' }).kind,
      'unauthorized',
    );
  });

  it('403 names the entity and the permission to grant', () => {
    const err = classify(403, { code: 'Forbidden', message: 'You do not have access' });
    assert.equal(err.kind, 'forbidden');
    assert.equal(err.retryable, false);
    assert.match(err.message, /Configurations/);
    assert.match(err.message, /Companies › Configurations/);
  });

  it('404 is not_found, not retryable', () => {
    const err = classify(404, { code: 'NotFound', message: 'Configuration with id 9 not found' });
    assert.equal(err.kind, 'not_found');
    assert.equal(err.retryable, false);
  });

  it('"SSL is required." is its own kind, whatever the status', () => {
    for (const status of [400, 403, 404]) {
      const err = classify(status, { code: 'Security', message: 'SSL is required.', errors: null });
      assert.equal(err.kind, 'ssl_required');
      assert.equal(err.retryable, false);
      assert.match(err.message, /api-na\.myconnectwise\.net/);
    }
  });

  it('other 4xx are not retryable; 3xx is a configuration problem', () => {
    assert.equal(classify(409, { code: 'Conflict' }).kind, 'bad_request');
    assert.equal(classify(422, { message: 'x' }).kind, 'validation');
    assert.equal(classify(302, '').kind, 'config');
    assert.equal(classify(408, '').kind, 'timeout');
    assert.equal(classify(408, '').retryable, true);
  });

  it('keeps the request as method + path only', () => {
    assert.equal(classify(500).request, request);
  });
});

describe('network failures', () => {
  const origin = 'https://api-na.myconnectwise.net';
  it('timeouts and resets are retryable', () => {
    assert.equal(errorFromNetwork(undefined, true, request, origin).kind, 'timeout');
    assert.equal(errorFromNetwork('ETIMEDOUT', false, request, origin).retryable, true);
    const reset = errorFromNetwork('ECONNRESET', false, request, origin);
    assert.equal(reset.kind, 'connection_reset');
    assert.equal(reset.retryable, true);
  });

  it('refused connections are unreachable and retryable; an unknown host name is not retryable', () => {
    const refused = errorFromNetwork('ECONNREFUSED', false, request, origin);
    assert.equal(refused.kind, 'unreachable');
    assert.equal(refused.retryable, true);
    assert.match(refused.message, /Cannot reach ConnectWise at https:\/\/api-na/);
    assert.equal(errorFromNetwork('ENOTFOUND', false, request, origin).retryable, false);
  });

  it('a certificate problem is unreachable and not retryable, with a hint for self-hosted servers', () => {
    const err = errorFromNetwork('DEPTH_ZERO_SELF_SIGNED_CERT', false, request, origin);
    assert.equal(err.kind, 'unreachable');
    assert.equal(err.retryable, false);
    assert.match(err.message, /certificate/);
  });
});

describe('error bodies', () => {
  it('reads code, message and errors leniently', () => {
    assert.deepEqual(parseErrorBody('{"code":"Security","message":"SSL is required.","errors":null}'), {
      code: 'Security',
      message: 'SSL is required.',
      errors: [],
    });
    assert.equal(parseErrorBody('<html/>'), undefined);
    assert.equal(parseErrorBody('[]'), undefined);
    assert.equal(parseErrorBody(''), undefined);
  });

  it('Retry-After wins over the body', () => {
    assert.equal(retryAfterFrom('3', { message: 'try again in 30 seconds', errors: [] }), 3000);
  });
});
