/**
 * fetch page: reads the next ConnectWise page after the cursor (keyset order, filters pushed down into
 * conditions / childConditions, only the fields the mapping needs) and stages it in the store. The
 * workflow receives the page id, the count and the next cursor, never the records.
 */
import { heartbeat } from '@temporalio/activity';
import type { ConditionFilter } from '../connectors/connectwise/index.js';
import { planFilters } from '../mapping/filters.js';
import { neededFields } from '../mapping/needed-fields.js';
import type { Filter } from '../mapping/spec.js';
import type { Store } from '../store/index.js';
import type { FetchPageInput, FetchedPage } from '../workflows/sync-types.js';
import type { Connections } from './connections.js';
import { fatal } from './failures.js';
import { arrayFieldTest, asEntity, sourceFields } from './source-fields.js';

export const rawPageId = (runId: string, seq: number) => `${runId}/${seq}/raw`;

/** Records changed within this many ms of ConnectWise's clock wait for a later read (see keyset.ts). */
export const SETTLE_MS = 2000;

/** Mapping filters as the connector's condition data; datetimes are marked so they go in brackets. */
export function conditionFilter(
  filters: readonly Filter[],
  datetimePaths: ReadonlySet<string>,
): ConditionFilter | undefined {
  if (filters.length === 0) return undefined;
  return {
    and: filters.map((f) => ({
      field: f.field,
      op: f.op,
      ...(f.value === undefined ? {} : { value: f.value }),
      ...(datetimePaths.has(f.field) ? { type: 'datetime' as const } : {}),
    })),
  };
}

export function makeFetchPage(deps: { store: Store; connections: Connections }) {
  return async function fetchPage(input: FetchPageInput): Promise<FetchedPage> {
    heartbeat();
    const entity = asEntity(input.entity);
    const mapping = await deps.store.mappings.get(input.integrationId, entity);
    if (!mapping) throw fatal('MappingInvalid', `the mapping for ${entity} was deleted during the run`);
    const plan = planFilters(mapping.spec.filters, arrayFieldTest(entity));
    const datetimes = new Set(
      sourceFields(entity)
        .filter((f) => f.type === 'datetime')
        .map((f) => f.path),
    );
    datetimes.add('lastUpdated');
    const conditions = conditionFilter(plan.conditions, datetimes);
    const childConditions = conditionFilter(plan.childConditions, datetimes);

    const cw = await deps.connections.connectwise(input.integrationId);
    const page = await cw.readKeysetPage(entity, {
      cursor: input.cursor ? { lastUpdated: input.cursor.lastUpdated, id: input.cursor.lastId } : null,
      pageSize: input.pageSize,
      fields: neededFields(mapping.spec),
      settleMs: SETTLE_MS,
      ...(conditions ? { conditions } : {}),
      ...(childConditions ? { childConditions } : {}),
    });
    heartbeat();
    const id = await deps.store.staging.stage(
      input.runId,
      'raw',
      { records: page.records },
      page.records.length,
      rawPageId(input.runId, input.seq),
    );
    const settleInMs =
      page.heldBackUntil && page.serverTime
        ? Math.max(0, Date.parse(page.heldBackUntil) - Date.parse(page.serverTime))
        : null;
    return {
      rawPageId: id,
      count: page.records.length,
      nextCursor: page.nextCursor
        ? { lastUpdated: page.nextCursor.lastUpdated, lastId: page.nextCursor.id }
        : input.cursor,
      done: page.done,
      heldBack: page.heldBack,
      settleInMs,
    };
  };
}
