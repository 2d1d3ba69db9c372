/**
 * Authentication against a scripted server: token paths, token spellings, the single re-auth after a 401,
 * and bad credentials.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { createAssetPandaClient } from '../../connectors/assetpanda/index.js';
import {
  ACCOUNT,
  countingBudget,
  startStub,
  type Stub,
  type StubHandler,
  type StubReply,
} from './support/stub.js';

const stubs: Stub[] = [];
after(async () => Promise.all(stubs.map((s) => s.close())));

async function stub(handler: StubHandler): Promise<Stub> {
  const s = await startStub(handler);
  stubs.push(s);
  return s;
}

const GROUPS: StubReply = { status: 200, json: { groups: [{ id: 1, name: 'Assets' }] } };

async function rejects(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ConnectorError, String(err));
    return err;
  }
  assert.fail('expected a ConnectorError');
}

describe('Asset Panda authentication', () => {
  it('posts the service account to /v3/session/token as JSON and sends the token as a bearer', async () => {
    const s = await stub((r) =>
      r.path === '/v3/session/token' ? { status: 200, json: { token: 'T1' } } : GROUPS,
    );
    const client = createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT });
    await client.listGroups();
    assert.deepEqual(s.requests[0]?.body, ACCOUNT);
    assert.match(String(s.requests[0]?.headers['content-type']), /application\/json/);
    assert.equal(s.requests[1]?.headers.authorization, 'Bearer T1');
    assert.deepEqual(client.knownPaths(), { token: 'session/token' });
  });

  it('falls back to /v3/session-token on 404 and remembers it', async () => {
    const s = await stub((r) => {
      if (r.path === '/v3/session/token') return { status: 404, json: { message: 'Not found' } };
      if (r.path === '/v3/session-token')
        return { status: 200, json: { access_token: 'T2', token_type: 'bearer' } };
      if (
        r.headers.authorization === 'Bearer T2' &&
        s.requests.filter((q) => q.path === '/v3/groups').length > 1
      ) {
        return GROUPS;
      }
      // The first groups call rejects the token, forcing a second token call.
      return r.path === '/v3/groups' ? { status: 401, json: { message: 'expired' } } : GROUPS;
    });
    const client = createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT });
    await client.listGroups();
    assert.deepEqual(
      s.requests.map((r) => r.path),
      ['/v3/session/token', '/v3/session-token', '/v3/groups', '/v3/session-token', '/v3/groups'],
    );
    assert.deepEqual(client.knownPaths(), { token: 'session-token' });
  });

  it('reads the token from token, access_token or accessToken', async () => {
    for (const json of [
      { token: 'A' },
      { access_token: 'A' },
      { accessToken: 'A' },
      { data: { token: 'A' } },
      { token: 'Bearer A' },
    ]) {
      const s = await stub((r) => (r.path === '/v3/session/token' ? { status: 200, json } : GROUPS));
      await createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }).listGroups();
      assert.equal(s.requests[1]?.headers.authorization, 'Bearer A', JSON.stringify(json));
    }
  });

  it('says so when the token answer carries no token', async () => {
    const s = await stub(() => ({ status: 200, json: { ok: true } }));
    const err = await rejects(createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }).listGroups());
    assert.equal(err.kind, 'invalid_response');
  });

  it('treats 401 and 422 on the token call as bad credentials, without retrying', async () => {
    for (const status of [401, 422]) {
      const s = await stub(() => ({ status, json: { message: 'User email not found!' } }));
      const budget = countingBudget();
      const err = await rejects(
        createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }, { budget }).listGroups(),
      );
      assert.equal(err.kind, 'unauthorized');
      assert.equal(err.retryable, false);
      assert.match(err.message, /email or password/);
      assert.equal(s.requests.length, 1, 'a token path that answers is not tried again');
      assert.equal(budget.takes, 1);
    }
  });

  it('says the base URL is wrong when neither token path exists', async () => {
    const s = await stub(() => ({ status: 404, text: 'Not Found' }));
    const err = await rejects(createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }).listGroups());
    assert.equal(err.kind, 'not_found');
    assert.match(err.message, /check the base URL/);
    assert.equal(s.requests.length, 2);
  });

  it('fetches a fresh token once after a 401 and retries the call once', async () => {
    let issued = 0;
    const s = await stub((r) => {
      if (r.path === '/v3/session/token') return { status: 200, json: { token: `T${++issued}` } };
      return r.headers.authorization === 'Bearer T2'
        ? GROUPS
        : { status: 401, json: { message: 'Token expired' } };
    });
    const budget = countingBudget();
    const groups = await createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }, { budget }).listGroups();
    assert.equal(groups.length, 1);
    assert.equal(issued, 2);
    assert.equal(budget.takes, 4, 'token, call, token, call: every request took from the budget');
  });

  it('treats a plain 400 as a possibly expired token: one fresh token, one retry', async () => {
    // The vendor lists an invalid API key under 400 too, and does not say what an expired token gets.
    let issued = 0;
    const s = await stub((r) => {
      if (r.path === '/v3/session/token') return { status: 200, json: { token: `T${++issued}` } };
      return r.headers.authorization === 'Bearer T2'
        ? GROUPS
        : { status: 400, json: { message: 'Invalid API key' } };
    });
    const groups = await createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }).listGroups();
    assert.equal(groups.length, 1);
    assert.equal(issued, 2);
  });

  it('keeps a 400 that a fresh token does not cure, and never renews for per-field errors', async () => {
    const plain = await stub((r) =>
      r.path === '/v3/session/token'
        ? { status: 200, json: { token: 'T' } }
        : { status: 400, json: { message: 'bad parameter' } },
    );
    const err = await rejects(createAssetPandaClient({ baseUrl: plain.url, ...ACCOUNT }).listGroups());
    assert.equal(err.kind, 'bad_request');
    assert.equal(err.status, 400);
    assert.equal(plain.requests.length, 4, 'token, call, token, call');

    // A refused write is sent again only when the answer speaks of the token or key.
    const write = await stub((r) =>
      r.path === '/v3/session/token'
        ? { status: 200, json: { token: 'T' } }
        : { status: 400, json: { message: 'bad parameter' } },
    );
    const refusedWrite = await rejects(
      createAssetPandaClient({ baseUrl: write.url, ...ACCOUNT }).createObjects(1, [{ field_2: 'x' }]),
    );
    assert.equal(refusedWrite.kind, 'bad_request');
    assert.equal(write.requests.length, 2, 'token, create: not sent again on a guess');
    let issued = 0;
    const expired = await stub((r) => {
      if (r.path === '/v3/session/token') return { status: 200, json: { token: `T${++issued}` } };
      return r.headers.authorization === 'Bearer T2'
        ? { status: 201, json: { objects: [{ id: 'o1', data: { field_2: 'x' } }] } }
        : { status: 400, json: { message: 'Invalid API key' } };
    });
    const created = await createAssetPandaClient({ baseUrl: expired.url, ...ACCOUNT }).createObjects(1, [
      { field_2: 'x' },
    ]);
    assert.equal(created.objects.length, 1);
    assert.equal(issued, 2);
    let bareIssued = 0;
    const bare = await stub((r) => {
      if (r.path === '/v3/session/token') return { status: 200, json: { token: `B${++bareIssued}` } };
      return r.headers.authorization === 'Bearer B2'
        ? { status: 201, json: { objects: [{ id: 'o2', data: { field_2: 'y' } }] } }
        : { status: 400, json: {} };
    });
    await createAssetPandaClient({ baseUrl: bare.url, ...ACCOUNT }).createObjects(1, [{ field_2: 'y' }]);
    assert.equal(bareIssued, 2, 'a 400 that says nothing is worth one fresh token');

    const fields = await stub((r) =>
      r.path === '/v3/session/token'
        ? { status: 200, json: { token: 'T' } }
        : { status: 400, json: { errors: { field_1: ['is required'] } } },
    );
    const client = createAssetPandaClient({ baseUrl: fields.url, ...ACCOUNT });
    const refused = await rejects(client.createObjects(1, [{ field_2: 'x' }]));
    assert.equal(refused.kind, 'validation');
    assert.equal(fields.requests.length, 2, 'token, call: the data was refused, not the token');

    const fixed = await stub(() => ({ status: 400, json: { message: 'Invalid API key' } }));
    const staticErr = await rejects(
      createAssetPandaClient({ baseUrl: fixed.url, token: 'STATIC' }).listGroups(),
    );
    assert.equal(staticErr.kind, 'bad_request');
    assert.equal(fixed.requests.length, 1, 'a ready-made token cannot be renewed');
  });

  it('gives up after the one re-auth if the fresh token is rejected too', async () => {
    const s = await stub((r) =>
      r.path === '/v3/session/token' ? { status: 200, json: { token: 'T' } } : { status: 401, json: {} },
    );
    const err = await rejects(createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }).listGroups());
    assert.equal(err.kind, 'unauthorized');
    assert.equal(err.retryable, false);
    assert.equal(s.requests.length, 4);
  });

  it('shares one token call between calls that hit a 401 together', async () => {
    let issued = 0;
    let valid = 'T1';
    const s = await stub(async (r) => {
      if (r.path === '/v3/session/token') {
        await new Promise((res) => setTimeout(res, 20));
        return { status: 200, json: { token: `T${++issued}` } };
      }
      return r.headers.authorization === `Bearer ${valid}` ? GROUPS : { status: 401, json: {} };
    });
    const client = createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT });
    await client.listGroups();
    valid = 'T2';
    await Promise.all([client.listGroups(), client.listGroups(), client.listGroups()]);
    assert.equal(issued, 2);
  });

  it('does not renew a ready-made token: a 401 is final', async () => {
    const s = await stub(() => ({ status: 401, json: { message: 'bad token' } }));
    const budget = countingBudget();
    const err = await rejects(
      createAssetPandaClient({ baseUrl: s.url, token: 'STATIC' }, { budget }).listGroups(),
    );
    assert.equal(err.kind, 'unauthorized');
    assert.match(err.message, /configured API token/);
    assert.equal(s.requests.length, 1);
    assert.equal(s.requests[0]?.headers.authorization, 'Bearer STATIC');
    assert.equal(budget.takes, 1);
  });

  it('never puts the password or the token in an error', async () => {
    const s = await stub((r) =>
      r.path === '/v3/session/token' ? { status: 200, json: { token: 'TOKEN-XYZ' } } : 'drop',
    );
    const err = await rejects(createAssetPandaClient({ baseUrl: s.url, ...ACCOUNT }).listGroups());
    const text = JSON.stringify({
      message: err.message,
      details: err.details,
      cause: String(err.cause),
      request: err.request,
    });
    assert.doesNotMatch(text, /TOKEN-XYZ|secret-password/);
    assert.equal(err.cause, undefined);
  });
});
