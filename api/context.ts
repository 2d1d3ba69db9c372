import type { BudgetFactory, Connections } from '../activities/connections.js';
import type { Settings } from '../config/settings.js';
import type { TemporalClient } from '../client/connect.js';
import type { Logger } from '../observability/logger.js';
import type { Store } from '../store/index.js';

/** What route handlers may use. Built once by the process that serves the API. */
export interface ApiContext {
  settings: Settings;
  temporal: TemporalClient;
  store: Store;
  log: Logger;
  /** Connector clients of saved integrations (catalog, preview). */
  connections: Connections;
  /** The call budgets, shared with the workers through the store. */
  budgets: BudgetFactory;
  /** Extra Prometheus text appended to /metrics (the SDK's worker metrics when the worker is in-process). */
  extraMetrics?: () => Promise<string>;
}

export function webUiUrl(ctx: ApiContext, workflowId: string): string {
  const ns = encodeURIComponent(ctx.temporal.namespace);
  return `${ctx.settings.temporalUiUrl}/namespaces/${ns}/workflows/${encodeURIComponent(workflowId)}`;
}
