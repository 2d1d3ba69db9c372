/**
 * archive missing (full runs only): objects whose ConnectWise record this run did not see (deleted, or
 * now outside the mapping's filters) are archived in Asset Panda. A safety valve stops the run instead
 * when more than the mapping's maxArchiveShare of its objects would go, since that usually means a broken
 * filter or a wrong account rather than a real clean-up.
 */
import { heartbeat } from '@temporalio/activity';
import { AssetPandaValidationError, MAX_BATCH } from '../connectors/assetpanda/index.js';
import { ConnectorError } from '../connectors/errors.js';
import type { Identity } from '../store/identity-map.js';
import type { Store } from '../store/index.js';
import type { Connections } from './connections.js';
import { fatal } from './failures.js';

export function makeArchiveMissing(deps: { store: Store; connections: Connections }) {
  return async function archiveMissing(input: {
    runId: string;
    integrationId: string;
    entity: string;
  }): Promise<{ archived: number; failed: number }> {
    heartbeat();
    const { store } = deps;
    const { integrationId, entity, runId } = input;
    const mapping = await store.mappings.get(integrationId, entity);
    if (!mapping) throw fatal('MappingInvalid', `the mapping for ${entity} was deleted during the run`);
    if (!mapping.spec.options.archiveMissing) return { archived: 0, failed: 0 };
    const live = await store.identity.count(integrationId, entity, { archived: false });
    const missing = await store.identity.countNotSeenSince(integrationId, entity, runId);
    if (missing === 0) return { archived: 0, failed: 0 };
    const limit = mapping.spec.options.maxArchiveShare;
    if (missing / live > limit)
      throw fatal(
        'SafetyValve',
        `this full run would archive ${missing} of ${live} objects (${Math.round((missing / live) * 100)}%), more than the ` +
          `${Math.round(limit * 100)}% safety limit of the mapping; nothing was archived. If ConnectWise really lost these records, ` +
          `raise options.maxArchiveShare for this run and start it again; otherwise check the mapping's filters and the ConnectWise account.`,
        { missing, live, maxArchiveShare: limit },
      );

    const ap = await deps.connections.assetpanda(integrationId);
    // The client writes the stop date in the account's date format.
    const stopDate = new Date();
    let archived = 0;
    let failed = 0;
    let after = -1;
    const archiveOne = async (item: Identity): Promise<boolean> => {
      try {
        await ap.archiveObjects(mapping.groupId, [item.apObjectId], stopDate);
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
    for (;;) {
      const batch = await store.identity.notSeenSince(integrationId, entity, runId, MAX_BATCH, after);
      if (batch.length === 0) break;
      after = batch[batch.length - 1]?.cwId ?? after;
      let done: Identity[] = batch;
      try {
        await ap.archiveObjects(
          mapping.groupId,
          batch.map((i) => i.apObjectId),
          stopDate,
        );
      } catch (err) {
        if (
          !(err instanceof AssetPandaValidationError) &&
          !(err instanceof ConnectorError && err.kind === 'not_found')
        )
          throw err;
        // One object the API will not archive must not hold back the others.
        done = [];
        for (const item of batch) if (await archiveOne(item)) done.push(item);
        failed += batch.length - done.length;
      }
      await store.identity.markArchived(
        integrationId,
        entity,
        done.map((i) => i.cwId),
      );
      archived += done.length;
      heartbeat({ archived });
    }
    return { archived, failed };
  };
}
