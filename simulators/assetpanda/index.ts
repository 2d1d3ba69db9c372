/**
 * Asset Panda API v3 simulator: a real HTTP server for tests, the benchmark and the demo. It shares no
 * code with connectors/assetpanda on purpose, so it can catch the client's mistakes. See README.md for
 * every behaviour the vendor leaves undocumented and the reading chosen here.
 */
export type {
  ApFaultRates,
  ApFaultSettings,
  ApFaultTiming,
  ApFieldSpec,
  ApFieldType,
  ApGroupSpec,
  ApObjectView,
  ApStats,
  AssetPandaSimulator,
  AssetPandaSimulatorAdmin,
  AssetPandaSimulatorOptions,
} from './types.js';
export { DEMO_GROUPS } from './demo-groups.js';
export { startAssetPandaSimulator } from './server.js';
export { SeedValidationError, UnknownGroupError } from './admin.js';
