import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { startAssetPandaSimulator } from '../../../simulators/assetpanda/index.js';
import { call, CREDENTIALS, getToken } from './helpers.js';

async function start(t: TestContext, options = {}) {
  const sim = await startAssetPandaSimulator(options);
  t.after(() => sim.close());
  return sim;
}

describe('asset panda simulator: session tokens', () => {
  it('issues a JWT-looking bearer token on POST /v3/session/token', async (t) => {
    const sim = await start(t, { tokenTtlSeconds: 900 });
    const reply = await call(sim.url, 'POST', '/v3/session/token', { body: CREDENTIALS });
    assert.equal(reply.status, 200);
    assert.match(String(reply.body.access_token), /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(reply.body.token_type, 'bearer');
    assert.equal(reply.body.expires_in, 900);
  });

  it('issues a token on POST /v3/session-token too', async (t) => {
    const sim = await start(t);
    const token = await getToken(sim.url, '/v3/session-token');
    assert.equal((await call(sim.url, 'GET', '/v3/groups', { token })).status, 200);
  });

  it('accepts form-encoded credentials', async (t) => {
    const sim = await start(t);
    const response = await fetch(`${sim.url}/v3/session/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(CREDENTIALS).toString(),
    });
    assert.equal(response.status, 200);
  });

  it('answers only the configured token path; the other is 404', async (t) => {
    const hyphen = await start(t, { tokenPath: 'session-token' });
    assert.equal((await call(hyphen.url, 'POST', '/v3/session/token', { body: CREDENTIALS })).status, 404);
    assert.equal((await call(hyphen.url, 'POST', '/v3/session-token', { body: CREDENTIALS })).status, 200);
    const slash = await start(t, { tokenPath: 'session/token' });
    assert.equal((await call(slash.url, 'POST', '/v3/session-token', { body: CREDENTIALS })).status, 404);
    assert.equal((await call(slash.url, 'POST', '/v3/session/token', { body: CREDENTIALS })).status, 200);
  });

  it('refuses bad credentials with 401 and a message', async (t) => {
    const sim = await start(t);
    const reply = await call(sim.url, 'POST', '/v3/session/token', {
      body: { email: CREDENTIALS.email, password: 'wrong' },
    });
    assert.equal(reply.status, 401);
    assert.match(String(reply.body.message), /invalid email or password/i);
  });

  it('refuses a token request without email or password with 400', async (t) => {
    const sim = await start(t);
    const reply = await call(sim.url, 'POST', '/v3/session/token', { body: { email: CREDENTIALS.email } });
    assert.equal(reply.status, 400);
    assert.ok(reply.body.message);
  });

  it('refuses a call without a bearer token with 401', async (t) => {
    const sim = await start(t);
    const reply = await call(sim.url, 'GET', '/v3/groups');
    assert.equal(reply.status, 401);
    assert.match(String(reply.body.message), /bearer/i);
  });

  it('refuses an unknown token with 401', async (t) => {
    const sim = await start(t);
    const reply = await call(sim.url, 'GET', '/v3/groups', { token: 'a.b.c' });
    assert.equal(reply.status, 401);
  });

  it('refuses tokens expired by the admin with 401; a new token works', async (t) => {
    const sim = await start(t);
    const token = await getToken(sim.url);
    sim.admin.expireTokens();
    const reply = await call(sim.url, 'GET', '/v3/groups', { token });
    assert.equal(reply.status, 401);
    assert.match(String(reply.body.message), /expired/i);
    assert.equal((await call(sim.url, 'GET', '/v3/groups', { token: await getToken(sim.url) })).status, 200);
  });

  it('refuses a token past its lifetime with 401', async (t) => {
    const sim = await start(t, { tokenTtlSeconds: 0 });
    const token = await getToken(sim.url);
    assert.equal((await call(sim.url, 'GET', '/v3/groups', { token })).status, 401);
  });

  it('accepts static tokens always, even after tokens are expired', async (t) => {
    const sim = await start(t, { staticTokens: ['pre-issued-token'] });
    sim.admin.expireTokens();
    assert.equal((await call(sim.url, 'GET', '/v3/groups', { token: 'pre-issued-token' })).status, 200);
  });
});
