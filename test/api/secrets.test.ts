/**
 * Secrets never leave: after a journey through every route that takes or uses them (creating, failing
 * tests, re-testing, switching to a token, catalog, preview, runs that succeed and runs that fail on bad
 * credentials, a scheduled run), no response body, no log line, no workflow history, memo or search
 * attribute, and no file of the store holds the ConnectWise keys or the Asset Panda password or token,
 * nor the ones that were tried and refused.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { deleteSchedule, describeSchedule } from '../../client/schedules.js';
import { startApiHarness, type ApiHarness } from '../support/api-harness.js';
import { devServer } from '../support/temporal.js';
import {
  closeHarness,
  completedRun,
  createIntegration,
  mapEntity,
  recordResponses,
  runFinished,
  startRun,
  until,
} from './helpers.js';

const CW_PUBLIC = 'pub-Qx7LmZ2v9KwR';
const CW_PRIVATE = 'priv-8hTnW3cYp0sJ4eVb';
const AP_EMAIL = 'svc-sync@example.com';
const AP_PASSWORD = 'pw-Zr5Kq8Lx2Nd7';
const AP_TOKEN = 'tok-Vb6Hs1Pq9Yt3Wm';
const WRONG_CW_PRIVATE = 'priv-WRONG-5521-aQz';
const WRONG_AP_PASSWORD = 'pw-WRONG-4410-kLm';
const WRONG_AP_TOKEN = 'tok-WRONG-2290-xYp';

/** Every secret, and the forms it travels in (ConnectWise Basic auth is base64 of company+public:private). */
function secretForms(companyId: string): Map<string, string> {
  const forms = new Map<string, string>();
  for (const [name, value] of Object.entries({
    CW_PUBLIC,
    CW_PRIVATE,
    AP_PASSWORD,
    AP_TOKEN,
    WRONG_CW_PRIVATE,
    WRONG_AP_PASSWORD,
    WRONG_AP_TOKEN,
  })) {
    forms.set(name, value);
    forms.set(`${name} (base64)`, Buffer.from(value).toString('base64'));
  }
  for (const [name, key] of [
    ['CW Basic auth', CW_PRIVATE],
    ['CW Basic auth (wrong key)', WRONG_CW_PRIVATE],
  ] as const)
    forms.set(name, Buffer.from(`${companyId}+${CW_PUBLIC}:${key}`).toString('base64'));
  return forms;
}

/** The secrets found in a text, by name (an empty list when it is clean). */
function leaks(text: string, forms: Map<string, string>): string[] {
  return [...forms].filter(([, value]) => text.includes(value)).map(([name]) => name);
}

