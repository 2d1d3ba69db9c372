/**
 * What the review of the engine asked for: repairs of objects people changed in Asset Panda (on
 * verifying full runs), no archiving of records ConnectWise still has, and a run that lost its lock
 * writes nothing more.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities/index.js';
import { createAssetPandaClient } from '../../connectors/assetpanda/index.js';
import { compareWithSource, mapEntity, runSync, startHarness, startWorker } from '../support/sync-harness.js';
import { devServer } from '../support/temporal.js';

describe('repairs and fences', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await devServer();
  });
  after(async () => env?.teardown());

  it('repairs objects people edited or archived in Asset Panda, on a full run that verifies the group', async () => {
    const h = await startHarness({ cw: { counts: { configurations: 80, companies: 5 } } });
    try {
      await mapEntity(h, 'configurations');
      const { worker, taskQueue } = await startWorker(env, h);
      const ap = createAssetPandaClient({
        baseUrl: h.ap.url,
        email: 'demo@example.com',
        password: 'demo-password',
      });
      await worker.runUntil(async () => {
        await runSync(env, taskQueue, h, 'configurations', 'full');
        const [edited, archived] = h.ap.admin.objects(1002);
        await ap.patchObject(1002, edited!.id, { field_2: 'renamed by a person' });
        await ap.archiveObjects(1002, [archived!.id], new Date());

        const plain = await runSync(env, taskQueue, h, 'configurations', 'full');
        assert.equal(plain.counts.updated, 0, 'a full run trusts what it wrote last, at no cost');

        const mapping = await h.store.mappings.get(h.integrationId, 'configurations');
        await h.store.mappings.put(h.integrationId, 'configurations', {
          ...mapping!.spec,
          options: { ...mapping!.spec.options, verifyTarget: true },
        });
        const verified = await runSync(env, taskQueue, h, 'configurations', 'full');
        assert.equal(verified.counts.updated, 2);
      });
      assert.equal(h.ap.admin.objects(1002, { includeArchived: true }).filter((o) => o.archived).length, 0);
      const cmp = await compareWithSource(h, 'configurations');
      assert.deepEqual([cmp.missing.length, cmp.wrongValues.length, cmp.duplicates.length], [0, 0, 0]);
    } finally {
      await h.close();
    }
  });

  it('gives an archived object to a new record that reuses its identifier, when a batch create is refused for it', async () => {
    const h = await startHarness({ cw: { counts: { catalog: 6, companies: 2 } } });
    try {
      await mapEntity(h, 'catalog', (s) => ({ ...s, options: { ...s.options, maxArchiveShare: 1 } }));
      const { worker, taskQueue } = await startWorker(env, h);
      await worker.runUntil(async () => {
        await runSync(env, taskQueue, h, 'catalog', 'full');
        // A product is deleted: the next full run archives its object.
        const [gone] = h.cw.admin.all('catalog');
        h.cw.admin.remove('catalog', gone!.id as number);
        await runSync(env, taskQueue, h, 'catalog', 'full');
        assert.equal(h.ap.admin.objects(1003, { includeArchived: true }).filter((o) => o.archived).length, 1);
        // A new product takes the old SKU, created in one batch with another new one: the unique rule
        // refuses the batch, and the reused SKU's object is taken over, live again, not duplicated.
        const template = { ...gone } as Record<string, unknown>;
        delete template.id;
        delete template._info;
        h.cw.admin.create('catalog', { ...template, description: 'successor' });
        h.cw.admin.create('catalog', { ...template, identifier: 'BRAND-NEW-SKU', description: 'new' });
        const third = await runSync(env, taskQueue, h, 'catalog', 'full');
        assert.equal(third.counts.failed, 0);
      });
      const objects = h.ap.admin.objects(1003, { includeArchived: true });
      assert.equal(objects.filter((o) => o.archived).length, 0, 'the old object is live again');
      const cmp = await compareWithSource(h, 'catalog');
      assert.deepEqual(
        [cmp.missing, cmp.duplicates, cmp.unexpected, cmp.wrongValues],
        [[], [], [], []],
        JSON.stringify(cmp),
      );
    } finally {
      await h.close();
    }
  });

  it('does not archive a record that ConnectWise still has, even if the sweep did not see it', async () => {
    const h = await startHarness({ cw: { counts: { agreements: 20, companies: 5 } } });
    try {
      await mapEntity(h, 'agreements');
      const { worker, taskQueue } = await startWorker(env, h);
      const first = await worker.runUntil(runSync(env, taskQueue, h, 'agreements', 'full'));
      // As if the record had been busy (held back) at the end of the next sweep.
      const [busy, gone] = h.cw.admin.all('agreements').map((a) => a.id as number);
      h.cw.admin.remove('agreements', gone!);
      await h.store.db.db.updateTable('identity_map').set({ seen_run: first.runId }).execute();
      await h.store.runs.start({
        runId: 'sweep-2',
        integrationId: h.integrationId,
        entity: 'agreements',
        mode: 'full',
        trigger: 'api',
        cursorFrom: null,
      });
      const others = h.cw.admin
        .all('agreements')
        .map((a) => a.id as number)
        .filter((id) => id !== busy);
      await h.store.identity.markSeen(h.integrationId, 'agreements', others, 'sweep-2');
      const activities = createActivities({ ...h.deps, isRunActive: async () => false });
      const result = await new MockActivityEnvironment().run(activities.archiveMissing, {
        runId: 'sweep-2',
        integrationId: h.integrationId,
        entity: 'agreements',
      });
      assert.deepEqual(result, { archived: 1, failed: 0 });
      const identities = await h.store.identity.byCwIds(h.integrationId, 'agreements', [busy!, gone!]);
      assert.equal(identities.get(busy!)?.archived, false, 'ConnectWise still has it');
      assert.equal(identities.get(gone!)?.archived, true);
      assert.equal(
        (await h.store.runs.get('sweep-2'))?.stats.archived,
        1,
        'counted in the run as it happens',
      );
    } finally {
      await h.close();
    }
  });

  it('stops writing once another run holds the lock', async () => {
    const h = await startHarness({ cw: { counts: { companies: 5 } } });
    try {
      await mapEntity(h, 'companies');
      await h.store.locks.acquire(h.integrationId, 'companies', 'someone-else');
      const activities = createActivities({ ...h.deps, isRunActive: async () => true });
      await assert.rejects(
        new MockActivityEnvironment().run(activities.upsertBatch, {
          runId: 'me',
          integrationId: h.integrationId,
          entity: 'companies',
          mappedPageId: 'me/1/mapped',
        }),
        (err: unknown) =>
          err instanceof ApplicationFailure &&
          err.type === 'RunAlreadyActive' &&
          /no longer holds the lock/.test(err.message),
      );
      assert.equal(h.ap.admin.stats().calls, 0);
    } finally {
      await h.close();
    }
  });
});
