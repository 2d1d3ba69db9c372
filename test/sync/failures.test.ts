import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { toFailure } from '../../activities/failures.js';
import { ConnectorError } from '../../connectors/errors.js';

describe('turning connector errors into Temporal failures', () => {
  it('hands a Retry-After to Temporal as the next retry delay', () => {
    const failure = toFailure(
      new ConnectorError({
        target: 'assetpanda',
        kind: 'rate_limited',
        retryable: true,
        retryAfterMs: 42_000,
        message: 'slow down',
      }),
    );
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.nextRetryDelay, 42_000);
    assert.equal(failure.type, 'assetpanda.rate_limited');
    assert.match(failure.message, /^Asset Panda: slow down/);
  });

  it('fails at once on bad credentials, naming the system', () => {
    const failure = toFailure(
      new ConnectorError({
        target: 'connectwise',
        kind: 'unauthorized',
        retryable: false,
        status: 401,
        message: 'keys refused',
      }),
    );
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.nonRetryable, true);
    assert.equal(failure.type, 'AuthError');
    assert.equal(failure.message, 'ConnectWise: keys refused');
  });

  it('retries a server error with Temporal backoff', () => {
    const failure = toFailure(
      new ConnectorError({
        target: 'connectwise',
        kind: 'server_error',
        retryable: true,
        status: 502,
        message: 'bad gateway',
      }),
    );
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.nextRetryDelay, undefined);
  });

  it('leaves other errors alone', () => {
    const err = new TypeError('bug');
    assert.equal(toFailure(err), err);
  });
});
