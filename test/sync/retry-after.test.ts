/**
 * Throttling is Temporal's to wait out: an activity that meets a 429 fails with the API's Retry-After as
 * the next retry delay, and the run continues after exactly that wait (not after Temporal's own backoff,
 * which starts at one second). The sync workflow upserts custom search attributes, which the Java
 * time-skipping server does not know, so this runs on the dev server with a short Retry-After.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection } from '@temporalio/worker';
import type { SyncActivities } from '../../activities/index.js';
import { runSearchAttributes } from '../../client/runs.js';
import { createWorker } from '../../worker/create-worker.js';
import { syncWorkflow } from '../../workflows/sync.js';
import { devServer, uniqueTaskQueue } from '../support/temporal.js';

/** Activities of a healthy run of one empty page, except that the first read is throttled. */
function throttledOnce(retryAfterMs: number, fetchedAt: number[]): Partial<SyncActivities> {
  return {
    startRun: async () => ({
      groupId: 1,
      startCursor: null,
      adopt: false,
      pageSize: 100,
      overlapSeconds: 60,
    }),
    authenticate: async () => ({ dateFormat: 'MM/DD/YYYY' }),
    fetchPage: async (input) => {
      fetchedAt.push(Date.now());
      if (fetchedAt.length === 1)
        throw ApplicationFailure.create({
          type: 'assetpanda.rate_limited',
          message: 'Asset Panda: 429',
          nextRetryDelay: retryAfterMs,
        });
      return {
        rawPageId: `${input.runId}/1/raw`,
        count: 0,
        nextCursor: null,
        done: true,
        heldBack: 0,
        settleInMs: null,
      };
    },
    mapFilter: async (input) => ({
      mappedPageId: `${input.runId}/1/mapped`,
      mapped: 0,
      filteredOut: 0,
      failed: 0,
    }),
    recordCheckpoint: async () => undefined,
    setRunStatus: async () => undefined,
    finishRun: async () => undefined,
  };
}

describe('Retry-After', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await devServer();
  });
  after(async () => env?.teardown());

  it('makes Temporal wait as long as the API said before the next attempt, then the run goes on', async () => {
    const fetchedAt: number[] = [];
    const taskQueue = uniqueTaskQueue('retry-after');
    const worker = await createWorker({
      connection: env.nativeConnection as NativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: throttledOnce(3_000, fetchedAt) as SyncActivities,
    });
    const result = await worker.runUntil(
      env.client.workflow.execute(syncWorkflow, {
        taskQueue,
        workflowId: taskQueue,
        args: [{ integrationId: 'i', entity: 'configurations', mode: 'incremental' }],
        typedSearchAttributes: runSearchAttributes('i', 'configurations', 'incremental'),
      }),
    );
    assert.equal(result.status, 'completed');
    assert.equal(fetchedAt.length, 2);
    const gap = (fetchedAt[1] ?? 0) - (fetchedAt[0] ?? 0);
    assert.ok(gap >= 2_900 && gap < 20_000, `the second attempt came ${gap} ms after the first`);
  });
});
