import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { PathChoice } from '../../connectors/assetpanda/path-choice.js';

const failWith = (status: number) =>
  new ConnectorError({
    target: 'assetpanda',
    kind: 'bad_request',
    retryable: false,
    status,
    message: String(status),
  });

describe('choosing between two documented paths', () => {
  for (const status of [404, 405])
    it(`falls back on ${status} and remembers the path that succeeded`, async () => {
      const choice = new PathChoice<'a' | 'b'>('a', 'b');
      const tried: string[] = [];
      const attempt = async (p: 'a' | 'b') => {
        tried.push(p);
        if (p === 'a') throw failWith(status);
        return p;
      };
      assert.equal(await choice.run(attempt), 'b');
      assert.equal(await choice.run(attempt), 'b');
      assert.deepEqual(tried, ['a', 'b', 'b']);
      assert.equal(choice.remembered, 'b');
    });

  it('neither falls back nor remembers on other failures, which may come from in front of the routes', async () => {
    for (const status of [401, 429, 500]) {
      const choice = new PathChoice<'a' | 'b'>('a', 'b');
      const tried: string[] = [];
      await assert.rejects(
        choice.run(async (p) => {
          tried.push(p);
          throw failWith(status);
        }),
      );
      assert.deepEqual(tried, ['a'], String(status));
      assert.equal(choice.remembered, undefined);
    }
  });

  it('remembers nothing when both paths say 404', async () => {
    const choice = new PathChoice<'a' | 'b'>('a', 'b');
    await assert.rejects(choice.run(async () => Promise.reject(failWith(404))));
    assert.equal(choice.remembered, undefined);
  });
});
