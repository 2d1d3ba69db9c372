/**
 * One HTTP exchange against a scripted server: what becomes which typed error, the deadline, the budget
 * and the observer.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { InMemoryCallBudget } from '../../connectors/call-budget.js';
import { createAssetPandaClient, type AssetPandaClientOptions } from '../../connectors/assetpanda/index.js';
import { countingBudget, recordingObserver, startStub, type Stub, type StubHandler } from './support/stub.js';

const stubs: Stub[] = [];
after(async () => Promise.all(stubs.map((s) => s.close())));

async function clientFor(handler: StubHandler, options: AssetPandaClientOptions = {}) {
  const s = await startStub(handler);
  stubs.push(s);
  return { stub: s, client: createAssetPandaClient({ baseUrl: s.url, token: 'T' }, options) };
}

async function rejects(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ConnectorError, String(err));
    return err;
  }
  assert.fail('expected a ConnectorError');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('Asset Panda HTTP exchanges', () => {
  it('takes from the budget and reports to the observer once per call, without the query string', async () => {
    const budget = countingBudget();
    const { events, observer } = recordingObserver();
    const { client } = await clientFor(() => ({ status: 200, json: { objects: [] } }), { budget, observer });
    await client.search(7, {}, { offset: 0, limit: 10 });
    assert.equal(budget.takes, 1);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.method, 'POST');
    assert.equal(events[0]?.path, '/v3/groups/7/search/objects');
    assert.equal(events[0]?.status, 200);
    assert.equal(events[0]?.target, 'assetpanda');
  });

  it('makes no call when the budget says the window is used up', async () => {
    const budget = new InMemoryCallBudget({
      target: 'assetpanda',
      calls: 1,
      windowMs: 60_000,
      maxWaitMs: 10,
    });
    const { client, stub } = await clientFor(() => ({ status: 200, json: { groups: [] } }), { budget });
    await client.listGroups();
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'budget_exhausted');
    assert.equal(err.retryable, true);
    assert.ok((err.retryAfterMs ?? 0) > 0);
    assert.equal(stub.requests.length, 1);
  });

  it('calls a 2xx body that is not JSON a retryable invalid response', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      text: '<html>maintenance</html>',
      headers: { 'content-type': 'text/html' },
    }));
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'invalid_response');
    assert.equal(err.retryable, true);
    assert.match(err.message, /text\/html/);
  });

  it('calls JSON of the wrong shape a non-retryable invalid response naming the path', async () => {
    const { client } = await clientFor(() => ({ status: 200, json: { groups: [{ id: 'x' }] } }));
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'invalid_response');
    assert.equal(err.retryable, false);
    assert.equal(err.request, 'GET /v3/groups');
  });

  it('turns a 429 without Retry-After into a wait of the configured default', async () => {
    const { client } = await clientFor(() => ({ status: 429, json: { message: 'Too many requests' } }), {
      defaultRetryAfterMs: 1234,
    });
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryAfterMs, 1234);
  });

  it('gives up on a call that takes longer than the deadline, as a retryable timeout', async () => {
    const { events, observer } = recordingObserver();
    const { client } = await clientFor(() => 'hang', { timeoutMs: 150, observer });
    const started = Date.now();
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'timeout');
    assert.equal(err.retryable, true);
    assert.ok(Date.now() - started < 10_000, 'it gave up long before the test would');
    assert.equal(events[0]?.status, 'ETIMEDOUT');
  });

  it('calls a dropped connection a retryable reset', async () => {
    const { client } = await clientFor(() => 'drop');
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'connection_reset');
    assert.equal(err.retryable, true);
  });

  it('calls a closed port unreachable', async () => {
    const port = await freePort();
    const client = createAssetPandaClient({ baseUrl: `http://127.0.0.1:${port}`, token: 'T' });
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'unreachable');
    assert.equal(err.retryable, true);
  });

  it('does not follow redirects with the bearer token', async () => {
    const { client, stub } = await clientFor(() => ({
      status: 301,
      headers: { location: 'https://elsewhere.example.com/v3/groups' },
    }));
    const err = await rejects(client.listGroups());
    assert.equal(err.kind, 'config');
    assert.match(err.message, /elsewhere\.example\.com/);
    assert.equal(stub.requests.length, 1);
  });

  it('stops a call in flight when the caller cancels', async () => {
    const controller = new AbortController();
    const { client } = await clientFor(() => 'hang', { signal: controller.signal });
    const pending = client.listGroups();
    setTimeout(() => controller.abort(new Error('activity cancelled')), 50);
    await assert.rejects(pending, /activity cancelled/);
  });
});
