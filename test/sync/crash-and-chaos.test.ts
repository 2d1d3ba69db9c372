/**
 * The promise of the product: whatever happens during a run (the worker killed, 429s and 5xx from both
 * APIs, lost answers, records changing while they are read), the run ends with the Asset Panda group
 * exactly matching the source: nothing lost, nothing duplicated.
 */
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { runSearchAttributes } from '../../client/runs.js';
import { progressQuery, syncWorkflow } from '../../workflows/sync.js';
import {
  compareWithSource,
  mapEntity,
  startHarness,
  startWorker,
  type Harness,
} from '../support/sync-harness.js';
import { devServer, uniqueTaskQueue } from '../support/temporal.js';

const SECRETS = Buffer.alloc(32, 3);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function forkWorker(address: string, taskQueue: string, storeUrl: string): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, '../support/worker-process.ts'), {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      TEMPORAL_TEST_ADDRESS: address,
      TASK_QUEUE: taskQueue,
      STORE_URL: storeUrl,
      SECRETS_KEY_B64: SECRETS.toString('base64'),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

const exactly = (cmp: Awaited<ReturnType<typeof compareWithSource>>) => ({
  missing: cmp.missing.length,
  unexpected: cmp.unexpected.length,
  duplicates: cmp.duplicates.length,
  wrongValues: cmp.wrongValues.length,
});
const none = { missing: 0, unexpected: 0, duplicates: 0, wrongValues: 0 };

describe('a run that survives everything', () => {
  let env: TestWorkflowEnvironment;
  let dir: string;
  before(async () => {
    env = await devServer();
    dir = mkdtempSync(join(tmpdir(), 'crash-'));
  });
  after(async () => {
    await env?.teardown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes exactly after its worker process is killed in the middle', async () => {
    const storeUrl = `sqlite:${join(dir, 'store.sqlite')}`;
    const h: Harness = await startHarness({
      storeUrl,
      cw: { counts: { configurations: 1500, companies: 30 }, latencyMs: 15 },
      ap: { latencyMs: 15 },
    });
    const children: ChildProcess[] = [];
    try {
      await mapEntity(h, 'configurations', (s) => ({ ...s, options: { pageSize: 100 } }));
      const taskQueue = uniqueTaskQueue('crash');
      const address = process.env.TEMPORAL_TEST_ADDRESS ?? env.address;
      children.push(await forkWorker(address, taskQueue, storeUrl));
      const handle = await env.client.workflow.start(syncWorkflow, {
        taskQueue,
        workflowId: `crash-${randomUUID().slice(0, 8)}`,
        args: [
          {
            integrationId: h.integrationId,
            entity: 'configurations',
            mode: 'full',
            tuning: { heartbeatTimeoutSeconds: 4 },
          },
        ],
        typedSearchAttributes: runSearchAttributes(h.integrationId, 'configurations', 'full'),
      });
      await until(async () => (await handle.query(progressQuery)).pages >= 4, 'four pages');
      children[0]?.kill('SIGKILL');
      const objectsAtKill = h.ap.admin.objects(1002).length;
      assert.ok(objectsAtKill < 1500, 'killed before the end');
      children.push(await forkWorker(address, taskQueue, storeUrl));
      const result = await handle.result();
      assert.equal(result.status, 'completed');
      assert.deepEqual(exactly(await compareWithSource(h, 'configurations')), none);
      assert.equal(h.ap.admin.objects(1002).length, 1500);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await h.close();
    }
  });

  it('finishes exactly through 429s, 5xx, dropped connections and records changing under it', async () => {
    const h = await startHarness({
      cw: {
        counts: { configurations: 1200, companies: 30 },
        faults: { status500: 0.08, status502: 0.08, drop: 0.04 },
      },
      ap: {
        faults: { status500: 0.02, status503: 0.02, drop: 0.02 },
        faultTiming: 'both',
        callsPerWindow: 12,
        windowSeconds: 4,
      },
      // The service paces itself a little above the vendor's limit, so some calls still meet a 429.
      apBudget: { calls: 14, windowMs: 4000 },
    });
    try {
      await mapEntity(h, 'configurations', (s) => ({ ...s, options: { pageSize: 100 } }));
      const { worker, taskQueue } = await startWorker(env, h);
      let changes = 0;
      const ids = h.cw.admin.all('configurations').map((c) => c.id as number);
      const churn = setInterval(() => {
        const id = ids[(changes * 37) % ids.length] as number;
        h.cw.admin.update('configurations', id, { name: `renamed-${changes}` });
        if (changes % 5 === 0)
          h.cw.admin.create('configurations', {
            name: `late-${changes}`,
            company: h.cw.admin.all('companies')[0],
          });
        changes += 1;
      }, 40);
      // Someone else on the same address has just used the whole window, so the run's first calls meet 429s
      // however slowly a loaded machine lets it go.
      for (let i = 0; i < 12; i += 1) await fetch(`${h.ap.url}/v3/groups`).catch(() => undefined);
      const result = await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(syncWorkflow, {
          taskQueue,
          workflowId: `chaos-${randomUUID().slice(0, 8)}`,
          args: [
            {
              integrationId: h.integrationId,
              entity: 'configurations',
              mode: 'full',
              tuning: { heartbeatTimeoutSeconds: 10, pagesPerRun: 3, maximumAttempts: 50 },
            },
          ],
          typedSearchAttributes: runSearchAttributes(h.integrationId, 'configurations', 'full'),
        });
        await until(async () => (await handle.query(progressQuery)).pages >= 6, 'six pages');
        clearInterval(churn);
        return handle.result();
      });
      clearInterval(churn);
      assert.equal(result.status, 'completed');
      assert.ok(changes > 10, `records changed during the read (${changes})`);
      const apStats = h.ap.admin.stats();
      assert.ok(apStats.rateLimited > 0, 'Asset Panda throttled the run');
      assert.ok(
        Object.keys(h.cw.admin.stats().byStatus).some((s) => s !== '200'),
        'ConnectWise failed some reads',
      );
      assert.deepEqual(exactly(await compareWithSource(h, 'configurations')), none);
    } finally {
      await h.close();
    }
  });

  it('never duplicates an object whose create answer was lost', async () => {
    // Every faulted write here is applied first and then loses its answer (a 502 or a dropped socket).
    const h = await startHarness({
      cw: { counts: { configurations: 600, companies: 20 } },
      ap: { faults: { status502: 0.3, drop: 0.1 }, faultTiming: 'after' },
    });
    try {
      await mapEntity(h, 'configurations', (s) => ({ ...s, options: { pageSize: 100 } }));
      const { worker, taskQueue } = await startWorker(env, h);
      const result = await worker.runUntil(
        env.client.workflow.execute(syncWorkflow, {
          taskQueue,
          workflowId: `lost-${randomUUID().slice(0, 8)}`,
          args: [
            {
              integrationId: h.integrationId,
              entity: 'configurations',
              mode: 'full',
              tuning: { heartbeatTimeoutSeconds: 10, maximumAttempts: 50 },
            },
          ],
          typedSearchAttributes: runSearchAttributes(h.integrationId, 'configurations', 'full'),
        }),
      );
      assert.equal(result.status, 'completed');
      assert.ok(h.ap.admin.stats().lostResponses > 0, 'some writes lost their answers');
      assert.deepEqual(exactly(await compareWithSource(h, 'configurations')), none);
      assert.equal(h.ap.admin.objects(1002, { includeArchived: true }).length, 600);
    } finally {
      await h.close();
    }
  });
});
