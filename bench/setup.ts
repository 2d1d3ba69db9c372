/**
 * The world the runs happen in: both simulators with the chosen latencies and budgets, the SQLite store the
 * worker shares, one integration, and the default mapping of ConnectWise configurations into the 'Devices'
 * group, proposed from the group's real fields and validated as the API would (like test/support's
 * mapEntity).
 */
import { asEntity, sourceFields } from '../activities/source-fields.js';
import { proposeMapping } from '../mapping/defaults.js';
import { mappingSpecSchema, type MappingSpec } from '../mapping/spec.js';
import { resolveTransforms, validateMapping } from '../mapping/validate.js';
import { startAssetPandaSimulator, type AssetPandaSimulator } from '../simulators/assetpanda/index.js';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../simulators/connectwise/index.js';
import { openStore, type Store } from '../store/index.js';
import { onCleanUp } from './cleanup.js';
import type { BenchParams } from './params.js';

export const ENTITY = 'configurations';
/** The demo account's 'Devices' group (simulators/assetpanda/demo-groups.ts). */
export const DEVICES_GROUP = 1002;
export const AP_ACCOUNT = { email: 'demo@example.com', password: 'demo-password' };
const SEED = 7;

export async function startConnectWise(params: BenchParams): Promise<ConnectWiseSimulator> {
  const cw = await startConnectWiseSimulator({
    seed: SEED,
    counts: { configurations: params.records },
    latencyMs: params.cwLatencyMs,
    requestsPerMinute: params.simulator.cwRequestsPerMinute,
  });
  onCleanUp('ConnectWise simulator', () => cw.close());
  return cw;
}

/** A fresh account with empty demo groups (one for the Temporal runs, another for the baseline). */
export async function startAssetPanda(params: BenchParams): Promise<AssetPandaSimulator> {
  const ap = await startAssetPandaSimulator({
    seed: SEED,
    latencyMs: params.apLatencyMs,
    callsPerWindow: params.simulator.apCallsPerWindow,
    windowSeconds: params.simulator.apWindowSeconds,
  });
  onCleanUp('Asset Panda simulator', () => ap.close());
  return ap;
}

export async function openBenchStore(url: string, secretsKey: Buffer): Promise<Store> {
  const store = await openStore(url, secretsKey);
  onCleanUp('store', () => store.close());
  return store;
}

export async function createIntegration(
  store: Store,
  cw: ConnectWiseSimulator,
  ap: AssetPandaSimulator,
): Promise<string> {
  const integration = await store.integrations.create({
    name: 'bench',
    connectwise: {
      url: cw.url,
      companyId: cw.options.companyId,
      clientId: cw.options.clientId,
      selfHosted: true,
    },
    assetPanda: { url: ap.url, email: AP_ACCOUNT.email, authMode: 'password' },
    secrets: {
      connectwise: { publicKey: cw.options.publicKey, privateKey: cw.options.privateKey },
      assetPanda: { password: AP_ACCOUNT.password },
    },
  });
  return integration.id;
}

/** Proposes, validates and resolves the default mapping for the Devices group, and stores it. */
export async function mapDevices(
  store: Store,
  integrationId: string,
  ap: AssetPandaSimulator,
  params: BenchParams,
): Promise<MappingSpec> {
  const group = ap.admin.groups().find((g) => g.id === DEVICES_GROUP);
  if (!group) throw new Error(`the Asset Panda simulator has no group ${DEVICES_GROUP}`);
  const targets = group.fields.map((f) => ({
    key: f.key,
    name: f.name,
    type: f.type,
    required: Boolean(f.required),
  }));
  const proposal = proposeMapping(asEntity(ENTITY), DEVICES_GROUP, targets);
  if (!proposal.spec) throw new Error(`no mapping proposed: ${proposal.problems.join('; ')}`);
  const spec = mappingSpecSchema.parse({
    ...proposal.spec,
    options: { pageSize: params.pageSize },
  });
  const problems = validateMapping(spec, {
    entity: asEntity(ENTITY),
    groupName: group.name,
    sourceFields: sourceFields(asEntity(ENTITY)),
    targetFields: targets,
  });
  if (problems.length > 0) throw new Error(`the proposed mapping is invalid: ${JSON.stringify(problems)}`);
  const resolved = resolveTransforms(spec, targets);
  await store.mappings.put(integrationId, ENTITY, resolved);
  return resolved;
}
