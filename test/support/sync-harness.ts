/**
 * A sync under test: both simulators, a store, a worker on the test task queue, an integration whose
 * mapping was proposed from the real group's fields, and helpers to run the workflow and to compare the
 * Asset Panda group with the ConnectWise source.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.js';
import { Connections } from '../../activities/connections.js';
import { sourceFields, asEntity } from '../../activities/source-fields.js';
import { InMemoryCallBudget, unlimitedBudget, type CallBudget } from '../../connectors/call-budget.js';
import { mapRecord } from '../../mapping/apply.js';
import { proposeMapping } from '../../mapping/defaults.js';
import { matchesFilters } from '../../mapping/filters.js';
import { mappingSpecSchema, type MappingSpec, type MappingSpecInput } from '../../mapping/spec.js';
import { resolveTransforms, validateMapping } from '../../mapping/validate.js';
import {
  startAssetPandaSimulator,
  type AssetPandaSimulator,
  type AssetPandaSimulatorOptions,
} from '../../simulators/assetpanda/index.js';
import {
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
  type ConnectWiseSimulatorOptions,
} from '../../simulators/connectwise/index.js';
import { openStore, type Store } from '../../store/index.js';
import { createWorker } from '../../worker/create-worker.js';
import { syncWorkflow, type SyncTuning } from '../../workflows/sync.js';
import type { SyncMode, SyncResult } from '../../workflows/sync-types.js';
import { runSearchAttributes } from '../../client/runs.js';
import { uniqueTaskQueue } from './temporal.js';

export const DEMO_GROUP_OF: Record<string, number> = {
  companies: 1001,
  configurations: 1002,
  catalog: 1003,
  tickets: 1004,
  agreements: 1005,
};

export interface HarnessOptions {
  cw?: ConnectWiseSimulatorOptions;
  ap?: AssetPandaSimulatorOptions;
  storeUrl?: string;
  /** Asset Panda budget inside the service (defaults to none, the simulator enforces its own). */
  apBudget?: { calls: number; windowMs: number };
}

export interface Harness {
  cw: ConnectWiseSimulator;
  ap: AssetPandaSimulator;
  store: Store;
  integrationId: string;
  deps: ActivityDeps;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const cw = await startConnectWiseSimulator({ seed: 7, ...options.cw });
  const ap = await startAssetPandaSimulator({ seed: 7, ...options.ap });
  const store = await openStore(options.storeUrl ?? 'sqlite::memory:', Buffer.alloc(32, 3));
  const integration = await store.integrations.create({
    name: 'test',
    connectwise: {
      url: cw.url,
      companyId: cw.options.companyId,
      clientId: cw.options.clientId,
      selfHosted: true,
    },
    assetPanda: { url: ap.url, email: 'demo@example.com', authMode: 'password' },
    secrets: {
      connectwise: { publicKey: cw.options.publicKey, privateKey: cw.options.privateKey },
      assetPanda: { password: 'demo-password' },
    },
  });
  const budgets = new Map<string, CallBudget>();
  const deps: ActivityDeps = {
    store,
    connections: new Connections(store, {
      budgets: (target, key) => {
        if (target !== 'assetpanda' || !options.apBudget) return unlimitedBudget;
        let b = budgets.get(key);
        if (!b)
          budgets.set(key, (b = new InMemoryCallBudget({ target, ...options.apBudget, maxWaitMs: 5000 })));
        return b;
      },
      timeoutMs: 5000,
    }),
  };
  return {
    cw,
    ap,
    store,
    integrationId: integration.id,
    deps,
    async close() {
      await Promise.allSettled([cw.close(), ap.close()]);
      await store.close();
    },
  };
}