/** JSON of a Temporal object with every payload's bytes decoded as text, so that searching it means something. */
function decodedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer') {
      const data = (v as { data?: unknown }).data;
      if (Array.isArray(data)) return Buffer.from(data as number[]).toString('utf8');
    }
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets never leave the store', () => {
  let env: TestWorkflowEnvironment;
  let h: ApiHarness;
  let forms: Map<string, string>;
  let responses: string[];
  const integrations: string[] = [];
  const runIds: string[] = [];

  before(async () => {
    env = await devServer();
    h = await startApiHarness(env, {
      cw: { publicKey: CW_PUBLIC, privateKey: CW_PRIVATE, counts: { companies: 8, agreements: 3 } },
      ap: { users: [{ email: AP_EMAIL, password: AP_PASSWORD }], staticTokens: [AP_TOKEN] },
    });
    forms = secretForms(h.cw.options.companyId);
    responses = recordResponses(h);
    const good = (
      name: string,
      assetPanda: Record<string, unknown> = { email: AP_EMAIL, password: AP_PASSWORD },
    ) => {
      const base = h.integrationInput(name);
      return { ...base, assetPanda: { url: h.ap.url, ...assetPanda } };
    };
    const cw = (change: Record<string, unknown>) => ({
      ...good('Refused'),
      connectwise: { ...h.integrationInput().connectwise, ...change },
    });

    // Connections tested and refused, and settings refused before any test.
    await h.call('POST', '/api/integrations', cw({ privateKey: WRONG_CW_PRIVATE }));
    await h.call(
      'POST',
      '/api/integrations',
      good('Refused', { email: AP_EMAIL, password: WRONG_AP_PASSWORD }),
    );
    await h.call('POST', '/api/integrations', good('Refused', { token: WRONG_AP_TOKEN }));
    await h.call('POST', '/api/integrations', cw({ clientId: CW_PRIVATE }));
    await h.call('POST', '/api/integrations', cw({ companyId: `${CW_PRIVATE}/x` }));
    await h.call(
      'POST',
      '/api/integrations',
      good('Refused', { email: AP_EMAIL, token: AP_TOKEN, password: AP_PASSWORD }),
    );

    // A: created, read, re-tested, changed, switched to a token, mapped, previewed, run, scheduled.
    const a = await createIntegration(h, 'Secret A', good('Secret A'));
    integrations.push(a);
    await h.call('GET', '/api/integrations');
    await h.call('GET', `/api/integrations/${a}`);
    await h.call('POST', `/api/integrations/${a}/test`);
    await h.call('PATCH', `/api/integrations/${a}`, { connectwise: { privateKey: WRONG_CW_PRIVATE } });
    await h.call('PATCH', `/api/integrations/${a}`, { assetPanda: { password: WRONG_AP_PASSWORD } });
    await h.call('PATCH', `/api/integrations/${a}`, { connectwise: { privateKey: CW_PRIVATE } });
    await h.call('PATCH', `/api/integrations/${a}`, { assetPanda: { token: AP_TOKEN } });
    await h.call('PATCH', `/api/integrations/${a}`, { name: 'Secret A (token)' });
    await h.call('GET', `/api/integrations/${a}/catalog`);
    await mapEntity(h, a, 'companies');
    await h.call('POST', `/api/integrations/${a}/mappings/companies/preview`, { limit: 5 });
    runIds.push((await completedRun(h, a, 'companies', 'full')).runId);
    await h.call('PUT', `/api/integrations/${a}/schedules/companies`, { every: '1h' });
    await h.call('POST', `/api/integrations/${a}/schedules/companies/trigger`);
    const scheduled = await until('the scheduled run', async () => {
      const runs = (await h.call('GET', `/api/runs?integrationId=${a}&entity=companies`)).body.runs;
      return runs.find((r: { trigger: string }) => r.trigger === 'schedule');
    });
    await runFinished(h, scheduled.runId);
    runIds.push(scheduled.runId);

    // B and C: mapped while their credentials worked, then given wrong ones without a test; their runs
    // fail on authentication, and their catalog, preview and mapping calls fail against the vendors.
    for (const [name, change] of [
      ['Secret B', { assetPanda: { password: WRONG_AP_PASSWORD } }],
      ['Secret C', { connectwise: { privateKey: WRONG_CW_PRIVATE } }],
    ] as const) {
      const id = await createIntegration(h, name, good(name));
      integrations.push(id);
      await mapEntity(h, id, 'agreements');
      await h.call('PATCH', `/api/integrations/${id}?test=false`, change);
      await h.call('POST', `/api/integrations/${id}/test`);
      await h.call('GET', `/api/integrations/${id}/catalog`);
      await h.call('POST', `/api/integrations/${id}/mappings/agreements/preview`, {});
      await h.call('GET', `/api/integrations/${id}/mappings/agreements/proposal?groupId=1005`);
      const runId = await startRun(h, id, 'agreements');
      const failed = await runFinished(h, runId);
      assert.equal(failed.status, 'failed', `${name}: ${JSON.stringify(failed)}`);
      runIds.push(runId);
    }
    await h.call('GET', '/api/runs');
    for (const runId of runIds) await h.call('GET', `/api/runs/${runId}`);
    await h.call('GET', '/api/schedules');
    await h.call('GET', '/metrics');
  });
  after(async () => {
    if (h) for (const id of integrations) await deleteSchedule(h.temporal.client, id, 'companies');
    await closeHarness(h);
    await env?.teardown();
  });

  it('the scan finds a secret when there is one, in clear, in base64 and in a decoded payload', () => {
    assert.deepEqual(leaks(`key=${CW_PRIVATE};`, forms), ['CW_PRIVATE']);
    assert.deepEqual(leaks(Buffer.from(AP_TOKEN).toString('base64'), forms), ['AP_TOKEN (base64)']);
    assert.deepEqual(leaks(decodedJson({ payload: { data: Buffer.from(AP_PASSWORD) } }), forms), [
      'AP_PASSWORD',
    ]);
  });

  it('the journey exercised the failing paths (failed runs carry an error)', async () => {
    const failed = (await h.call('GET', '/api/runs?status=failed')).body.runs as Array<{ error: string }>;
    assert.equal(failed.length, 2);
    for (const run of failed) assert.ok(run.error.length > 0);
  });

  it('no response body contains a secret', () => {
    assert.ok(responses.length > 30);
    const found = responses.flatMap((body, i) => leaks(body, forms).map((name) => `response ${i}: ${name}`));
    assert.deepEqual(found, []);
  });

  it('no log line contains a secret', () => {
    assert.ok(h.logs.length > 30);
    const found = h.logs.flatMap((line) =>
      leaks(line, forms).map((name) => `${name} in ${line.slice(0, 300)}`),
    );
    assert.deepEqual(found, []);
  });

  it('no log line contains the API token', () => {
    assert.deepEqual(
      h.logs.filter((line) => line.includes(h.settings.apiToken)),
      [],
    );
  });

  it('no workflow history of a run contains a secret', async () => {
    assert.equal(runIds.length, 4);
    for (const runId of runIds) {
      const history = await h.temporal.client.workflow.getHandle(runId).fetchHistory();
      const text = decodedJson(history);
      assert.ok(text.includes(runId.split('-').slice(1, 6).join('-')), 'payloads are decoded');
      assert.deepEqual(leaks(text, forms), [], runId);
    }
  });

  it('no memo or search attribute of a run contains a secret', async () => {
    for (const runId of runIds) {
      const description = await h.temporal.client.workflow.getHandle(runId).describe();
      const text = decodedJson({
        memo: description.memo,
        searchAttributes: description.searchAttributes,
        typed: description.typedSearchAttributes,
        raw: description.raw.workflowExecutionInfo,
      });
      assert.deepEqual(leaks(text, forms), [], runId);
    }
  });

  it('the schedule (action, memo, state) contains no secret', async () => {
    const description = await describeSchedule(h.temporal.client, integrations[0]!, 'companies');
    assert.ok(description);
    assert.deepEqual(leaks(decodedJson(description), forms), []);
  });

  it('no file of the store holds a secret in clear text', () => {
    const files = filesUnder(h.settings.dataDir);
    assert.ok(files.length > 0);
    for (const file of files) assert.deepEqual(leaks(readFileSync(file).toString('latin1'), forms), [], file);
  });
});
