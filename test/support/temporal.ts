/**
 * Temporal environments for tests, always from the project's own binaries (no download):
 *  - devServer(): the dev server `npm test` started (TEMPORAL_TEST_ADDRESS), or a private one when a test
 *    file is run on its own;
 *  - timeSkipping(): the Java time-skipping test server, for timers (it does not implement Schedules).
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { ensureTemporalBinaries } from '../../scripts/temporal-binaries.js';
import { ensureSearchAttributes } from '../../client/search-attributes.js';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes.js';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      shutdownSignals: [],
      telemetryOptions: {
        logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) },
      },
    });
  } catch {
    // already installed by another helper in this process
  }
}

export async function devServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (address) {
    const env = await TestWorkflowEnvironment.createFromExistingServer({ address });
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
    return env;
  }
  const { cli } = ensureTemporalBinaries();
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, searchAttributes: SEARCH_ATTRIBUTE_KEYS },
  });
}

export async function timeSkipping(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const path = process.env.TEMPORAL_TEST_SERVER_PATH ?? ensureTemporalBinaries().testServer;
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
}

export const uniqueTaskQueue = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
