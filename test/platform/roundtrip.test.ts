import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import { openStore, type Store } from '../../store/index.js';
import { buildActivityDeps } from '../../worker/activity-deps.js';
import { parseEnv } from '../../config/env.js';
import { createWorker } from '../../worker/create-worker.js';
import { roundTripWorkflow } from '../../workflows/roundtrip.js';
import { devServer, timeSkipping, uniqueTaskQueue } from '../support/temporal.js';

async function runRoundTrip(env: TestWorkflowEnvironment, store: Store) {
  const taskQueue = uniqueTaskQueue('roundtrip');
  const worker = await createWorker({
    connection: env.nativeConnection as NativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities(buildActivityDeps(store, parseEnv({}))),
  });
  return worker.runUntil(
    env.client.workflow.execute(roundTripWorkflow, { taskQueue, workflowId: taskQueue, args: ['hello'] }),
  );
}

describe('the round trip through a worker', () => {
  let store: Store;
  before(async () => {
    store = await openStore('sqlite::memory:', Buffer.alloc(32, 1));
  });
  after(async () => store.close());

  it('answers from an activity on the real dev server', async () => {
    const env = await devServer();
    try {
      const result = await runRoundTrip(env, store);
      assert.equal(result.message, 'hello');
      assert.equal(result.storeOk, true);
    } finally {
      await env.teardown();
    }
  });

  it('answers from an activity on the time-skipping test server', async () => {
    const env = await timeSkipping();
    try {
      const result = await runRoundTrip(env, store);
      assert.equal(result.message, 'hello');
    } finally {
      await env.teardown();
    }
  });
});
