/**
 * A ConnectWise Manage REST API simulator (a real HTTP server) for tests, the benchmark and the demo.
 * It follows the vendor's documented behaviour (shared/reference/connectwise-manage-api.md) and shares
 * no code with the production client, so that it can catch the client's mistakes. See README.md.
 */
export { startConnectWiseSimulator } from './server.js';
export type {
  ConnectWiseSimulator,
  ConnectWiseSimulatorAdmin,
  ConnectWiseSimulatorOptions,
  CwEntity,
  CwFaultRates,
  CwRecord,
  CwStats,
} from './types.js';
export { CW_ENTITIES } from './types.js';
