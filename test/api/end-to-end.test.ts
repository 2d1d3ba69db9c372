/**
 * The product through its front door only: connect, map, run, pause, resume, and check that the Asset
 * Panda group ends up equal to the ConnectWise source.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mapRecord } from '../../mapping/apply.js';
import { matchesFilters } from '../../mapping/filters.js';
import { mappingSpecSchema } from '../../mapping/spec.js';
import { startApiHarness, type ApiHarness } from '../support/api-harness.js';
import { devServer } from '../support/temporal.js';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the service end to end, through the API only', () => {
  let env: TestWorkflowEnvironment;
  let h: ApiHarness;
  before(async () => {
    env = await devServer();
    h = await startApiHarness(env, {
      cw: { counts: { configurations: 400, companies: 20 }, latencyMs: 100 },
    });
  });
  after(async () => {
    await h?.close();
    await env?.teardown();
  });

  it('connects, maps, runs, pauses, resumes and ends with Asset Panda equal to ConnectWise', async () => {
    const created = await h.call('POST', '/api/integrations', h.integrationInput());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id: string = created.body.id;
    assert.equal(created.body.test.ok, true);

    const catalog = await h.call('GET', `/api/integrations/${id}/catalog`);
    assert.equal(catalog.status, 200);
    const devices = catalog.body.assetPanda.groups.find((g: { name: string }) => g.name === 'Devices');
    assert.ok(devices);

    const proposal = await h.call(
      'GET',
      `/api/integrations/${id}/mappings/configurations/proposal?groupId=${devices.id}`,
    );
    assert.equal(proposal.status, 200);
    const spec = { ...proposal.body.spec, options: { pageSize: 25 } };
    const saved = await h.call('PUT', `/api/integrations/${id}/mappings/configurations`, spec);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));

    const preview = await h.call('POST', `/api/integrations/${id}/mappings/configurations/preview`, {
      limit: 3,
    });
    assert.equal(preview.status, 200);
    assert.equal(preview.body.records.length, 3);

    const started = await h.call('POST', `/api/integrations/${id}/runs`, {
      entity: 'configurations',
      mode: 'full',
    });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const runId: string = started.body.runId;
    assert.match(started.body.webUiUrl, new RegExp(`/namespaces/default/workflows/${runId}$`));

    const again = await h.call('POST', `/api/integrations/${id}/runs`, {
      entity: 'configurations',
      mode: 'full',
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.details.runId, runId);

    await until('a first page', async () => {
      const run = await h.call('GET', `/api/runs/${runId}`);
      return run.body.progress?.pages >= 1 ? run : undefined;
    });
    assert.equal((await h.call('POST', `/api/runs/${runId}/pause`)).status, 202);
    const paused = await until('the pause', async () => {
      const run = await h.call('GET', `/api/runs/${runId}`);
      return run.body.status === 'paused' ? run.body : undefined;
    });
    assert.ok(paused.stats.created < 400);
    assert.equal((await h.call('POST', `/api/runs/${runId}/resume`)).status, 202);
    const done = await until('the end', async () => {
      const run = await h.call('GET', `/api/runs/${runId}`);
      return ['completed', 'failed'].includes(run.body.status) ? run.body : undefined;
    });
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.equal(done.stats.created, 400);
    assert.equal((await h.call('POST', `/api/runs/${runId}/pause`)).status, 409);

    // The Asset Panda group equals the source, record for record and field for field.
    const stored = mappingSpecSchema.parse(
      (await h.call('GET', `/api/integrations/${id}/mappings/configurations`)).body.spec,
    );
    const expected = new Map<string, Record<string, string>>();
    for (const record of h.cw.admin.all('configurations')) {
      if (!matchesFilters(record, stored.filters)) continue;
      const mapped = mapRecord(stored, record, { dateFormat: 'MM/DD/YYYY' });
      if (mapped.ok) expected.set(mapped.record.uniqueValue, mapped.record.values);
    }
    const objects = h.ap.admin.objects(devices.id);
    assert.equal(objects.length, expected.size);
    for (const object of objects) {
      const want = expected.get(object.fields[stored.uniqueKey.target] ?? '');
      assert.ok(want, 'every object belongs to a source record');
      for (const [key, value] of Object.entries(want)) assert.equal(object.fields[key] ?? '', value);
    }
    const list = await h.call('GET', `/api/runs?integrationId=${id}`);
    assert.equal(list.body.total, 1);
  });
});
