/**
 * A simulator and a production client pointed at it, closed when the test ends. The client's budget
 * counts takes and its observer records calls, so tests can compare them with the simulator's own stats.
 */
import type { TestContext } from 'node:test';
import {
  startAssetPandaSimulator,
  type AssetPandaSimulator,
  type AssetPandaSimulatorOptions,
} from '../../../simulators/assetpanda/index.js';
import {
  createAssetPandaClient,
  type AssetPandaClient,
  type AssetPandaClientOptions,
  type AssetPandaSettingsInput,
} from '../../../connectors/assetpanda/index.js';
import { countingBudget, recordingObserver } from './stub.js';

export const DEMO_ACCOUNT = { email: 'demo@example.com', password: 'demo-password' };
export const COMPANIES = 1001;
export const DEVICES = 1002;

export interface SimSetup {
  sim: AssetPandaSimulator;
  client: AssetPandaClient;
  budget: ReturnType<typeof countingBudget>;
  events: ReturnType<typeof recordingObserver>['events'];
  /** Another client on the same simulator (e.g. other credentials). */
  clientWith(settings: AssetPandaSettingsInput, options?: AssetPandaClientOptions): AssetPandaClient;
}

export async function withSimulator(
  t: TestContext,
  simOptions: AssetPandaSimulatorOptions = {},
  clientOptions: AssetPandaClientOptions & { settings?: AssetPandaSettingsInput } = {},
): Promise<SimSetup> {
  const sim = await startAssetPandaSimulator({ port: 0, ...simOptions });
  t.after(() => sim.close());
  const budget = countingBudget();
  const { events, observer } = recordingObserver();
  const { settings = DEMO_ACCOUNT, ...options } = clientOptions;
  const client = createAssetPandaClient({ baseUrl: sim.url, ...settings }, { budget, observer, ...options });
  return {
    sim,
    client,
    budget,
    events,
    clientWith: (other, more = {}) => createAssetPandaClient({ baseUrl: sim.url, ...other }, more),
  };
}

/** Company rows that pass the demo group's rules (field_1 numeric unique, field_3 required). */
export function companies(from: number, count: number): Array<{ field_1: string; field_3: string }> {
  return Array.from({ length: count }, (_, i) => ({
    field_1: String(from + i),
    field_3: `Company ${from + i}`,
  }));
}
