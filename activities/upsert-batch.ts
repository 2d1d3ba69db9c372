/**
 * upsert batch: writes one mapped page to Asset Panda. Unchanged records (same hash as last written) cost
 * nothing; changed ones are updated and new ones created, in batches of at most 200. Each call's outcome
 * is stored as soon as it is known, so a retried attempt picks up where the last one stopped.
 */
import { Context } from '@temporalio/activity';
import type { MappedRecord, MappingFailure } from '../mapping/apply.js';
import type { Store } from '../store/index.js';
import { planUpsert } from '../sync/plan-upsert.js';
import { writeCreates, writeUpdates, type WriteContext } from '../sync/write-objects.js';
import type { UpsertCounts } from '../workflows/sync-types.js';
import type { Connections } from './connections.js';
import { fatal } from './failures.js';
import { asMappedPage } from './staged-bodies.js';

export function makeUpsertBatch(deps: { store: Store; connections: Connections }) {
  return async function upsertBatch(input: {
    runId: string;
    integrationId: string;
    entity: string;
    mappedPageId: string;
  }): Promise<UpsertCounts> {
    const { store } = deps;
    const mapping = await store.mappings.get(input.integrationId, input.entity);
    if (!mapping) throw fatal('MappingInvalid', `the mapping for ${input.entity} was deleted during the run`);
    // Fence: only the run holding the mapping's lock writes (a run whose lock was taken over stops here).
    const holder = await store.locks.holder(input.integrationId, input.entity);
    if (holder !== input.runId)
      throw fatal(
        'RunAlreadyActive',
        `this run no longer holds the lock of ${input.entity} (${holder ?? 'nobody'} does)`,
      );
    const context = Context.current();
    const page = asMappedPage(await store.staging.read(input.mappedPageId));
    const records: MappedRecord[] = page.records;
    const mappingFailures: MappingFailure[] = page.failures;
    const cwIds = [...records.map((r) => r.cwId), ...mappingFailures.map((f) => f.cwId)];
    const withoutIdentity = (ids: Map<number, unknown>) =>
      records.filter((r) => !ids.has(r.cwId)).map((r) => r.uniqueValue);

    const done = await store.staging.results(input.mappedPageId);
    const identities = await store.identity.byCwIds(input.integrationId, input.entity, cwIds);
    const pendingValues = withoutIdentity(identities);
    const adopted = await store.identity.adoptedByUniqueValues(
      input.integrationId,
      input.entity,
      pendingValues,
    );
    const owners = await store.identity.ownersOfUniqueValues(
      input.integrationId,
      input.entity,
      pendingValues,
    );
    const plan = planUpsert({
      groupId: mapping.groupId,
      records,
      mappingFailures,
      done,
      identities,
      adopted,
      owners,
    });

    await store.staging.writeResults(input.mappedPageId, input.integrationId, input.entity, [
      ...plan.unchanged,
      ...plan.failures.map((f) => f.result),
    ]);
    await store.quarantine.add(
      input.runId,
      input.integrationId,
      input.entity,
      plan.failures
        .filter((f) => f.quarantine)
        .map((f) => ({ cwId: f.cwId, uniqueValue: f.uniqueValue, stage: 'upsert', reason: f.reason })),
    );

    const ctx: WriteContext = {
      ap: await deps.connections.assetpanda(input.integrationId),
      store,
      runId: input.runId,
      integrationId: input.integrationId,
      entity: input.entity,
      groupId: mapping.groupId,
      uniqueKey: mapping.spec.uniqueKey.target,
      pageId: input.mappedPageId,
      beforeWrite: () => {
        context.heartbeat();
        context.cancellationSignal.throwIfAborted();
      },
    };
    const recreate = await writeUpdates(ctx, plan.updates);
    await writeCreates(ctx, [...plan.creates, ...recreate]);

    // Counts cover the whole page, including what an earlier attempt wrote, so a retry reports the same.
    const all = await store.staging.results(input.mappedPageId);
    const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    const mappingFailed = new Set(mappingFailures.map((f) => f.cwId));
    for (const r of all.values()) {
      if (r.outcome === 'failed' && mappingFailed.has(r.cwId)) continue; // counted by map/filter
      counts[r.outcome] += 1;
    }
    return counts;
  };
}
