/**
 * Builds a Temporal worker for the sync task queue. Wiring only: which workflows, which activities,
 * how many at once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { SyncActivities } from '../activities/index.js';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: SyncActivities;
  /** A pre-built workflow bundle (production, tests); without it the workflows are bundled at start. */
  workflowBundlePath?: string;
  maxConcurrentActivityTaskExecutions?: number;
  identity?: string;
}

/** The workflows entry point next to this file's tree: .ts when run from source, .js when compiled. */
export function workflowsPath(): string {
  for (const ext of ['ts', 'js']) {
    const candidate = fileURLToPath(new URL(`../workflows/index.${ext}`, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('workflows/index.(ts|js) not found next to the worker');
}

export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const bundlePath = options.workflowBundlePath ?? process.env.WORKFLOW_BUNDLE_PATH;
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: workflowsPath() }),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 20,
    ...(options.identity ? { identity: options.identity } : {}),
  });
}
