import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  compareWithSource,
  mapEntity,
  runSync,
  startHarness,
  startWorker,
  type Harness,
} from '../support/sync-harness.js';
import { devServer } from '../support/temporal.js';

describe('a full sync into an empty group', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  before(async () => {
    env = await devServer();
    h = await startHarness({ cw: { counts: { configurations: 450, companies: 20 } } });
    await mapEntity(h, 'configurations');
  });
  after(async () => {
    await h?.close();
    await env?.teardown();
  });

  it('creates every in-scope record exactly once with the mapped values', async () => {
    const { worker, taskQueue } = await startWorker(env, h);
    const result = await worker.runUntil(runSync(env, taskQueue, h, 'configurations', 'full'));
    assert.equal(result.status, 'completed');
    assert.equal(result.counts.created, 450);
    const cmp = await compareWithSource(h, 'configurations');
    assert.deepEqual(
      {
        missing: cmp.missing,
        unexpected: cmp.unexpected,
        duplicates: cmp.duplicates,
        wrong: cmp.wrongValues.slice(0, 3),
      },
      { missing: [], unexpected: [], duplicates: [], wrong: [] },
    );
    assert.equal(cmp.live, 450);
    const run = await h.store.runs.get(result.runId);
    assert.equal(run?.status, 'completed');
    assert.equal(run?.stats.created, 450);
  });

  it('costs no Asset Panda call when nothing changed', async () => {
    const { worker, taskQueue } = await startWorker(env, h);
    h.ap.admin.resetStats();
    const result = await worker.runUntil(runSync(env, taskQueue, h, 'configurations', 'full'));
    assert.equal(result.counts.unchanged, 450);
    assert.equal(result.counts.created + result.counts.updated, 0);
    const writes = Object.entries(h.ap.admin.stats().byOperation).filter(
      ([op]) => !/token|groups|fields|settings/.test(op),
    );
    assert.deepEqual(
      writes.filter(([, n]) => n > 0),
      [],
    );
  });
});
