/**
 * A sync worker in its own process, so a test can kill it with SIGKILL in the middle of a run.
 * Configured by environment: TEMPORAL_TEST_ADDRESS, TASK_QUEUE, STORE_URL, SECRETS_KEY_B64.
 */
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { Connections } from '../../activities/connections.js';
import { createActivities } from '../../activities/index.js';
import { unlimitedBudget } from '../../connectors/call-budget.js';
import { openStore } from '../../store/index.js';
import { createWorker } from '../../worker/create-worker.js';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: {
    logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) },
  },
});
const store = await openStore(need('STORE_URL'), Buffer.from(need('SECRETS_KEY_B64'), 'base64'));
const connection = await NativeConnection.connect({ address: need('TEMPORAL_TEST_ADDRESS') });
const worker = await createWorker({
  connection,
  namespace: 'default',
  taskQueue: need('TASK_QUEUE'),
  activities: createActivities({
    store,
    connections: new Connections(store, { budgets: () => unlimitedBudget, timeoutMs: 3000 }),
    isRunActive: async () => false,
  }),
});
process.send?.('ready');
await worker.run();
await store.close();
