/**
 * The whole service under test, driven through HTTP: both simulators, a store, a worker and the API on
 * a random port, all on the test Temporal server. Every log line is captured so tests can check that no
 * secret was ever written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { buildApiContext } from '../../api/context-factory.js';
import { startApi, type RunningApi } from '../../api/server.js';
import { createActivities } from '../../activities/index.js';
import { connectTemporal, type TemporalClient } from '../../client/connect.js';
import { resolveSettings, type Settings } from '../../config/settings.js';
import { createLogger } from '../../observability/logger.js';
import {
  startAssetPandaSimulator,
  type AssetPandaSimulator,
  type AssetPandaSimulatorOptions,
} from '../../simulators/assetpanda/index.js';
import {
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
  type ConnectWiseSimulatorOptions,
} from '../../simulators/connectwise/index.js';
import { openStore, type Store } from '../../store/index.js';
import { buildActivityDeps } from '../../worker/activity-deps.js';
import { createWorker } from '../../worker/create-worker.js';
import { uniqueTaskQueue } from './temporal.js';

export const API_TOKEN = 'test-token-0123456789abcdef';

export interface ApiHarness {
  url: string;
  cw: ConnectWiseSimulator;
  ap: AssetPandaSimulator;
  store: Store;
  settings: Settings;
  temporal: TemporalClient;
  logs: string[];
  worker: Worker;
  /** fetch against the API with the bearer token (unless `auth: false`). */
  call(
    method: string,
    path: string,
    body?: unknown,
    opts?: { auth?: boolean | string; raw?: string; headers?: Record<string, string> },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response JSON freely
  ): Promise<{ status: number; body: any }>;
  /** The settings a client would post to create an integration against the simulators. */
  integrationInput(name?: string): {
    name: string;
    connectwise: Record<string, unknown>;
    assetPanda: Record<string, unknown>;
  };
  close(): Promise<void>;
}

export async function startApiHarness(
  env: TestWorkflowEnvironment,
  options: {
    cw?: ConnectWiseSimulatorOptions;
    ap?: AssetPandaSimulatorOptions;
    env?: Record<string, string>;
  } = {},
): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'api-test-'));
  const address = process.env.TEMPORAL_TEST_ADDRESS ?? env.address;
  const taskQueue = uniqueTaskQueue('api');
  const settings = resolveSettings({
    DATA_DIR: dataDir,
    API_TOKEN,
    SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const log = createLogger('debug', sink);
  const cw = await startConnectWiseSimulator({ seed: 11, ...options.cw });
  const ap = await startAssetPandaSimulator({ seed: 11, ...options.ap });
  const store = await openStore(settings.databaseUrl, settings.secretsKey);
  const temporal = await connectTemporal(address, 'default');
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    activities: createActivities(buildActivityDeps(store, settings.env)),
  });
  const running = worker.run();
  const api: RunningApi = await startApi(buildApiContext({ settings, temporal, store, log }), 0);

  return {
    url: api.url,
    cw,
    ap,
    store,
    settings,
    temporal,
    logs,
    worker,
    async call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.auth !== false)
        headers.authorization = `Bearer ${typeof opts.auth === 'string' ? opts.auth : API_TOKEN}`;
      if (body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers,
        ...(opts.raw !== undefined
          ? { body: opts.raw }
          : body !== undefined
            ? { body: JSON.stringify(body) }
            : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (metrics)
      }
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see call()
      return { status: response.status, body: parsed as any };
    },
    integrationInput(name = 'Acme MSP') {
      return {
        name,
        connectwise: {
          url: cw.url,
          companyId: cw.options.companyId,
          publicKey: cw.options.publicKey,
          privateKey: cw.options.privateKey,
          clientId: cw.options.clientId,
          selfHosted: true,
        },
        assetPanda: { url: ap.url, email: 'demo@example.com', password: 'demo-password' },
      };
    },
    async close() {
      await api.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      await temporal.connection.close();
      await Promise.allSettled([cw.close(), ap.close()]);
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