/** Puts the default (name-matched) mapping for an entity into the store, with optional changes. */
export async function mapEntity(
  h: Harness,
  entity: string,
  change: (spec: MappingSpecInput) => MappingSpecInput = (s) => s,
): Promise<MappingSpec> {
  const groupId = DEMO_GROUP_OF[entity] as number;
  const group = h.ap.admin.groups().find((g) => g.id === groupId);
  if (!group) throw new Error(`no group ${groupId}`);
  const targets = group.fields.map((f) => ({
    key: f.key,
    name: f.name,
    type: f.type,
    required: Boolean(f.required),
  }));
  const proposal = proposeMapping(asEntity(entity), groupId, targets);
  if (!proposal.spec) throw new Error(proposal.problems.join('; '));
  const spec = mappingSpecSchema.parse(change(proposal.spec));
  const problems = validateMapping(spec, {
    entity: asEntity(entity),
    groupName: group.name,
    sourceFields: sourceFields(asEntity(entity)),
    targetFields: targets,
  });
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  const resolved = resolveTransforms(spec, targets);
  await h.store.mappings.put(h.integrationId, entity, resolved);
  return resolved;
}

export async function startWorker(
  env: TestWorkflowEnvironment,
  h: Harness,
  deps: Partial<ActivityDeps> = {},
): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = uniqueTaskQueue('sync');
  const worker = await createWorker({
    connection: env.nativeConnection as NativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ ...h.deps, isRunActive: async () => false, ...deps }),
  });
  return { worker, taskQueue };
}

export const fastTuning: SyncTuning = { heartbeatTimeoutSeconds: 10, maximumAttempts: 20 };

export async function runSync(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  h: Harness,
  entity: string,
  mode: SyncMode,
  tuning: SyncTuning = fastTuning,
): Promise<SyncResult> {
  const workflowId = `test-${entity}-${mode}-${randomUUID().slice(0, 8)}`;
  return env.client.workflow.execute(syncWorkflow, {
    taskQueue,
    workflowId,
    args: [{ integrationId: h.integrationId, entity, mode, trigger: 'api', tuning }],
    typedSearchAttributes: runSearchAttributes(h.integrationId, entity, mode),
  });
}

export interface Comparison {
  expected: number;
  live: number;
  missing: string[];
  unexpected: string[];
  duplicates: string[];
  wrongValues: Array<{ unique: string; field: string; expected: string; actual: string }>;
}

/** Compares the live objects of the group with what the source and the mapping say they must be. */
export async function compareWithSource(h: Harness, entity: string): Promise<Comparison> {
  const mapping = await h.store.mappings.get(h.integrationId, entity);
  if (!mapping) throw new Error('no mapping');
  const spec = mapping.spec;
  const records = h.cw.admin
    .all(asEntity(entity) as never)
    .filter((r) => matchesFilters(r as Record<string, unknown>, spec.filters));
  const expected = new Map<string, Record<string, string>>();
  for (const record of records) {
    const result = mapRecord(spec, record as Record<string, unknown>, { dateFormat: 'MM/DD/YYYY' });
    if (result.ok) expected.set(result.record.uniqueValue, result.record.values);
  }
  const objects = h.ap.admin.objects(spec.groupId);
  const seen = new Map<string, number>();
  const out: Comparison = {
    expected: expected.size,
    live: objects.length,
    missing: [],
    unexpected: [],
    duplicates: [],
    wrongValues: [],
  };
  for (const object of objects) {
    const unique = (object.fields[spec.uniqueKey.target] ?? '').trim();
    seen.set(unique, (seen.get(unique) ?? 0) + 1);
    const want = expected.get(unique);
    if (!want) {
      out.unexpected.push(unique);
      continue;
    }
    for (const [field, value] of Object.entries(want)) {
      const actual = object.fields[field] ?? '';
      if (actual !== value) out.wrongValues.push({ unique, field, expected: value, actual });
    }
  }
  for (const [unique, n] of seen) if (n > 1) out.duplicates.push(unique);
  for (const unique of expected.keys()) if (!seen.has(unique)) out.missing.push(unique);
  return out;
}
