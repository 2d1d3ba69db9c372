/**
 * What the activities need, built from the settings: the store, connector clients per integration, the
 * shared call budgets (kept in the store, so every worker on it shares them) and the call metrics.
 */
import type { ActivityDeps } from '../activities/index.js';
import { Connections, heartbeatIfInActivity, type BudgetFactory } from '../activities/connections.js';
import type { CallBudget } from '../connectors/call-budget.js';
import type { CallObserver } from '../connectors/observer.js';
import type { Env } from '../config/env.js';
import { apiCallSeconds, apiCallsTotal, rateLimitWaitSeconds } from '../observability/metrics.js';
import { StoreCallBudget } from '../store/call-budget.js';
import type { Store } from '../store/index.js';

/** Longest pause inside an activity for a budget slot; longer waits go back to Temporal as a retry delay. */
const MAX_BUDGET_WAIT_MS = 30_000;
/**
 * The vendor counts a call when it arrives, we when we send it: a call sent just as our window frees can
 * arrive before the vendor's has. A little slack on the window keeps us inside theirs.
 */
const WINDOW_SLACK_MS = 2_000;

export const metricsObserver: CallObserver = (event) => {
  apiCallsTotal.inc({ target: event.target, status: String(event.status) });
  apiCallSeconds.observe({ target: event.target }, event.ms / 1000);
  heartbeatIfInActivity();
};

export function storeBudgets(
  store: Store,
  env: Pick<
    Env,
    'ASSETPANDA_CALLS_PER_WINDOW' | 'ASSETPANDA_WINDOW_SECONDS' | 'CONNECTWISE_REQUESTS_PER_MINUTE'
  >,
): BudgetFactory {
  const budgets = new Map<string, CallBudget>();
  return (target, key) => {
    let budget = budgets.get(key);
    if (!budget) {
      budget = new StoreCallBudget(store.db, {
        key,
        target,
        calls:
          target === 'assetpanda' ? env.ASSETPANDA_CALLS_PER_WINDOW : env.CONNECTWISE_REQUESTS_PER_MINUTE,
        windowMs: (target === 'assetpanda' ? env.ASSETPANDA_WINDOW_SECONDS * 1000 : 60_000) + WINDOW_SLACK_MS,
        maxWaitMs: MAX_BUDGET_WAIT_MS,
        onWait: (ms) => {
          rateLimitWaitSeconds.inc({ target, source: 'budget' }, ms / 1000);
          heartbeatIfInActivity();
        },
      });
      budgets.set(key, budget);
    }
    return budget;
  };
}

export function buildActivityDeps(store: Store, env: Env): ActivityDeps {
  return {
    store,
    connections: new Connections(store, { budgets: storeBudgets(store, env), observer: metricsObserver }),
  };
}
