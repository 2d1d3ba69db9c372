import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseEnv } from '../../config/env.js';

describe('configuration from the environment', () => {
  it('applies defaults for an empty environment', () => {
    const env = parseEnv({});
    assert.equal(env.API_PORT, 3000);
    assert.equal(env.TEMPORAL_TASK_QUEUE, 'cw-ap-sync');
    assert.equal(env.TEMPORAL_ADDRESS, undefined);
  });

  it('names every bad variable and says why', () => {
    try {
      parseEnv({ API_PORT: 'eighty', TEMPORAL_ADDRESS: 'http://x', SECRETS_KEY: 'short' });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.message;
      assert.match(text, /API_PORT/);
      assert.match(text, /TEMPORAL_ADDRESS: expected host:port/);
      assert.match(text, /SECRETS_KEY: must be 32 random bytes/);
      assert.equal(err.problems.length, 3);
    }
  });

  it('requires a secrets key and an API token in production', () => {
    assert.throws(
      () => parseEnv({ NODE_ENV: 'production' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(
          err.problems.map((p) => p.split(':')[0]),
          ['SECRETS_KEY', 'API_TOKEN'],
        );
        return true;
      },
    );
  });

  it('treats empty strings as unset', () => {
    assert.equal(parseEnv({ TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS, undefined);
  });
});
