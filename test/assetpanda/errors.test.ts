import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AssetPandaValidationError,
  DEFAULT_RETRY_AFTER_MS,
  errorFromNetwork,
  errorFromStatus,
  parseValidationBody,
} from '../../connectors/assetpanda/errors.js';

const failure = (
  status: number,
  body: unknown = {},
  extra: { retryAfter?: string; batchSize?: number } = {},
) =>
  errorFromStatus({
    status,
    body,
    request: 'POST /v3/groups/1/objects',
    batchSize: extra.batchSize ?? 0,
    defaultRetryAfterMs: DEFAULT_RETRY_AFTER_MS,
    ...(extra.retryAfter === undefined ? {} : { retryAfter: extra.retryAfter }),
  });

describe('classifying Asset Panda failures', () => {
  it('makes 429 retryable with the Retry-After wait', () => {
    const err = failure(429, { message: 'slow down' }, { retryAfter: '17' });
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 17_000);
    assert.match(err.message, /slow down/);
  });

  it('waits a documented default after a 429 without Retry-After', () => {
    const err = failure(429);
    assert.equal(err.retryAfterMs, DEFAULT_RETRY_AFTER_MS);
    assert.equal(DEFAULT_RETRY_AFTER_MS, 60_000);
  });

  it('makes 5xx retryable and keeps a Retry-After if one is given', () => {
    for (const status of [500, 502, 503, 504]) {
      const err = failure(status, '<html>oops</html>');
      assert.equal(err.kind, 'server_error');
      assert.equal(err.retryable, true);
    }
    assert.equal(failure(503, {}, { retryAfter: '5' }).retryAfterMs, 5000);
  });

  it('does not retry 400, 401, 403, 404 or 422', () => {
    const kinds = [400, 401, 403, 404, 409, 422].map(
      (s) => [s, failure(s, { message: 'm' }, { batchSize: 1 })] as const,
    );
    for (const [status, err] of kinds) {
      assert.equal(err.retryable, false, String(status));
      assert.equal(err.status, status);
    }
    assert.deepEqual(
      kinds.map(([, e]) => e.kind),
      ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'bad_request', 'validation'],
    );
  });

  it('reads the vendor message, then error', () => {
    assert.match(failure(400, { message: 'missing parameter' }).message, /missing parameter/);
    assert.match(failure(403, { error: 'no access' }).message, /no access/);
  });

  it('treats a 400 with per-field errors as a validation error', () => {
    const err = failure(400, { errors: [{ field_2: ['Name is required'] }] }, { batchSize: 1 });
    assert.ok(err instanceof AssetPandaValidationError);
  });

  it('tells network failures apart, retrying all but TLS problems', () => {
    const r = 'GET /v3/groups';
    assert.equal(errorFromNetwork('ECONNRESET', 'x', r).kind, 'connection_reset');
    assert.equal(errorFromNetwork(undefined, 'socket hang up', r).kind, 'connection_reset');
    assert.equal(errorFromNetwork('ETIMEDOUT', 'x', r).kind, 'timeout');
    assert.equal(errorFromNetwork('ECONNREFUSED', 'x', r).kind, 'unreachable');
    assert.equal(errorFromNetwork('ENOTFOUND', 'x', r).retryable, true);
    const tls = errorFromNetwork('CERT_HAS_EXPIRED', 'x', r);
    assert.equal(tls.kind, 'unreachable');
    assert.equal(tls.retryable, false);
  });
});

describe('reading a 422 for a batch', () => {
  it('attributes errors aligned with the batch to objects by index', () => {
    const body = {
      errors: [
        {},
        { field_1: ['Company ID is not unique'] },
        {},
        { field_1: ['is blank'], field_3: 'Company is required' },
      ],
      code: 2,
    };
    const problems = parseValidationBody(body, 4);
    assert.equal(problems.attributed, true);
    assert.deepEqual(problems.records, [
      { index: 1, fields: [{ field: 'field_1', messages: ['Company ID is not unique'] }] },
      {
        index: 3,
        fields: [
          { field: 'field_1', messages: ['is blank'] },
          { field: 'field_3', messages: ['Company is required'] },
        ],
      },
    ]);
    const err = failure(422, body, { batchSize: 4 });
    assert.ok(err instanceof AssetPandaValidationError);
    assert.equal(err.attributed, true);
    assert.deepEqual(
      err.records.map((r) => r.index),
      [1, 3],
    );
    assert.match(err.message, /#1 field_1: Company ID is not unique/);
  });

  it('says it cannot attribute when the errors do not line up with the batch', () => {
    const body = { errors: [{ field_1: ['SerialNumber is not unique'] }], code: 2 };
    const err = failure(422, body, { batchSize: 3 });
    assert.ok(err instanceof AssetPandaValidationError);
    assert.equal(err.attributed, false);
    assert.deepEqual(err.records, []);
    assert.deepEqual(err.unattributed, [{ field: 'field_1', messages: ['SerialNumber is not unique'] }]);
    assert.match(err.message, /cannot attribute/);
  });

  it('keeps any other shape whole, unattributed', () => {
    const asMap = parseValidationBody(
      { errors: { field_2: ['is required'] }, message: 'Validation failed' },
      2,
    );
    assert.equal(asMap.attributed, false);
    assert.deepEqual(asMap.unattributed, [{ field: 'field_2', messages: ['is required'] }]);
    assert.equal(asMap.message, 'Validation failed');

    const strings = parseValidationBody({ errors: ['Name is required', 'Serial is not unique'] }, 2);
    assert.deepEqual(strings.unattributed, [
      { messages: ['Name is required'] },
      { messages: ['Serial is not unique'] },
    ]);

    const onlyMessage = parseValidationBody({ message: 'Unprocessable' }, 5);
    assert.equal(onlyMessage.attributed, false);
    assert.deepEqual(onlyMessage.unattributed, []);
    assert.match(failure(422, 'not json at all', { batchSize: 5 }).message, /cannot attribute/);
  });

  it('attributes everything to the only object of a one-object call', () => {
    const problems = parseValidationBody({ errors: { field_1: 'is not unique' } }, 1);
    assert.equal(problems.attributed, true);
    assert.deepEqual(problems.records, [
      { index: 0, fields: [{ field: 'field_1', messages: ['is not unique'] }] },
    ]);
  });

  it('does not claim attribution when an aligned array names no problem', () => {
    const problems = parseValidationBody({ errors: [{}, {}], message: 'rejected' }, 2);
    assert.equal(problems.attributed, false);
    assert.equal(problems.message, 'rejected');
  });
});
