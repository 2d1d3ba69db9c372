/**
 * The baseline: the same full sync done by a plain sequential script with the same connectors, latencies
 * and budgets, but no Temporal, no store and no identity map: keyset pages of 1000 from ConnectWise →
 * mapRecord → createObjects in batches of 200, one call after another, into an empty group of a fresh
 * Asset Panda simulator. It is the floor the Temporal run is compared with: what the two APIs cost alone.
 */
import { InMemoryCallBudget } from '../connectors/call-budget.js';
import { createAssetPandaClient, splitIntoBatches } from '../connectors/assetpanda/index.js';
import { createConnectWiseClient, type KeysetCursor } from '../connectors/connectwise/index.js';
import { ConnectorError } from '../connectors/errors.js';
import { mapRecord } from '../mapping/apply.js';
import { neededFields } from '../mapping/needed-fields.js';
import type { MappingSpec } from '../mapping/spec.js';
import type { AssetPandaSimulator } from '../simulators/assetpanda/index.js';
import type { ConnectWiseSimulator } from '../simulators/connectwise/index.js';
import { callFigures, type RunFigures } from './figures.js';
import { traceCalls } from './measures/calls.js';
import type { BenchParams } from './params.js';
import { AP_ACCOUNT, DEVICES_GROUP, ENTITY } from './setup.js';

/** A plain script waits out a throttle and tries again; nothing else is retried (no faults are injected). */
async function throttled<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const wait = err instanceof ConnectorError && err.retryable ? err.retryAfterMs : undefined;
      if (wait === undefined || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export async function runBaseline(input: {
  cw: ConnectWiseSimulator;
  ap: AssetPandaSimulator;
  spec: MappingSpec;
  params: BenchParams;
}): Promise<RunFigures> {
  const { cw, ap, spec, params } = input;
  if (spec.filters.length > 0) throw new Error('the baseline does not apply mapping filters');
  cw.admin.resetStats();
  ap.admin.resetStats();
  const calls = traceCalls(() => ap.admin.stats());
  const cpuBefore = process.cpuUsage();
  const records = { fetched: 0, created: 0, updated: 0, unchanged: 0, archived: 0, failed: 0 };

  const started = performance.now();
  const cwClient = await createConnectWiseClient(
    {
      url: cw.url,
      companyId: cw.options.companyId,
      clientId: cw.options.clientId,
      selfHosted: true,
      publicKey: cw.options.publicKey,
      privateKey: cw.options.privateKey,
    },
    {
      budget: new InMemoryCallBudget({
        target: 'connectwise',
        calls: params.service.cwRequestsPerMinute,
        windowMs: 60_000,
      }),
    },
  );
  const apClient = createAssetPandaClient(
    { baseUrl: ap.url, ...AP_ACCOUNT },
    {
      budget: new InMemoryCallBudget({
        target: 'assetpanda',
        calls: params.service.apCallsPerWindow,
        windowMs: params.service.apWindowSeconds * 1000,
      }),
    },
  );
  const dateFormat = await throttled(() => apClient.dateFormat());
  const fields = neededFields(spec);
  let cursor: KeysetCursor | null = null;
  for (;;) {
    const page = await throttled(() =>
      cwClient.readKeysetPage(ENTITY, { cursor, pageSize: params.pageSize, fields }),
    );
    records.fetched += page.records.length;
    const values: Array<Record<string, string>> = [];
    for (const record of page.records) {
      const mapped = mapRecord(spec, record, { dateFormat });
      if (mapped.ok) values.push(mapped.record.values);
      else records.failed += 1;
    }
    for (const batch of splitIntoBatches(values, params.batchSize)) {
      await throttled(() => apClient.createObjects(spec.groupId, batch));
      records.created += batch.length;
    }
    cursor = page.nextCursor;
    if (page.done) break;
  }
  const wallSeconds = (performance.now() - started) / 1000;

  const bench = process.cpuUsage(cpuBefore);
  const trace = calls.stop();
  return {
    id: 'baseline',
    label: '4 baseline (no Temporal)',
    engine: 'plain script',
    wallSeconds,
    recordsPerSecond: records.fetched / wallSeconds,
    records,
    ...callFigures({ ap, cw }, DEVICES_GROUP, records, trace, params),
    cpuSeconds: { bench: (bench.user + bench.system) / 1e6 },
  };
}
