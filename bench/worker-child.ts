/**
 * Starts bench/worker-process.ts as a child process with a clean, explicit environment (the service's
 * variables only: store, secrets key, Temporal address and task queue, budgets), its output appended to a
 * log file, and stops it again (SIGTERM, then SIGKILL after 10 s).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onCleanUp, trackChild } from './cleanup.js';
import type { BenchParams } from './params.js';

export interface WorkerChild {
  pid: number;
  process: ChildProcess;
  logFile: string;
  /** RSS before any module of the service was loaded (node and the tsx loader). */
  entryRssBytes: number;
  /** The worker's process.memoryUsage(), or undefined if it does not answer within 2 s. */
  memoryUsage(): Promise<NodeJS.MemoryUsage | undefined>;
  stop(): Promise<void>;
}

type FromWorker = { ready?: boolean; entryRssBytes?: number; memory?: NodeJS.MemoryUsage };

export interface WorkerChildOptions {
  temporalAddress: string;
  taskQueue: string;
  storeUrl: string;
  secretsKey: Buffer;
  bundlePath: string;
  dataDir: string;
  logFile: string;
  params: BenchParams;
}

export async function startWorkerChild(options: WorkerChildOptions): Promise<WorkerChild> {
  const { params } = options;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    // The production worker's setting (docker-compose.yml); MALLOC_ARENA_MAX in the bench's own env overrides it.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.storeUrl,
    SECRETS_KEY: options.secretsKey.toString('base64'),
    API_TOKEN: 'bench-worker-has-no-api-token',
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    ASSETPANDA_CALLS_PER_WINDOW: String(params.service.apCallsPerWindow),
    ASSETPANDA_WINDOW_SECONDS: String(params.service.apWindowSeconds),
    CONNECTWISE_REQUESTS_PER_MINUTE: String(params.service.cwRequestsPerMinute),
    WORKFLOW_BUNDLE_PATH: options.bundlePath,
  };
  const log = openSync(options.logFile, 'a');
  const child = fork(fileURLToPath(new URL('./worker-process.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx', ...params.workerNodeOptions],
    env,
    stdio: ['ignore', log, log, 'ipc'],
  });
  trackChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  onCleanUp('worker process', stop);
  const ready = await new Promise<FromWorker>((resolve, reject) => {
    child.once('message', (m: FromWorker) => resolve(m));
    child.once('exit', (code, signal) =>
      reject(
        new Error(
          `the worker process exited before it was ready (${code ?? signal}); see ${options.logFile}`,
        ),
      ),
    );
  });
  if (child.pid === undefined) throw new Error('the worker process has no pid');
  const memoryUsage = () =>
    new Promise<NodeJS.MemoryUsage | undefined>((resolve) => {
      const timer = setTimeout(() => done(undefined), 2000);
      const onMessage = (m: FromWorker) => m.memory && done(m.memory);
      const done = (memory: NodeJS.MemoryUsage | undefined) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(memory);
      };
      child.on('message', onMessage);
      if (!child.connected || !child.send('memory')) done(undefined);
    });
  return {
    pid: child.pid,
    process: child,
    logFile: options.logFile,
    entryRssBytes: ready.entryRssBytes ?? 0,
    memoryUsage,
    stop,
  };
}
