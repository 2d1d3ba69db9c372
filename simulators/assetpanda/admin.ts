/**
 * The in-process admin API: inspect and seed the account, and turn the knobs (tokens, faults, latency,
 * budget) that tests need. Nothing here counts as an API call.
 */
import type { ResolvedOptions } from './context.js';
import type { NetworkConditions } from './faults.js';
import type { CallBudget } from './rate-limit.js';
import type { StatsRecorder } from './stats.js';
import { viewOf, type AccountStore, type Group } from './store.js';
import type { TokenRegistry } from './tokens.js';
import type { AssetPandaSimulatorAdmin } from './types.js';
import { planCreate, type FieldErrors } from './validation.js';

export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(
    message: string,
    readonly errors: FieldErrors[],
  ) {
    super(message);
  }
}

export class UnknownGroupError extends Error {
  override name = 'UnknownGroupError';
}

export interface AdminParts {
  store: AccountStore;
  options: ResolvedOptions;
  tokens: TokenRegistry;
  conditions: NetworkConditions;
  budget: CallBudget;
  stats: StatsRecorder;
}

function mustFind(store: AccountStore, groupId: number): Group {
  const group = store.group(groupId);
  if (!group)
    throw new UnknownGroupError(
      `no group ${groupId}; groups are ${store
        .groups()
        .map((g) => g.id)
        .join(', ')}`,
    );
  return group;
}

export function createAdmin(parts: AdminParts): AssetPandaSimulatorAdmin {
  const { store, options, tokens, conditions, budget, stats } = parts;
  return {
    groups: () =>
      store.groups().map((g) => ({
        id: g.id,
        name: g.name,
        key: g.key,
        fields: g.fields.map((f) => ({ ...f })),
      })),
    addGroup: (spec) => ({ id: store.addGroup(spec).id }),
    objects: (groupId, opts = {}) =>
      [...mustFind(store, groupId).objects.values()]
        .filter((o) => opts.includeArchived || !o.archived)
        .map(viewOf),
    seedObjects: (groupId, objects) => {
      const group = mustFind(store, groupId);
      const plan = planCreate(group, objects, { dateFormat: options.dateFormat, statuses: group.statuses });
      if (!plan.ok) {
        const bad = plan.errors
          .map((e, i) => [i, e] as const)
          .filter(([, e]) => Object.keys(e).length > 0)
          .map(([i, e]) => `object ${i}: ${Object.values(e).flat().join('; ')}`);
        throw new SeedValidationError(
          `cannot seed ${group.name}: ${bad.slice(0, 5).join(' | ')}`,
          plan.errors,
        );
      }
      return store.insert(group, plan.items).map(viewOf);
    },
    expireTokens: () => tokens.expireAll(),
    setFaults: (f) => conditions.setFaults(f),
    setLatency: (ms) => conditions.setLatency(ms),
    setBudget: (calls, windowSeconds) => budget.set(calls, windowSeconds),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
  };
}
