/**
 * Starts the sync worker in this process and returns a handle to stop it. Used by `npm start` (worker and
 * API in one process) and by worker/main.ts (worker only, for scaled deployments).
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../observability/logger.js';
import type { Store } from '../store/index.js';
import { buildActivityDeps } from './activity-deps.js';
import { createWorker } from './create-worker.js';

export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker stops (rejects if it crashed). */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function runWorker(settings: Settings, store: Store, log: Logger): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: settings.temporalAddress });
  const worker = await createWorker({
    connection,
    namespace: settings.env.TEMPORAL_NAMESPACE,
    taskQueue: settings.env.TEMPORAL_TASK_QUEUE,
    activities: createActivities(buildActivityDeps(store, settings.env)),
    maxConcurrentActivityTaskExecutions: settings.env.WORKER_MAX_CONCURRENT_ACTIVITIES,
  });
  const done = worker.run().finally(() => connection.close());
  log.info({ taskQueue: settings.env.TEMPORAL_TASK_QUEUE }, 'worker started');
  return {
    worker,
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done.catch(() => undefined);
    },
  };
}
