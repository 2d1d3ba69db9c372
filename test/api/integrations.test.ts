/**
 * /api/integrations: "Test and Save Connection" (each end tested, nothing saved on failure), validation,
 * reading with secrets masked, changing (name only, a re-tested secret, password → token), deleting,
 * testing again, and the catalog of what can be mapped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { MASK } from '../../api/schemas.js';
import { startApiHarness, type ApiHarness } from '../support/api-harness.js';
import { devServer } from '../support/temporal.js';
import { assertError, closeHarness, createIntegration, problems } from './helpers.js';

const SECOND_USER = { email: 'second@example.com', password: 'second-password' };
const AP_TOKEN = 'tok-integrations-1234567890';

describe('integrations', () => {
  let env: TestWorkflowEnvironment;
  let h: ApiHarness;
  /** The create body for the simulators, with changes to one end. */
  let input: (
    name: string,
    change?: { connectwise?: Record<string, unknown>; assetPanda?: Record<string, unknown> },
  ) => Record<string, unknown>;

  const names = async () =>
    ((await h.call('GET', '/api/integrations')).body.integrations as Array<{ name: string }>).map(
      (i) => i.name,
    );

  before(async () => {
    env = await devServer();
    h = await startApiHarness(env, {
      ap: {
        users: [{ email: 'demo@example.com', password: 'demo-password' }, SECOND_USER],
        staticTokens: [AP_TOKEN],
      },
    });
    input = (name, change = {}) => {
      const base = h.integrationInput(name);
      return {
        name,
        connectwise: change.connectwise ? { ...base.connectwise, ...change.connectwise } : base.connectwise,
        assetPanda: change.assetPanda ?? base.assetPanda,
      };
    };
  });
  after(async () => {
    await closeHarness(h);
    await env?.teardown();
  });

  describe('POST /api/integrations', () => {
    it('tests both connections, saves, and answers 201 with secrets masked', async () => {
      const res = await h.call('POST', '/api/integrations', input('Created'));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.name, 'Created');
      assert.equal(res.body.test.ok, true);
      assert.equal(res.body.test.connectwise.ok, true);
      assert.equal(res.body.test.assetPanda.ok, true);
      assert.equal(res.body.connectwise.publicKey, MASK);
      assert.equal(res.body.connectwise.privateKey, MASK);
      assert.equal(res.body.assetPanda.authMode, 'password');
      assert.equal(res.body.assetPanda.email, 'demo@example.com');
      assert.equal(res.body.assetPanda.password, MASK);
      assert.equal(res.body.assetPanda.dateFormat, 'MM/DD/YYYY', 'read from the account during the test');
      assert.deepEqual(res.body.mappings, []);
      const read = await h.call('GET', `/api/integrations/${res.body.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.name, 'Created');
    });

    it('with ?test=false saves without testing either connection', async () => {
      h.cw.admin.resetStats();
      h.ap.admin.resetStats();
      const res = await h.call(
        'POST',
        '/api/integrations?test=false',
        input('Untested', { connectwise: { privateKey: 'not-the-key' } }),
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.test, undefined);
      assert.equal(h.cw.admin.stats().requests, 0, 'no call to ConnectWise');
      assert.equal(h.ap.admin.stats().calls, 0, 'no call to Asset Panda');
      assert.ok((await names()).includes('Untested'));
    });

    it('bad ConnectWise keys fail with 422 naming ConnectWise, and nothing is saved', async () => {
      const res = await h.call(
        'POST',
        '/api/integrations',
        input('Bad CW keys', { connectwise: { privateKey: 'wrong-private-key' } }),
      );
      const error = assertError(res, 422, 'connection_failed');
      assert.match(error.message, /ConnectWise/);
      assert.doesNotMatch(error.message, /Asset Panda/);
      const details = error.details as Record<string, { ok: boolean; problem?: string; message?: string }>;
      assert.equal(details.connectwise?.ok, false);
      assert.equal(details.connectwise?.problem, 'unauthorized');
      assert.match(details.connectwise?.message ?? '', /credentials/);
      assert.equal(details.assetPanda?.ok, true);
      assert.ok(!(await names()).includes('Bad CW keys'));
    });

    it('a bad Asset Panda password fails with 422 naming Asset Panda, and nothing is saved', async () => {
      const res = await h.call(
        'POST',
        '/api/integrations',
        input('Bad AP password', {
          assetPanda: { url: h.ap.url, email: 'demo@example.com', password: 'wrong-password' },
        }),
      );
      const error = assertError(res, 422, 'connection_failed');
      assert.match(error.message, /Asset Panda/);
      assert.doesNotMatch(error.message, /ConnectWise/);
      const details = error.details as Record<string, { ok: boolean; problem?: string }>;
      assert.equal(details.assetPanda?.ok, false);
      assert.equal(details.assetPanda?.problem, 'bad_credentials');
      assert.equal(details.connectwise?.ok, true);
      assert.ok(!(await names()).includes('Bad AP password'));
    });

    it('both ends failing are both named in the 422', async () => {
      const res = await h.call(
        'POST',
        '/api/integrations',
        input('Both bad', {
          connectwise: { publicKey: 'wrong-public' },
          assetPanda: { url: h.ap.url, token: 'tok-wrong' },
        }),
      );
      const error = assertError(res, 422, 'connection_failed');
      assert.match(error.message, /ConnectWise and Asset Panda/);
      assert.ok(!(await names()).includes('Both bad'));
    });

    const invalid: Array<{
      what: string;
      body: (name: string) => unknown;
      path: string;
      message?: RegExp;
    }> = [
      {
        what: 'a missing name',
        body: (n) => ({ ...input(n), name: undefined }),
        path: 'name',
      },
      { what: 'a blank name', body: (n) => ({ ...input(n), name: '   ' }), path: 'name' },
      {
        what: 'an unknown top-level key',
        body: (n) => ({ ...input(n), colour: 'blue' }),
        path: '(body)',
        message: /colour/,
      },
      {
        what: 'a missing ConnectWise private key',
        body: (n) => ({
          ...input(n),
          connectwise: { ...h.integrationInput(n).connectwise, privateKey: undefined },
        }),
        path: 'connectwise.privateKey',
      },
      {
        what: 'a clientId that is not a GUID',
        body: (n) => input(n, { connectwise: { clientId: 'not-a-guid' } }),
        path: 'connectwise.clientId',
        message: /GUID/,
      },
      {
        what: 'a public key with a space',
        body: (n) => input(n, { connectwise: { publicKey: 'two words' } }),
        path: 'connectwise.publicKey',
      },
      {
        what: 'an Asset Panda token and a password together',
        body: (n) => input(n, { assetPanda: { url: h.ap.url, email: 'a@b.c', password: 'p', token: 't' } }),
        path: 'assetPanda',
        message: /not both/,
      },
      {
        what: 'Asset Panda without credentials',
        body: (n) => input(n, { assetPanda: { url: h.ap.url } }),
        path: 'assetPanda',
      },
      {
        what: 'an Asset Panda email without a password',
        body: (n) => input(n, { assetPanda: { url: h.ap.url, email: 'demo@example.com' } }),
        path: 'assetPanda.password',
      },
      {
        what: 'an unknown Asset Panda key',
        body: (n) => input(n, { assetPanda: { url: h.ap.url, token: 't', colour: 'blue' } }),
        path: 'assetPanda',
        message: /colour/,
      },
    ];
    for (const c of invalid)
      it(`refuses ${c.what} with 400 naming ${c.path}, and saves nothing`, async () => {
        const name = `Invalid: ${c.what}`;
        const error = assertError(
          await h.call('POST', '/api/integrations', c.body(name)),
          400,
          'invalid_request',
        );
        const found = problems(error).find((p) => p.path === c.path);
        assert.ok(found, `a problem at ${c.path}: ${JSON.stringify(error.details)}`);
        if (c.message) assert.match(found.message, c.message);
        assert.ok(!(await names()).includes(name));
      });

    it('refuses ?test=maybe with 400', async () => {
      const error = assertError(
        await h.call('POST', '/api/integrations?test=maybe', input('Maybe')),
        400,
        'invalid_request',
      );
      assert.deepEqual(
        problems(error).map((p) => p.path),
        ['test'],
      );
    });
  });

  describe('reading', () => {
    it('GET /api/integrations lists integrations with secrets masked and their mapped entities', async () => {
      const id = await createIntegration(h, 'Listed');
      const res = await h.call('GET', '/api/integrations');
      assert.equal(res.status, 200);
      const listed = res.body.integrations.find((i: { id: string }) => i.id === id);
      assert.ok(listed);
      assert.equal(listed.connectwise.privateKey, MASK);
      assert.equal(listed.assetPanda.password, MASK);
      assert.deepEqual(listed.mappings, []);
      assert.equal(listed.test, undefined, 'a list does not re-test');
    });

    it('GET /api/integrations/:id answers 404 for an unknown id', async () => {
      assertError(await h.call('GET', '/api/integrations/no-such-id'), 404, 'not_found');
    });
  });

  describe('PATCH /api/integrations/:id', () => {
    it('changing only the name does not re-test and keeps the secrets', async () => {
      const id = await createIntegration(h, 'Old name');
      const before = (await h.call('GET', `/api/integrations/${id}`)).body;
      h.cw.admin.resetStats();
      h.ap.admin.resetStats();
      const res = await h.call('PATCH', `/api/integrations/${id}`, { name: 'New name' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.name, 'New name');
      assert.equal(res.body.test, undefined);
      assert.equal(h.cw.admin.stats().requests, 0);
      assert.equal(h.ap.admin.stats().calls, 0);
      assert.deepEqual({ ...res.body, name: before.name, updatedAt: before.updatedAt }, before);
      const retest = await h.call('POST', `/api/integrations/${id}/test`);
      assert.equal(retest.body.ok, true, 'the stored secrets still work');
    });

    it('a changed secret is re-tested and saved when it works', async () => {
      const id = await createIntegration(h, 'Change account');
      const res = await h.call('PATCH', `/api/integrations/${id}`, { assetPanda: SECOND_USER });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.test.ok, true);
      assert.equal(res.body.assetPanda.email, SECOND_USER.email);
      assert.equal(res.body.assetPanda.password, MASK);
      assert.equal((await h.call('POST', `/api/integrations/${id}/test`)).body.ok, true);
    });

    it('a changed secret that fails its test is refused with 422 and the old one stays', async () => {
      const id = await createIntegration(h, 'Keep key');
      const res = await h.call('PATCH', `/api/integrations/${id}`, {
        connectwise: { privateKey: 'wrong-private-key' },
      });
      const error = assertError(res, 422, 'connection_failed');
      assert.match(error.message, /ConnectWise/);
      const retest = await h.call('POST', `/api/integrations/${id}/test`);
      assert.equal(retest.body.ok, true, 'the old key is still stored');
    });

    it('?test=false saves a changed secret without testing it', async () => {
      const id = await createIntegration(h, 'Untested change');
      h.cw.admin.resetStats();
      const res = await h.call('PATCH', `/api/integrations/${id}?test=false`, {
        connectwise: { privateKey: 'wrong-private-key' },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.test, undefined);
      assert.equal(h.cw.admin.stats().requests, 0);
      const retest = await h.call('POST', `/api/integrations/${id}/test`);
      assert.equal(retest.body.connectwise.ok, false, 'the new (wrong) key was stored');
    });

    it('switches Asset Panda from password to token', async () => {
      const id = await createIntegration(h, 'To token');
      const res = await h.call('PATCH', `/api/integrations/${id}`, { assetPanda: { token: AP_TOKEN } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.test.ok, true);
      assert.equal(res.body.assetPanda.authMode, 'token');
      assert.equal(res.body.assetPanda.token, MASK);
      assert.equal(res.body.assetPanda.email, undefined);
      assert.equal(res.body.assetPanda.password, undefined);
      const read = await h.call('GET', `/api/integrations/${id}`);
      assert.equal(read.body.assetPanda.authMode, 'token');
      assert.equal((await h.call('POST', `/api/integrations/${id}/test`)).body.assetPanda.ok, true);
    });

    it('switches Asset Panda from token back to password', async () => {
      const id = await createIntegration(
        h,
        'From token',
        input('From token', { assetPanda: { url: h.ap.url, token: AP_TOKEN } }),
      );
      const res = await h.call('PATCH', `/api/integrations/${id}`, {
        assetPanda: { email: 'demo@example.com', password: 'demo-password' },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.assetPanda.authMode, 'password');
      assert.equal(res.body.assetPanda.token, undefined);
      assert.equal(res.body.assetPanda.password, MASK);
    });

    it('refuses an invalid change with 400 naming the field, and changes nothing', async () => {
      const id = await createIntegration(h, 'Invalid change');
      const error = assertError(
        await h.call('PATCH', `/api/integrations/${id}`, { connectwise: { clientId: 'not-a-guid' } }),
        400,
        'invalid_request',
      );
      assert.deepEqual(
        problems(error).map((p) => p.path),
        ['connectwise.clientId'],
      );
      assert.equal(
        (await h.call('GET', `/api/integrations/${id}`)).body.connectwise.clientId,
        h.cw.options.clientId,
      );
    });

    it('refuses an unknown ConnectWise key with 400 naming connectwise (as POST does)', async () => {
      const id = await createIntegration(h, 'Unknown key');
      const error = assertError(
        await h.call('PATCH', `/api/integrations/${id}`, { connectwise: { colour: 'blue' } }),
        400,
        'invalid_request',
      );
      assert.deepEqual(
        problems(error).map((p) => p.path),
        ['connectwise'],
      );
    });

    it('refuses an unknown top-level key with 400', async () => {
      const id = await createIntegration(h, 'Unknown top key');
      assertError(
        await h.call('PATCH', `/api/integrations/${id}`, { colour: 'blue' }),
        400,
        'invalid_request',
      );
    });

    it('answers 404 for an unknown id', async () => {
      assertError(await h.call('PATCH', '/api/integrations/no-such-id', { name: 'x' }), 404, 'not_found');
    });
  });

  describe('DELETE /api/integrations/:id', () => {
    it('deletes an integration (204), after which it is 404', async () => {
      const id = await createIntegration(h, 'Doomed');
      const res = await h.call('DELETE', `/api/integrations/${id}`);
      assert.equal(res.status, 204);
      assert.equal(res.body, undefined);
      assertError(await h.call('GET', `/api/integrations/${id}`), 404, 'not_found');
      assert.ok(!(await names()).includes('Doomed'));
    });

    it('answers 404 for an unknown id', async () => {
      assertError(await h.call('DELETE', '/api/integrations/no-such-id'), 404, 'not_found');
    });
  });

  describe('POST /api/integrations/:id/test', () => {
    it('tests the saved connections and answers 200 with the outcome per end', async () => {
      const id = await createIntegration(h, 'Retest');
      const res = await h.call('POST', `/api/integrations/${id}/test`);
      assert.equal(res.status, 200);
      assert.equal(res.body.ok, true);
      assert.equal(res.body.connectwise.ok, true);
      assert.equal(res.body.assetPanda.ok, true);
      assert.deepEqual(Object.keys(res.body).sort(), ['assetPanda', 'connectwise', 'ok']);
    });

    it('reports which end fails with 200 and ok false', async () => {
      const id = await createIntegration(
        h,
        'Retest bad',
        input('Retest bad', { assetPanda: { url: h.ap.url, email: 'demo@example.com', password: 'wrong' } }),
        { test: false },
      );
      const res = await h.call('POST', `/api/integrations/${id}/test`);
      assert.equal(res.status, 200);
      assert.equal(res.body.ok, false);
      assert.equal(res.body.connectwise.ok, true);
      assert.equal(res.body.assetPanda.ok, false);
      assert.equal(res.body.assetPanda.problem, 'bad_credentials');
    });

    it('answers 404 for an unknown id', async () => {
      assertError(await h.call('POST', '/api/integrations/no-such-id/test'), 404, 'not_found');
    });
  });

  describe('GET /api/integrations/:id/catalog', () => {
    it('lists the ConnectWise entities with fields and identifiers, and the Asset Panda groups with fields', async () => {
      const id = await createIntegration(h, 'Catalog');
      const res = await h.call('GET', `/api/integrations/${id}/catalog`);
      assert.equal(res.status, 200);
      const entities = res.body.connectwise.entities as Array<{
        name: string;
        fields: Array<{ path: string; type: string }>;
        identifiers: Array<{ path: string; recommended: boolean }>;
      }>;
      assert.deepEqual(
        entities.map((e) => e.name),
        ['companies', 'configurations', 'catalog', 'tickets', 'agreements'],
      );
      const configurations = entities.find((e) => e.name === 'configurations')!;
      assert.ok(configurations.fields.some((f) => f.path === 'serialNumber' && f.type === 'string'));
      assert.deepEqual(
        configurations.identifiers.filter((i) => i.recommended).map((i) => i.path),
        ['id'],
      );
      const groups = res.body.assetPanda.groups as Array<{
        id: number;
        name: string;
        fields: Array<{ key: string; name: string; type: string; required: boolean }>;
      }>;
      assert.deepEqual(
        groups.map((g) => g.id),
        [1001, 1002, 1003, 1004, 1005],
      );
      const devices = groups.find((g) => g.name === 'Devices')!;
      assert.deepEqual(devices.fields[1], { key: 'field_2', name: 'Name', type: 'text', required: true });
    });

    it('answers 404 for an unknown id', async () => {
      assertError(await h.call('GET', '/api/integrations/no-such-id/catalog'), 404, 'not_found');
    });

    it('says that Asset Panda refused the saved credentials instead of answering 500', async () => {
      const id = await createIntegration(
        h,
        'Catalog bad AP',
        input('Catalog bad AP', {
          assetPanda: { url: h.ap.url, email: 'demo@example.com', password: 'wrong' },
        }),
        { test: false },
      );
      const res = await h.call('GET', `/api/integrations/${id}/catalog`);
      assert.notEqual(res.status, 500, JSON.stringify(res.body));
      assert.ok(res.status >= 400);
      assert.match(res.body.error.message, /Asset Panda/);
    });
  });
});
