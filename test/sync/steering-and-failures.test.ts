import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { runSearchAttributes } from '../../client/runs.js';
import {
  cancelSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
  syncWorkflow,
} from '../../workflows/sync.js';
import {
  compareWithSource,
  fastTuning,
  mapEntity,
  runSync,
  startHarness,
  startWorker,
  type Harness,
} from '../support/sync-harness.js';
import { devServer } from '../support/temporal.js';

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const startSlowRun = async (env: TestWorkflowEnvironment, taskQueue: string, h: Harness) =>
  env.client.workflow.start(syncWorkflow, {
    taskQueue,
    workflowId: `steer-${randomUUID().slice(0, 8)}`,
    args: [{ integrationId: h.integrationId, entity: 'configurations', mode: 'full', tuning: fastTuning }],
    typedSearchAttributes: runSearchAttributes(h.integrationId, 'configurations', 'full'),
  });

describe('steering a run and failing well', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await devServer();
  });
  after(async () => env?.teardown());

  it('pauses after the page in flight is checkpointed, and resumes to completion', async () => {
    const h = await startHarness({ cw: { counts: { configurations: 300, companies: 10 }, latencyMs: 150 } });
    try {
      await mapEntity(h, 'configurations', (s) => ({ ...s, options: { pageSize: 25 } }));
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(async () => {
        const handle = await startSlowRun(env, taskQueue, h);
        await until(async () => (await handle.query(progressQuery)).pages >= 1, 'a first page');
        await handle.signal(pauseSignal);
        await until(async () => (await handle.query(progressQuery)).phase === 'paused', 'the pause');
        const pausedAt = (await handle.query(progressQuery)).pages;
        // The workflow says "paused" before its activity has written that to the store.
        await until(
          async () => (await h.store.runs.get(handle.workflowId))?.status === 'paused',
          'the stored pause',
        );
        await new Promise((r) => setTimeout(r, 500));
        assert.equal((await handle.query(progressQuery)).pages, pausedAt, 'no page is written while paused');
        await handle.signal(resumeSignal);
        const result = await handle.result();
        assert.equal(result.status, 'completed');
        assert.equal(result.counts.created, 300);
      });
      const cmp = await compareWithSource(h, 'configurations');
      assert.deepEqual([cmp.missing.length, cmp.duplicates.length, cmp.wrongValues.length], [0, 0, 0]);
    } finally {
      await h.close();
    }
  });

  it('cancels cleanly after a checkpoint: what was written is remembered, the rest is not started', async () => {
    const h = await startHarness({ cw: { counts: { configurations: 300, companies: 10 }, latencyMs: 150 } });
    try {
      await mapEntity(h, 'configurations', (s) => ({ ...s, options: { pageSize: 25 } }));
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(async () => {
        const handle = await startSlowRun(env, taskQueue, h);
        await until(async () => (await handle.query(progressQuery)).pages >= 2, 'two pages');
        await handle.signal(cancelSignal);
        const result = await handle.result();
        assert.equal(result.status, 'cancelled');
        assert.ok(result.counts.created < 300);
        const run = await h.store.runs.get(handle.workflowId);
        assert.equal(run?.status, 'cancelled');
        assert.equal(
          run?.stats.created,
          h.ap.admin.objects(1002).length,
          'the summary matches what was written',
        );
        assert.equal(await h.store.identity.count(h.integrationId, 'configurations'), result.counts.created);
        assert.equal(
          await h.store.locks.holder(h.integrationId, 'configurations'),
          undefined,
          'the lock is released',
        );
        // The next run carries on without duplicating anything.
        const next = await runSync(env, taskQueue, h, 'configurations', 'full');
        assert.equal(next.counts.created, 300 - result.counts.created);
      });
    } finally {
      await h.close();
    }
  });

  it('quarantines a record Asset Panda rejects and writes the rest', async () => {
    const h = await startHarness({ cw: { counts: { configurations: 120, companies: 10 } } });
    try {
      await mapEntity(h, 'configurations');
      const victims = h.cw.admin
        .all('configurations')
        .slice(10, 12)
        .map((c) => c.id as number);
      // "Name" is required in the Devices group: a blank name is refused by Asset Panda.
      for (const id of victims) h.cw.admin.update('configurations', id, { name: '' });
      const { worker, taskQueue } = await startWorker(env, h);
      const result = await worker.runUntil(runSync(env, taskQueue, h, 'configurations', 'full'));
      assert.equal(result.status, 'completed');
      assert.equal(result.counts.failed, 2);
      assert.equal(result.counts.created, 118);
      const { entries } = await h.store.quarantine.forRun(result.runId);
      assert.deepEqual(entries.map((e) => e.cwId).sort(), [...victims].sort());
      assert.match(entries[0]?.reason ?? '', /create rejected by Asset Panda: field_2/);
    } finally {
      await h.close();
    }
  });

  it('quarantines a record the mapping cannot convert and goes on', async () => {
    const h = await startHarness({ cw: { counts: { configurations: 50, companies: 5 } } });
    try {
      await mapEntity(h, 'configurations');
      const victim = h.cw.admin.all('configurations')[3]?.id as number;
      h.cw.admin.update('configurations', victim, { purchaseDate: 'not a date' });
      const { worker, taskQueue } = await startWorker(env, h);
      const result = await worker.runUntil(runSync(env, taskQueue, h, 'configurations', 'full'));
      assert.equal(result.counts.failed, 1);
      assert.equal(result.counts.created, 49);
      const { entries } = await h.store.quarantine.forRun(result.runId);
      assert.equal(entries[0]?.cwId, victim);
      assert.equal(entries[0]?.stage, 'map');
      assert.match(entries[0]?.reason ?? '', /purchaseDate → field_10: "not a date" is not a date/);
    } finally {
      await h.close();
    }
  });

  it('fails at once, with the reason, when the ConnectWise keys are wrong', async () => {
    const h = await startHarness({ cw: { counts: { configurations: 5, companies: 2 } } });
    try {
      await mapEntity(h, 'configurations');
      await h.store.integrations.update(h.integrationId, {
        secrets: {
          connectwise: { publicKey: 'demo-public', privateKey: 'wrong' },
          assetPanda: { password: 'demo-password' },
        },
      });
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(
        assert.rejects(runSync(env, taskQueue, h, 'configurations', 'full'), (err: unknown) => {
          assert.ok(err instanceof WorkflowFailedError);
          assert.match(String(err.cause?.message), /^ConnectWise: .*(keys|401|authenticat)/i);
          return true;
        }),
      );
      assert.equal(h.cw.admin.stats().byStatus['401'], 1, 'one attempt');
    } finally {
      await h.close();
    }
  });

  it('fails at once, with the reason, when the Asset Panda password is wrong', async () => {
    const h = await startHarness({ cw: { counts: { configurations: 5, companies: 2 } } });
    try {
      await mapEntity(h, 'configurations');
      await h.store.integrations.update(h.integrationId, {
        secrets: {
          connectwise: { publicKey: 'demo-public', privateKey: 'demo-private' },
          assetPanda: { password: 'nope' },
        },
      });
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(
        assert.rejects(runSync(env, taskQueue, h, 'configurations', 'full'), (err: unknown) => {
          assert.ok(err instanceof WorkflowFailedError);
          assert.match(String(err.cause?.message), /^Asset Panda: /);
          return true;
        }),
      );
      const runs = await h.store.runs.list({ integrationId: h.integrationId });
      assert.equal(runs.runs[0]?.status, 'failed');
      assert.equal(h.ap.admin.objects(1002).length, 0);
    } finally {
      await h.close();
    }
  });
});
