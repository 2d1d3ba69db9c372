/**
 * Runs through the API: start one (one at a time per integration and entity), inspect it, steer a live
 * one (pause, resume, cancel), the 409s an active run causes, listing with filters and paging, metrics
 * after runs, and completed runs read from the store with no worker running.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startApiHarness, type ApiHarness } from '../support/api-harness.js';
import { devServer } from '../support/temporal.js';
import {
  GROUP_OF,
  assertError,
  closeHarness,
  completedRun,
  createIntegration,
  mapEntity,
  problems,
  runFinished,
  runRecorded,
  startRun,
  until,
} from './helpers.js';

const STEERING = ['pause', 'resume', 'cancel'] as const;

describe('runs', () => {
  let env: TestWorkflowEnvironment;
  let h: ApiHarness;
  /** Integration A: companies, agreements and (slow, small pages) configurations mapped. */
  let a: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- run views are read freely
  let firstRun: any;

  before(async () => {
    env = await devServer();
    h = await startApiHarness(env, { cw: { counts: { companies: 12, agreements: 4, configurations: 100 } } });
    a = await createIntegration(h, 'Runs A');
    await mapEntity(h, a, 'companies');
    await mapEntity(h, a, 'agreements');
    await mapEntity(h, a, 'configurations', { pageSize: 5 });
  });
  after(async () => {
    await closeHarness(h);
    await env?.teardown();
  });

  describe('POST /api/integrations/:id/runs', () => {
    it('starts a run: 202 with the run id, the workflow id and a Web UI link', async () => {
      const res = await h.call('POST', `/api/integrations/${a}/runs`, { entity: 'companies', mode: 'full' });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      assert.equal(res.body.workflowId, res.body.runId);
      assert.match(res.body.webUiUrl, new RegExp(`/namespaces/default/workflows/${res.body.runId}$`));
      firstRun = await runFinished(h, res.body.runId);
      assert.equal(firstRun.status, 'completed', JSON.stringify(firstRun));
    });

    it('refuses a run of an unmapped entity with 422 saying what to map', async () => {
      const error = assertError(
        await h.call('POST', `/api/integrations/${a}/runs`, { entity: 'tickets' }),
        422,
        'mapping_missing',
      );
      assert.match(error.message, new RegExp(`PUT /api/integrations/${a}/mappings/tickets`));
    });

    const invalid: Array<{ what: string; body: unknown; path: string }> = [
      { what: 'an unknown entity', body: { entity: 'widgets' }, path: 'entity' },
      { what: 'an unknown mode', body: { entity: 'companies', mode: 'partial' }, path: 'mode' },
      { what: 'a missing entity', body: { mode: 'full' }, path: 'entity' },
      { what: 'an unknown key', body: { entity: 'companies', now: true }, path: '(body)' },
    ];
    for (const c of invalid)
      it(`refuses ${c.what} with 400 naming ${c.path}`, async () => {
        const error = assertError(
          await h.call('POST', `/api/integrations/${a}/runs`, c.body),
          400,
          'invalid_request',
        );
        assert.deepEqual(
          problems(error).map((p) => p.path),
          [c.path],
        );
      });

    it('answers 404 for an unknown integration', async () => {
      assertError(
        await h.call('POST', '/api/integrations/no-such-id/runs', { entity: 'companies' }),
        404,
        'not_found',
      );
    });
  });

  describe('GET /api/runs/:runId', () => {
    it('shows a completed run with its counts, trigger and no live progress', async () => {
      const res = await h.call('GET', `/api/runs/${firstRun.runId}`);
      assert.equal(res.status, 200);
      const run = res.body;
      assert.equal(run.integrationId, a);
      assert.equal(run.entity, 'companies');
      assert.equal(run.mode, 'full');
      assert.equal(run.trigger, 'api');
      assert.equal(run.status, 'completed');
      assert.ok(run.finishedAt >= run.startedAt);
      assert.equal(run.progress, null);
      assert.equal(run.error, null);
      assert.deepEqual(run.errors, []);
      assert.equal(run.errorsTotal, 0);
      assert.ok(run.stats.created > 0);
      assert.equal(run.stats.created, h.ap.admin.objects(GROUP_OF.companies).length);
      assert.equal(run.stats.fetched, run.stats.created + run.stats.filteredOut);
    });

    it('answers 404 for an unknown run', async () => {
      assertError(await h.call('GET', '/api/runs/no-such-run'), 404, 'not_found');
    });
  });

  describe('steering', () => {
    for (const action of STEERING)
      it(`POST /api/runs/:runId/${action} answers 404 for an unknown run`, async () => {
        assertError(await h.call('POST', `/api/runs/no-such-run/${action}`), 404, 'not_found');
      });

    for (const action of STEERING)
      it(`POST /api/runs/:runId/${action} answers 409 for a finished run`, async () => {
        const error = assertError(
          await h.call('POST', `/api/runs/${firstRun.runId}/${action}`),
          409,
          'run_finished',
        );
        assert.match(error.message, new RegExp(action));
      });

    it('steering a workflow that is not a sync run answers 404 and sends it nothing', async () => {
      const workflowId = `not-a-run-${Date.now()}`;
      const handle = await h.temporal.client.workflow.start('someoneElsesWorkflow', {
        taskQueue: `nobody-polls-${workflowId}`,
        workflowId,
      });
      try {
        assertError(await h.call('GET', `/api/runs/${workflowId}`), 404, 'not_found');
        assertError(await h.call('POST', `/api/runs/${workflowId}/cancel`), 404, 'not_found');
      } finally {
        const history = await handle.fetchHistory();
        await handle.terminate('test cleanup');
        const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes);
        assert.equal(signals.length, 0, 'no signal reached the foreign workflow');
      }
    });
  });

  describe('while a run is active', () => {
    let runId: string;
    before(async () => {
      // Slow enough that the run is still going when each step below steers it, even on a loaded machine.
      h.cw.admin.setLatency(250);
      runId = await startRun(h, a, 'configurations');
      await runRecorded(h, runId);
      assert.equal((await h.call('POST', `/api/runs/${runId}/pause`)).status, 202);
    });
    after(() => h.cw.admin.setLatency(0));

    it('pause: the run stops after the page in flight and shows as paused', async () => {
      const run = await until('the pause', async () => {
        const res = await h.call('GET', `/api/runs/${runId}`);
        // The progress comes from a workflow query that may time out on a busy server: wait for both.
        return res.body.status === 'paused' && res.body.progress?.paused === true ? res.body : undefined;
      });
      assert.equal(run.progress.paused, true);
      assert.ok(run.stats.created < 100);
      assert.equal(run.finishedAt, null);
    });

    it('a second start of the same entity is refused with 409 naming the active run', async () => {
      const error = assertError(
        await h.call('POST', `/api/integrations/${a}/runs`, { entity: 'configurations' }),
        409,
        'run_active',
      );
      assert.deepEqual(error.details, { runId });
    });

    it('changing the mapping of the running entity is refused with 409', async () => {
      const mapping = (await h.call('GET', `/api/integrations/${a}/mappings/configurations`)).body.spec;
      const error = assertError(
        await h.call('PUT', `/api/integrations/${a}/mappings/configurations`, mapping),
        409,
        'run_active',
      );
      assert.deepEqual(error.details, { runId });
    });

    it('deleting the mapping of the running entity is refused with 409', async () => {
      assertError(
        await h.call('DELETE', `/api/integrations/${a}/mappings/configurations`),
        409,
        'run_active',
      );
      assert.equal((await h.call('GET', `/api/integrations/${a}/mappings/configurations`)).status, 200);
    });

    it('deleting the integration is refused with 409 naming the run', async () => {
      const error = assertError(await h.call('DELETE', `/api/integrations/${a}`), 409, 'run_active');
      assert.deepEqual(error.details, { runId });
      assert.equal((await h.call('GET', `/api/integrations/${a}`)).status, 200);
    });

    it('another entity of the same integration may run meanwhile', async () => {
      await completedRun(h, a, 'agreements');
    });

    it('?status=paused lists the paused run', async () => {
      const res = await h.call('GET', `/api/runs?integrationId=${a}&status=paused`);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.runs.map((r: { runId: string }) => r.runId),
        [runId],
      );
    });

    it('resume: the run goes on and shows as running', async () => {
      assert.equal((await h.call('POST', `/api/runs/${runId}/resume`)).status, 202);
      const run = await until('the resume', async () => {
        const res = await h.call('GET', `/api/runs/${runId}`);
        return res.body.status === 'running' && res.body.progress?.paused === false ? res.body : undefined;
      });
      assert.equal(run.progress.paused, false);
    });

    it('cancel: the run ends as cancelled after its next checkpoint', async () => {
      const res = await h.call('POST', `/api/runs/${runId}/cancel`);
      assert.equal(res.status, 202, JSON.stringify(res.body));
      assert.deepEqual(res.body, { runId, requested: 'cancel' });
      const run = await runFinished(h, runId);
      assert.equal(run.status, 'cancelled');
      assert.ok(run.stats.created < 100, 'stopped before the end');
    });

    it('once it has ended, the mapping can be changed again', async () => {
      await mapEntity(h, a, 'configurations', { pageSize: 5 });
    });
  });

  describe('GET /api/runs', () => {
    /** Integration B with three finished runs, oldest first. */
    let b: string;
    let runIds: string[];
    before(async () => {
      b = await createIntegration(h, 'Runs B');
      await mapEntity(h, b, 'companies');
      await mapEntity(h, b, 'agreements');
      runIds = [];
      runIds.push((await completedRun(h, b, 'companies', 'full')).runId);
      runIds.push((await completedRun(h, b, 'agreements', 'full')).runId);
      runIds.push((await completedRun(h, b, 'companies', 'incremental')).runId);
    });

    const list = async (query: string) => {
      const res = await h.call('GET', `/api/runs?${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as {
        runs: Array<{
          runId: string;
          integrationId: string;
          entity: string;
          status: string;
          startedAt: string;
        }>;
        total: number;
        limit: number;
        offset: number;
      };
    };

    it('filters by integration, newest first, with the total', async () => {
      const page = await list(`integrationId=${b}`);
      assert.equal(page.total, 3);
      assert.deepEqual(
        page.runs.map((r) => r.runId),
        [...runIds].reverse(),
      );
      assert.equal(page.limit, 50);
      assert.equal(page.offset, 0);
    });

    it('filters by entity', async () => {
      const page = await list(`integrationId=${b}&entity=companies`);
      assert.equal(page.total, 2);
      assert.ok(page.runs.every((r) => r.entity === 'companies'));
    });

    it('filters by status', async () => {
      const cancelled = await list('status=cancelled');
      assert.ok(cancelled.total >= 1);
      assert.ok(cancelled.runs.every((r) => r.status === 'cancelled'));
      assert.equal((await list(`integrationId=${b}&status=completed`)).total, 3);
      assert.equal((await list(`integrationId=${b}&status=failed`)).total, 0);
    });

    it('without filters lists the runs of every integration', async () => {
      const page = await list('');
      assert.ok(page.runs.some((r) => r.integrationId === a));
      assert.ok(page.runs.some((r) => r.integrationId === b));
    });

    it('pages with limit and offset, keeping the total', async () => {
      const first = await list(`integrationId=${b}&limit=2`);
      const second = await list(`integrationId=${b}&limit=2&offset=2`);
      assert.equal(first.total, 3);
      assert.equal(second.total, 3);
      assert.equal(first.limit, 2);
      assert.equal(second.offset, 2);
      assert.deepEqual(
        [...first.runs, ...second.runs].map((r) => r.runId),
        [...runIds].reverse(),
      );
    });

    it('an offset past the end gives an empty page and the total', async () => {
      const page = await list(`integrationId=${b}&offset=10`);
      assert.deepEqual(page.runs, []);
      assert.equal(page.total, 3);
    });

    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['status=sleeping', 'status'],
      ['entity=widgets', 'entity'],
    ] as const)
      it(`refuses ?${query} with 400 naming ${path}`, async () => {
        const error = assertError(await h.call('GET', `/api/runs?${query}`), 400, 'invalid_request');
        assert.deepEqual(
          problems(error).map((p) => p.path),
          [path],
        );
      });
  });

  describe('GET /metrics after runs', () => {
    let text: string;
    before(async () => {
      const res = await h.call('GET', '/metrics');
      assert.equal(res.status, 200);
      text = res.body as string;
    });

    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);

    it('counts finished runs by entity and status (sync_runs_total)', () => {
      assert.ok(value(/^sync_runs_total\{entity="companies",status="completed"\} (\d+)/m) >= 3);
      assert.ok(value(/^sync_runs_total\{entity="configurations",status="cancelled"\} (\d+)/m) >= 1);
    });

    it('counts records by entity and outcome (sync_records_total)', () => {
      const created = value(/^sync_records_total\{entity="companies",outcome="created"\} (\d+)/m);
      const fetched = value(/^sync_records_total\{entity="companies",outcome="fetched"\} (\d+)/m);
      assert.ok(created >= firstRun.stats.created, text);
      assert.ok(fetched >= firstRun.stats.fetched, text);
    });

    it('counts calls to both APIs by status (sync_api_calls_total)', () => {
      assert.ok(value(/^sync_api_calls_total\{target="connectwise",status="200"\} (\d+)/m) > 0, text);
      assert.ok(value(/^sync_api_calls_total\{target="assetpanda",status="2\d\d"\} (\d+)/m) > 0, text);
    });
  });

  describe('with no worker running', () => {
    before(async () => {
      h.worker.shutdown();
      await until('the worker to stop', async () => (h.worker.getState() === 'STOPPED' ? true : undefined));
    });

    it('a completed run is still inspectable from the store', async () => {
      const res = await h.call('GET', `/api/runs/${firstRun.runId}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'completed');
      assert.deepEqual(res.body.stats, firstRun.stats);
      assert.equal(res.body.finishedAt, firstRun.finishedAt);
    });

    it('runs are still listed', async () => {
      const res = await h.call('GET', `/api/runs?integrationId=${a}`);
      assert.equal(res.status, 200);
      assert.ok(res.body.runs.some((r: { runId: string }) => r.runId === firstRun.runId));
    });

    describe('a run accepted (202) before any worker has picked it up', () => {
      let c: string;
      let runId: string;
      before(async () => {
        c = await createIntegration(h, 'Runs C (no worker)');
        await mapEntity(h, c, 'agreements');
        runId = await startRun(h, c, 'agreements');
      });
      after(async () => {
        await h.temporal.client.workflow
          .getHandle(runId)
          .terminate('test cleanup')
          .catch(() => undefined);
      });

      it('a second start is refused with 409 naming it', async () => {
        const error = await until('Temporal visibility to show the run', async () => {
          const res = await h.call('POST', `/api/integrations/${c}/runs`, { entity: 'agreements' });
          return res.status === 409 ? assertError(res, 409, 'run_active') : undefined;
        });
        assert.deepEqual(error.details, { runId });
      });

      it('can be inspected at GET /api/runs/:runId', async () => {
        const res = await h.call('GET', `/api/runs/${runId}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
      });

      it('keeps its integration from being deleted (409)', async () => {
        assertError(await h.call('DELETE', `/api/integrations/${c}`), 409, 'run_active');
      });
    });
  });
});
