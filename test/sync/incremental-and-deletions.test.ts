import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError } from '@temporalio/client';
import { compareWithSource, mapEntity, runSync, startHarness, startWorker } from '../support/sync-harness.js';
import { devServer } from '../support/temporal.js';

const clean = (cmp: Awaited<ReturnType<typeof compareWithSource>>) => ({
  missing: cmp.missing,
  unexpected: cmp.unexpected,
  duplicates: cmp.duplicates,
  wrong: cmp.wrongValues.slice(0, 3),
});
const exact = { missing: [], unexpected: [], duplicates: [], wrong: [] };

describe('incremental syncs, adoption and deletions', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await devServer();
  });
  after(async () => env?.teardown());

  it('reads only what changed since the last checkpoint', async () => {
    const h = await startHarness({ cw: { counts: { companies: 120 } } });
    try {
      await mapEntity(h, 'companies');
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(async () => {
        const first = await runSync(env, taskQueue, h, 'companies', 'full');
        assert.equal(first.status, 'completed');
        const ids = h.cw.admin.all('companies').map((c) => c.id as number);
        for (const id of ids.slice(0, 4)) h.cw.admin.update('companies', id, { city: `Changed ${id}` });
        h.cw.admin.create('companies', { identifier: 'NEWCO1', name: 'New Company One' });
        h.cw.admin.create('companies', { identifier: 'NEWCO2', name: 'New Company Two' });
        await new Promise((r) => setTimeout(r, 2100)); // let the changes' second settle
        h.ap.admin.resetStats();
        const second = await runSync(env, taskQueue, h, 'companies', 'incremental');
        assert.equal(second.counts.updated, 4);
        assert.equal(second.counts.created, 2);
        assert.ok(
          second.counts.fetched < 20,
          `fetched ${second.counts.fetched}: an incremental run reads only recent changes`,
        );
      });
      assert.deepEqual(clean(await compareWithSource(h, 'companies')), exact);
    } finally {
      await h.close();
    }
  });

  it('adopts objects already in the group instead of duplicating them', async () => {
    const h = await startHarness({ cw: { counts: { companies: 60 } } });
    try {
      await mapEntity(h, 'companies');
      const companies = h.cw.admin
        .all('companies')
        .filter((c) => c.deletedFlag !== true)
        .slice(0, 25);
      // A person created some of them by hand already, with a stale name.
      h.ap.admin.seedObjects(
        1001,
        companies.map((c) => ({ field_1: String(c.id), field_3: `Old name of ${String(c.name)}` })),
      );
      const { worker, taskQueue } = await startWorker(env, h);
      const result = await worker.runUntil(runSync(env, taskQueue, h, 'companies', 'full'));
      assert.equal(result.counts.updated, 25);
      assert.equal(
        result.counts.created,
        h.cw.admin.all('companies').filter((c) => c.deletedFlag !== true).length - 25,
      );
      assert.deepEqual(clean(await compareWithSource(h, 'companies')), exact);
    } finally {
      await h.close();
    }
  });

  it('archives objects whose records vanished, on full runs only', async () => {
    const h = await startHarness({ cw: { counts: { agreements: 40, companies: 10 } } });
    try {
      await mapEntity(h, 'agreements');
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(async () => {
        await runSync(env, taskQueue, h, 'agreements', 'full');
        const ids = h.cw.admin.all('agreements').map((a) => a.id as number);
        for (const id of ids.slice(0, 3)) h.cw.admin.remove('agreements', id);
        const incremental = await runSync(env, taskQueue, h, 'agreements', 'incremental');
        assert.equal(incremental.counts.archived, 0, 'an incremental run never archives');
        const full = await runSync(env, taskQueue, h, 'agreements', 'full');
        assert.equal(full.counts.archived, 3);
      });
      assert.equal(h.ap.admin.objects(1005, { includeArchived: true }).filter((o) => o.archived).length, 3);
      assert.deepEqual(clean(await compareWithSource(h, 'agreements')), exact);
    } finally {
      await h.close();
    }
  });

  it('stops instead of archiving most of the group (safety valve)', async () => {
    const h = await startHarness({ cw: { counts: { agreements: 30, companies: 10 } } });
    try {
      await mapEntity(h, 'agreements');
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(async () => {
        await runSync(env, taskQueue, h, 'agreements', 'full');
        for (const a of h.cw.admin.all('agreements').slice(0, 20))
          h.cw.admin.remove('agreements', a.id as number);
        await assert.rejects(runSync(env, taskQueue, h, 'agreements', 'full'), (err: unknown) => {
          assert.ok(err instanceof WorkflowFailedError);
          assert.match(
            String(err.cause?.message),
            /would archive 20 of 30 objects \(67%\), more than the 50% safety limit/,
          );
          return true;
        });
      });
      assert.equal(h.ap.admin.objects(1005, { includeArchived: true }).filter((o) => o.archived).length, 0);
      const runs = await h.store.runs.list({ integrationId: h.integrationId, status: 'failed' });
      assert.match(runs.runs[0]?.error ?? '', /safety limit/);
    } finally {
      await h.close();
    }
  });
});
