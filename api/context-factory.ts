import { Connections } from '../activities/connections.js';
import type { TemporalClient } from '../client/connect.js';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../observability/logger.js';
import type { Store } from '../store/index.js';
import { metricsObserver, storeBudgets } from '../worker/activity-deps.js';
import type { ApiContext } from './context.js';

export function buildApiContext(parts: {
  settings: Settings;
  temporal: TemporalClient;
  store: Store;
  log: Logger;
  extraMetrics?: () => Promise<string>;
}): ApiContext {
  const budgets = storeBudgets(parts.store, parts.settings.env);
  return {
    ...parts,
    budgets,
    connections: new Connections(parts.store, { budgets, observer: metricsObserver }),
  };
}
