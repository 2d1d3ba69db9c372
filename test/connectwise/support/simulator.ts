/** Starting the ConnectWise simulator for a test file, and settings that point the client at it. */
import { startConnectWiseSimulator } from '../../../simulators/connectwise/index.js';

export type Simulator = Awaited<ReturnType<typeof startConnectWiseSimulator>>;
export type SimulatorOptions = Parameters<typeof startConnectWiseSimulator>[0];

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startConnectWiseSimulator({ port: 0, seed: 11, ...options });
}

export function simulatorSettings(sim: Simulator, extra: Record<string, unknown> = {}) {
  return {
    url: sim.url,
    companyId: sim.options.companyId,
    publicKey: sim.options.publicKey,
    privateKey: sim.options.privateKey,
    clientId: sim.options.clientId,
    ...extra,
  };
}

/** Numeric ids of records as the simulator holds them. */
export function ids(records: readonly Record<string, unknown>[]): number[] {
  return records.map((r) => r.id).filter((id): id is number => typeof id === 'number');
}
