/**
 * What every route needs: the account data, the resolved options, and a way to turn a `:gid` path
 * parameter into a group (or a 404).
 */
import { notFound } from './errors.js';
import type { Group, AccountStore } from './store.js';
import type { AssetPandaSimulatorOptions } from './types.js';
import type { ValueContext } from './values.js';

export type ResolvedOptions = Required<
  Pick<
    AssetPandaSimulatorOptions,
    | 'host'
    | 'port'
    | 'seed'
    | 'users'
    | 'staticTokens'
    | 'tokenTtlSeconds'
    | 'dateFormat'
    | 'tokenPath'
    | 'searchPath'
    | 'objectShape'
    | 'maxSearchLimit'
    | 'batchLimit'
    | 'windowSeconds'
    | 'latencyMs'
    | 'faults'
    | 'faultTiming'
  >
> & { callsPerWindow: number | undefined };

export function resolveOptions(o: AssetPandaSimulatorOptions = {}): ResolvedOptions {
  const calls = o.callsPerWindow ?? 400;
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    seed: o.seed ?? 1,
    users: o.users ?? [{ email: 'demo@example.com', password: 'demo-password' }],
    staticTokens: o.staticTokens ?? [],
    tokenTtlSeconds: o.tokenTtlSeconds ?? 3600,
    dateFormat: o.dateFormat ?? 'MM/DD/YYYY',
    tokenPath: o.tokenPath ?? 'both',
    searchPath: o.searchPath ?? 'both',
    objectShape: o.objectShape ?? 'data',
    maxSearchLimit: o.maxSearchLimit ?? 100,
    batchLimit: o.batchLimit ?? 200,
    callsPerWindow: calls > 0 && Number.isFinite(calls) ? calls : undefined,
    windowSeconds: o.windowSeconds ?? 180,
    latencyMs: o.latencyMs ?? 0,
    faults: o.faults ?? {},
    faultTiming: o.faultTiming ?? 'before',
  };
}

export interface SimContext {
  store: AccountStore;
  options: ResolvedOptions;
}

export function groupOf(ctx: SimContext, gid: string | undefined): Group {
  const id = Number(gid);
  const group = Number.isInteger(id) ? ctx.store.group(id) : undefined;
  if (!group) throw notFound(`Group ${gid} not found`);
  return group;
}

export function valueContext(ctx: SimContext, group: Group): ValueContext {
  return { dateFormat: ctx.options.dateFormat, statuses: group.statuses };
}
