/**
 * archive missing (full runs only): objects whose ConnectWise record this run did not see (deleted, or
 * now outside the mapping's filters) are archived in Asset Panda. Before archiving, ConnectWise is asked
 * once more about exactly those records, so a record that was merely busy at the end of the read (held
 * back while it kept changing) is never archived. A safety valve stops the run instead when more than
 * the mapping's maxArchiveShare of its objects would go, since that usually means a broken filter or a
 * wrong account rather than a real clean-up.
 */
import { heartbeat } from '@temporalio/activity';
import { AssetPandaValidationError, MAX_BATCH } from '../connectors/assetpanda/index.js';
import { ConnectorError } from '../connectors/errors.js';
import { matchesFilters, planFilters } from '../mapping/filters.js';
import { neededFields } from '../mapping/needed-fields.js';
import type { Identity } from '../store/identity-map.js';
import type { Store } from '../store/index.js';
import type { Connections } from './connections.js';
import { fatal } from './failures.js';
import { conditionFilter } from './fetch-page.js';

/**
 * The stop date sent with an archive. The account's time zone is not in the API and whether a date in the
 * account's future is refused is UNDOCUMENTED, so we send the day it is at UTC-12: today or yesterday for
 * every account, never tomorrow.
 */
const stopDate = (): Date => new Date(Date.now() - 12 * 3_600_000);
import { arrayFieldTest, asEntity, sourceFields } from './source-fields.js';

/** Ids per ConnectWise re-check (keeps the URL well under 2000 characters). */
const RECHECK_IDS = 50;

export function makeArchiveMissing(deps: { store: Store; connections: Connections }) {
  return async function archiveMissing(input: {
    runId: string;
    integrationId: string;
    entity: string;
  }): Promise<{ archived: number; failed: number }> {
    heartbeat();
    const { store } = deps;
    const { integrationId, runId } = input;
    const entity = asEntity(input.entity);
    const mapping = await store.mappings.get(integrationId, entity);
    if (!mapping) throw fatal('MappingInvalid', `the mapping for ${entity} was deleted during the run`);
    const totals = async () => ({
      archived: (await store.runs.get(runId))?.stats.archived ?? 0,
      failed: await store.quarantine.count(runId, 'archive'),
    });
    if (!mapping.spec.options.archiveMissing) return totals();
    const live = await store.identity.count(integrationId, entity, { archived: false });
    const missing = await store.identity.countNotSeenSince(integrationId, entity, runId);
    if (missing === 0) return totals();
    const limit = mapping.spec.options.maxArchiveShare;
    if (missing / live > limit)
      throw fatal(
        'SafetyValve',
        `this full run would archive ${missing} of ${live} objects (${Math.round((missing / live) * 100)}%), more than the ` +
          `${Math.round(limit * 100)}% safety limit of the mapping; nothing was archived. If ConnectWise really lost these records, ` +
          `raise options.maxArchiveShare for this run and start it again; otherwise check the mapping's filters and the ConnectWise account.`,
        { missing, live, maxArchiveShare: limit },
      );

    const cw = await deps.connections.connectwise(integrationId);
    const ap = await deps.connections.assetpanda(integrationId);
    const plan = planFilters(mapping.spec.filters, arrayFieldTest(entity));
    const datetimes = new Set(
      sourceFields(entity)
        .filter((f) => f.type === 'datetime')
        .map((f) => f.path),
    );
    const childConditions = conditionFilter(plan.childConditions, datetimes);

    /** Of these records, the ones ConnectWise still has within the mapping's scope. */
    const stillPresent = async (ids: number[]): Promise<Set<number>> => {
      const present = new Set<number>();
      for (let i = 0; i < ids.length; i += RECHECK_IDS) {
        const part = ids.slice(i, i + RECHECK_IDS);
        const conditions = conditionFilter(
          [...plan.conditions, { field: 'id', op: 'in', value: part }],
          datetimes,
        );
        const page = await cw.list(entity, {
          ...(conditions ? { conditions } : {}),
          ...(childConditions ? { childConditions } : {}),
          fields: neededFields(mapping.spec),
          pageSize: RECHECK_IDS,
        });
        for (const record of page.records)
          if (typeof record.id === 'number' && matchesFilters(record, plan.postFetch)) present.add(record.id);
        heartbeat();
      }
      return present;
    };

    const archiveOne = async (item: Identity): Promise<boolean> => {
      try {
        await ap.archiveObjects(mapping.groupId, [item.apObjectId], stopDate());
        return true;
      } catch (err) {
        if (err instanceof ConnectorError && err.kind === 'not_found') return true; // already gone
        if (!(err instanceof AssetPandaValidationError)) throw err;
        await store.quarantine.add(runId, integrationId, entity, [
          {
            cwId: item.cwId,
            uniqueValue: item.uniqueValue,
            stage: 'archive',
            reason: `archive rejected by Asset Panda: ${err.message}`,
          },
        ]);
        return false;
      }
    };

    let after = -1;
    for (;;) {
      const batch = await store.identity.notSeenSince(integrationId, entity, runId, MAX_BATCH, after);
      if (batch.length === 0) break;
      after = batch[batch.length - 1]?.cwId ?? after;
      const present = await stillPresent(batch.map((i) => i.cwId));
      await store.identity.markSeen(integrationId, entity, [...present], runId);
      const gone = batch.filter((i) => !present.has(i.cwId));
      if (gone.length === 0) continue;
      let done: Identity[] = gone;
      try {
        await ap.archiveObjects(
          mapping.groupId,
          gone.map((i) => i.apObjectId),
          stopDate(), // the client writes it in the account's date format
        );
      } catch (err) {
        if (
          !(err instanceof AssetPandaValidationError) &&
          !(err instanceof ConnectorError && err.kind === 'not_found')
        )
          throw err;
        // One object the API will not archive must not hold back the others.
        done = [];
        for (const item of gone) if (await archiveOne(item)) done.push(item);
      }
      await store.identity.markArchived(
        integrationId,
        entity,
        done.map((i) => i.cwId),
        runId,
      );
      heartbeat();
    }
    return totals();
  };
}
